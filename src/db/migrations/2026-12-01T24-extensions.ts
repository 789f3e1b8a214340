// Internal numbers (extensions, Connectel): unique in the tenant, generated from the tenant's range
// or entered by hand, and never changed afterwards.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const int8 = dialectOf(db) === 'postgres' ? 'bigint' : 'integer'
  for (const statement of [
    `alter table users add column extension ${int8}`,
    `create unique index users_tenant_extension on users (tenant_id, extension) where extension is not null`,
  ]) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
