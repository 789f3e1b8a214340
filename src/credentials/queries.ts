import type { Kysely } from 'kysely'
import type { Database } from '../db/types.js'

/** The most recent password hashes of the user (the current one first). */
export async function recentPasswordHashes(db: Kysely<Database>, userId: string, count: number): Promise<string[]> {
  if (count <= 0) return []
  const rows = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(count).execute()
  return rows.map((r) => r.password_hash)
}

export async function insertPasswordHistory(db: Kysely<Database>, row: Database['password_history']): Promise<void> {
  await db.insertInto('password_history').values(row).execute()
}

/** Keeps the newest `keep` entries (the policy asks for at most 24). */
export async function prunePasswordHistory(db: Kysely<Database>, userId: string, keep: number): Promise<void> {
  const kept = db.selectFrom('password_history').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(keep)
  await db.deleteFrom('password_history').where('user_id', '=', userId).where('id', 'not in', kept).execute()
}

export async function setUserPassword(db: Kysely<Database>, userId: string, set: { password_hash: string; password_changed_at: number; required_actions: string; updated_at: number; updated_by: string }): Promise<void> {
  await db.updateTable('users').set((eb) => ({ ...set, version: eb('version', '+', 1) })).where('id', '=', userId).execute()
}

/** An administrator's lock: until someone unlocks it (no end time); an edit of the user, so the version moves. */
export async function setUserLock(db: Kysely<Database>, userId: string, by: string, now: number): Promise<void> {
  await db.updateTable('users').set((eb) => ({ locked_at: now, locked_until: null, updated_at: now, updated_by: by, version: eb('version', '+', 1) }))
    .where('id', '=', userId).execute()
}

export async function clearUserLock(db: Kysely<Database>, userId: string, by: string, now: number): Promise<void> {
  await db.updateTable('users').set((eb) => ({ locked_at: null, locked_until: null, updated_at: now, updated_by: by, version: eb('version', '+', 1) }))
    .where('id', '=', userId).execute()
}
