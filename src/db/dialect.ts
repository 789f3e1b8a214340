import { PostgresAdapter } from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

/**
 * Locks the rows a query reads until the transaction ends, so that a read-check-write in one
 * transaction cannot interleave with another's (PostgreSQL). SQLite runs one writer at a time anyway.
 */
export function lockedForUpdate<Q extends { forUpdate(): Q }>(db: { getExecutor(): { adapter: unknown } }, query: Q, lock: boolean): Q {
  return lock && dialectOf(db) === 'postgres' ? query.forUpdate() : query
}

/** Which engine a Kysely instance talks to; used where SQL must differ (search, upserts, DDL). */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
