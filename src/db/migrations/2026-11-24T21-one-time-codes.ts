// One-time codes sent by email or SMS: password resets, invitations, email verification.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const int8 = dialectOf(db) === 'postgres' ? 'bigint' : 'integer'
  const statements = [
    `create table one_time_codes (
      id text primary key,
      tenant_id text not null references tenants(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      purpose text not null,
      channel text not null,
      code_hash text not null,
      attempts integer not null,
      expires_at ${int8} not null,
      used_at ${int8},
      created_at ${int8} not null)`,
    `create index one_time_codes_user on one_time_codes (user_id, purpose, created_at)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
