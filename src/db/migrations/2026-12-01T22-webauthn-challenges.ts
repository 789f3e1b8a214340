// Passkeys (WebAuthn): the challenges of registrations and sign-ins, kept server-side. Each is bound
// to the browser session it was made for (the account page, a sign-in step) or, for a sign-in with a
// passkey alone, to the attempt's own cookie (its hash here); single use, about 60 seconds.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  // Identifiers compare byte by byte on PostgreSQL too (see 2026-12-01T21-keys-in-c-collation).
  const key = pg ? 'text collate "C"' : 'text'
  const statements = [
    `create table webauthn_challenges (
      id ${key} primary key,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      user_id ${key} references users(id) on delete cascade,
      session_id ${key} references sessions(id) on delete cascade,
      attempt_hash ${key},
      purpose ${key} not null,
      challenge ${key} not null unique,
      expires_at ${int8} not null,
      created_at ${int8} not null)`,
    `create index webauthn_challenges_session on webauthn_challenges (session_id)`,
    `create index webauthn_challenges_attempt on webauthn_challenges (attempt_hash)`,
    `create index webauthn_challenges_expiry on webauthn_challenges (expires_at)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
