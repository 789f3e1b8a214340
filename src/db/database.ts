// Opens the database (SQLite file or PostgreSQL) and runs the migrations.
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type Migration, type MigrationProvider } from 'kysely'
import type { DatabaseConfig } from '../config.js'
import { dialectOf } from './dialect.js'
import { preparedStatementName } from './prepared.js'
import type { Database } from './types.js'
import * as directory from './migrations/2026-11-24-directory.js'
import * as usersSearchUuid from './migrations/2026-11-24-users-search-uuid.js'
import * as signIn from './migrations/2026-11-24T19-sign-in.js'
import * as secondFactors from './migrations/2026-11-24T20-second-factors.js'
import * as oneTimeCodes from './migrations/2026-11-24T21-one-time-codes.js'
import * as searchWords from './migrations/2026-12-01-search-words.js'
import * as keysInC from './migrations/2026-12-01T21-keys-in-c-collation.js'
import * as webauthnChallenges from './migrations/2026-12-01T22-webauthn-challenges.js'
import * as userKinds from './migrations/2026-12-01T23-user-kinds.js'
import * as extensions from './migrations/2026-12-01T24-extensions.js'
import * as voice from './migrations/2026-12-01T25-voice.js'
import * as presence from './migrations/2026-12-01T26-presence.js'
import * as userGroups from './migrations/2026-12-07T00-user-groups.js'
import * as skills from './migrations/2026-12-07T01-skills.js'
import * as avatars from './migrations/2026-12-07T02-avatars.js'

export type DB = Kysely<Database>

// Append-only: add new migrations at the end, named by date.
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24-directory': directory,
  '2026-11-24-users-search-uuid': usersSearchUuid,
  '2026-11-24T19-sign-in': signIn,
  '2026-11-24T20-second-factors': secondFactors,
  '2026-11-24T21-one-time-codes': oneTimeCodes,
  '2026-12-01-search-words': searchWords,
  '2026-12-01T21-keys-in-c-collation': keysInC,
  '2026-12-01T22-webauthn-challenges': webauthnChallenges,
  '2026-12-01T23-user-kinds': userKinds,
  '2026-12-01T24-extensions': extensions,
  '2026-12-01T25-voice': voice,
  '2026-12-01T26-presence': presence,
  '2026-12-07T00-user-groups': userGroups,
  '2026-12-07T01-skills': skills,
  '2026-12-07T02-avatars': avatars,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

// pg returns bigint (int8) as text by default; our int8 columns are epoch milliseconds and row
// numbers, far below 2^53, so numbers are safe and keep both engines returning the same types.
pg.types.setTypeParser(20, (value) => Number(value))

/**
 * Settings of every PostgreSQL connection: work_mem, since the search panel hashes the keys of up to
 * one user in ten (see planSearch) and the default 4 MB could make it rescan them for every row; no
 * parallel workers, since a directory's queries are short and many: starting workers and the bitmap
 * scans they favour made a campaign of 2,828 users take 21 ms instead of 12 (docs/benchmarks.md).
 */
export const postgresSessionOptions = (schema?: string) =>
  `-c work_mem=32MB -c max_parallel_workers_per_gather=0${schema ? ` -c search_path=${schema},public` : ''}`

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string
  poolSize?: number
  /** Sees every query with its SQL, parameters and duration (benchmarks use it). */
  log?: (event: LogEvent) => void
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): DB {
  if (config.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10, options: postgresSessionOptions(options.schema) })
    pool.on('connect', namePreparedStatements)
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) })
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true })
  const sqlite = new SQLite(config.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -65536')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), ...(options.log ? { log: options.log } : {}) })
}

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it each time; for the SQL of
 * preparedQuery()s this connection uses a named statement instead, prepared on its first run. A
 * statement prepared before a migration changed the columns it returns fails once with 0A000
 * ("cached plan must not change result type"): it is then prepared again under a new name.
 */
function namePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: string | pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>
  let generation = 0
  const named = (name: string, text: string, values: unknown[] | undefined) => query({ name: `${name}_${generation}`, text, values: values ?? [] })
  client.query = ((text: string | pg.QueryConfig, values?: unknown[]) => {
    const name = typeof text === 'string' ? preparedStatementName(text) : undefined
    if (name === undefined) return query(text, values)
    return named(name, text as string, values).catch((error: { code?: string }) => {
      if (error.code !== '0A000') throw error
      generation++
      return named(name, text as string, values)
    })
  }) as typeof client.query
}

/**
 * Kysely prepares every query anew, and on SQLite preparing costs more than running most of ours
 * (see docs/benchmarks.md): keep the most recently used statements. A statement still being
 * iterated is busy and cannot be shared, so that case prepares a fresh one.
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000): { close(): void; prepare(sql: string): SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text)
      if (cached && !cached.busy) {
        // Map order is insertion order: move it to the end, so that the oldest is the least recently used.
        cache.delete(text)
        cache.set(text, cached)
        return cached
      }
      const statement = sqlite.prepare(text)
      cache.set(text, statement)
      if (cache.size > size) cache.delete(cache.keys().next().value!)
      return statement
    },
  }
}

/** Brings the schema up to date. Safe to run any number of times, also from several processes. */
export async function migrate(db: DB): Promise<string[]> {
  // Kysely must be told the schema on PostgreSQL: otherwise it takes another schema's
  // kysely_migration table (say, a test run's in the same database) for ours and skips migrations.
  const schema = dialectOf(db) === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
