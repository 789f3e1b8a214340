// Runs a test suite once per database engine: SQLite always, PostgreSQL when it is reachable.
// Each suite gets its own empty database (SQLite in memory; a fresh PostgreSQL schema).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import { migrate, openDatabase, type DB } from '../src/db/database.js'
import type { DialectName } from '../src/db/dialect.js'
import { SecretBox } from '../src/auth/secret-box.js'
import { buildApp, type App } from '../src/http/app.js'
import { createAdmin, createApiKeyFor, ensurePlatform } from '../src/setup/service.js'

export const ENGINES: DialectName[] = ['sqlite', 'postgres']

export interface TestEnv {
  engine: DialectName
  db: DB
  app: App
  /** API key of the platform administrator. */
  platformKey: string
  /** The development outbox, where this suite's emails and SMS go. */
  outboxFile: string
}

export function postgresUrl(): string {
  return inject('postgresUrl')
}

/** Opens an empty, migrated database on the engine; returns it and a function that removes it. */
export async function openTestDatabase(engine: DialectName): Promise<{ db: DB; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const db = openDatabase({ dialect: 'sqlite', file: ':memory:' })
    await migrate(db)
    return { db, drop: () => db.destroy() }
  }
  const url = postgresUrl()
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const db = openDatabase({ dialect: 'postgres', url }, { schema, poolSize: 5 })
  await migrate(db)
  return {
    db,
    drop: async () => {
      await db.destroy()
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`drop schema ${schema} cascade`)
      await client.end()
    },
  }
}

/**
 * describe() once per engine. The PostgreSQL half is skipped, saying so, when no server answers
 * (set GATEHOUSE_TEST_DATABASE_URL, or start the local one, to run it).
 */
export function describeEachEngine(name: string, suite: (env: () => TestEnv) => void): void {
  for (const engine of ENGINES) {
    const run = engine === 'sqlite' || postgresUrl() !== ''
    const title = `${name} [${engine}]`
    ;(run ? describe : describe.skip)(run ? title : `${title} (skipped: no PostgreSQL; see README "Tests")`, () => {
      let env: TestEnv | undefined
      let drop: (() => Promise<void>) | undefined
      let outboxFile = ''
      beforeAll(async () => {
        outboxFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-outbox-')), 'outbox.jsonl')
        const opened = await openTestDatabase(engine)
        drop = opened.drop
        const db = opened.db
        await ensurePlatform(db, { username: 'admin', password: 'platform-admin-password' })
        const { key } = await createApiKeyFor(db, { tenantSlug: 'system', username: 'admin', name: 'tests' })
        const app = await buildApp({ db, config: { trustProxy: false, logLevel: 'silent' }, logger: false, secrets: SecretBox.fromKey(randomBytes(32)), messages: { smtpUrl: undefined, mailFrom: 'gatehouse@test', smsWebhookUrl: undefined, outboxFile } })
        await app.ready()
        env = { engine, db, app, platformKey: key, outboxFile }
      })
      afterAll(async () => {
        await env?.app.close()
        await drop?.()
      })
      suite(() => {
        if (!env) throw new Error('the test environment is not ready')
        return env
      })
    })
  }
}

export { createAdmin, createApiKeyFor }
