// Second factors: TOTP authenticators (secret sealed with the configured key) and, later, passkeys,
// in one table; recovery codes (keyed hashes) in another.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const statements = [
    `create table second_factors (
      id text primary key,
      tenant_id text not null references tenants(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      kind text not null,
      name text not null,
      secret text,
      credential_id text unique,
      public_key text,
      sign_count ${int8},
      transports text,
      confirmed integer not null,
      last_used_step ${int8},
      created_at ${int8} not null,
      last_used_at ${int8})`,
    `create index second_factors_user on second_factors (user_id)`,
    `create table recovery_codes (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      code_hash text not null,
      used_at ${int8},
      created_at ${int8} not null)`,
    `create index recovery_codes_user on recovery_codes (user_id)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
