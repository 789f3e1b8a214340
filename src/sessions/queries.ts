import type { Kysely } from 'kysely'
import type { DB } from '../db/database.js'
import { preparedQuery } from '../db/prepared.js'
import type { Database, SessionsTable } from '../db/types.js'

export type SessionRow = SessionsTable

// Every request with a session cookie makes this read: prepared.
const sessionActor = preparedQuery((db, secretHash: string) => db
  .selectFrom('sessions as s')
  .innerJoin('users as u', 'u.id', 's.user_id')
  .innerJoin('roles as r', 'r.id', 'u.role_id')
  .innerJoin('tenants as t', 't.id', 's.tenant_id')
  .select([
    's.id as session_id', 's.state', 's.pending_steps', 's.csrf_token', 's.campaign_id', 's.last_seen_at',
    's.idle_expires_at', 's.expires_at',
    'u.id as user_id', 'u.username', 'u.active as user_active', 'u.locked_at', 'u.locked_until', 'u.tenant_id', 'u.role_id', 'u.restrict_view',
    'r.permissions', 't.slug as tenant_slug', 't.active as tenant_active', 't.settings as tenant_settings',
  ])
  .where('s.secret_hash', '=', secretHash))

export async function findSessionActor(db: DB, secretHash: string) {
  return (await sessionActor(db, secretHash))[0]
}

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

export async function updateSession(db: Kysely<Database>, id: string, set: Partial<Omit<SessionRow, 'id' | 'user_id' | 'tenant_id'>>): Promise<void> {
  await db.updateTable('sessions').set(set).where('id', '=', id).execute()
}

/** Extends a session's idle time-out, never past its absolute end. */
export async function touchSession(db: Kysely<Database>, id: string, now: number, idleExpiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, idle_expires_at: idleExpiresAt }).where('id', '=', id).execute()
}

export async function findSession(db: Kysely<Database>, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of the user but `keep`; returns how many ended. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, keep?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keep) query = query.where('id', '!=', keep)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** The user's sessions that have not ended, newest first. */
export async function listLiveSessions(db: Kysely<Database>, userId: string, now: number) {
  return db.selectFrom('sessions').selectAll()
    .where('user_id', '=', userId).where('expires_at', '>', now).where('idle_expires_at', '>', now)
    .orderBy('created_at', 'desc').limit(200).execute()
}

/** Removes sessions that ended (time-outs); returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)])).executeTakeFirst()
  return Number(result.numDeletedRows)
}
