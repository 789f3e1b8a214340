// Sign-in: browser sessions, attempt counters for throttling and lockout, locks and required
// actions on users, and the password history the policy checks against.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const statements = [
    // A session is 'pending' from the moment the password is proven until every further step
    // (second factor, required actions, campaign choice) is done; only an 'active' one opens the API.
    `create table sessions (
      id text primary key,
      secret_hash text not null unique,
      tenant_id text not null references tenants(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      state text not null,
      pending_steps text not null,
      csrf_token text not null,
      campaign_id text references campaigns(id) on delete set null,
      authenticated_with text not null,
      client_ip text,
      user_agent text not null,
      browser text not null,
      created_at ${int8} not null,
      last_seen_at ${int8} not null,
      idle_expires_at ${int8} not null,
      expires_at ${int8} not null)`,
    `create index sessions_user on sessions (user_id, created_at)`,
    `create index sessions_expiry on sessions (expires_at)`,

    // Counters of sign-in attempts, one row per key ('name:<tenant>:<username>', 'ip:<address>',
    // later 'factor:<user>'). An attempt is counted, and the next one delayed, before the password
    // is checked, under a row lock, so parallel guesses cannot slip past the limits.
    `create table sign_in_counters (
      key text primary key,
      failures integer not null,
      last_failure_at ${int8} not null,
      blocked_until ${int8} not null)`,

    `alter table users add column locked_at ${int8}`,
    // null with locked_at set: locked until an administrator unlocks.
    `alter table users add column locked_until ${int8}`,
    `alter table users add column required_actions text not null default '[]'`,

    `create table password_history (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      password_hash text not null,
      created_at ${int8} not null)`,
    `create index password_history_user on password_history (user_id, created_at)`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
