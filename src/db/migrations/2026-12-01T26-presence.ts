// Queue presence (Puzzel): whether a user is logged on to the contact-centre queues, since when,
// and with which profile, as the telephony (ACD) reports it. Operational state beside the last
// sign-in fields, not an edit of the user: its own permission, given to the built-in Administrators
// and meant for a machine API key.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'
import { grantToBuiltinRoles } from './grant.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const key = pg ? 'text collate "C"' : 'text'
  for (const statement of [
    `alter table users add column presence_state text not null default 'logged_off'`,
    `alter table users add column presence_since ${int8}`,
    `alter table users add column presence_profile_id ${key}`,
  ]) await sql.raw(statement).execute(db)
  await grantToBuiltinRoles(db, ['administrator'], ['presence:write'])
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
