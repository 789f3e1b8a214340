// Finds out once whether PostgreSQL is reachable, so every test file can run its PostgreSQL half or
// skip it with a plain reason.
import pg from 'pg'
import type { TestProject } from 'vitest/node'

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
    await client.query('create extension if not exists pg_trgm')
    return null
  } catch (error) {
    return (error as Error).message
  } finally {
    await client.end().catch(() => undefined)
  }
}

// GATEHOUSE_TEST_POSTGRES: "off" skips the PostgreSQL half; "required" (CI) fails the run without it.
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.GATEHOUSE_TEST_DATABASE_URL ?? DEFAULT_PG_URL
  const mode = process.env.GATEHOUSE_TEST_POSTGRES ?? 'auto'
  let problem = mode === 'off' ? 'GATEHOUSE_TEST_POSTGRES=off' : await reachable(url)
  if (problem && mode !== 'off') problem = await reachable(url) // one more try: a busy machine can be slow to accept
  if (problem && mode === 'required') throw new Error(`PostgreSQL is required (GATEHOUSE_TEST_POSTGRES=required) but ${url} failed: ${problem}`)
  project.provide('postgresUrl', problem ? '' : url)
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}
