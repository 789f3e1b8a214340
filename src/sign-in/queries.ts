import { sql, type Kysely, type Updateable } from 'kysely'
import { dialectOf } from '../db/dialect.js'
import type { Database, SignInCountersTable, UsersTable } from '../db/types.js'

export async function findSignInUser(db: Kysely<Database>, tenantId: string, usernameKey: string) {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('username_key', '=', usernameKey).executeTakeFirst()
}

export type Counter = SignInCountersTable

/**
 * Reads the counters of these keys for an update, creating missing ones at zero. On PostgreSQL the
 * rows stay locked until the transaction ends, so parallel attempts on one key take turns (SQLite
 * runs one write transaction at a time anyway). Keys are locked in sorted order: no deadlocks.
 */
export async function lockCounters(trx: Kysely<Database>, keys: string[]): Promise<Counter[]> {
  const sorted = [...new Set(keys)].sort()
  await trx.insertInto('sign_in_counters').values(sorted.map((key) => ({ key, failures: 0, last_failure_at: 0, blocked_until: 0 })))
    .onConflict((oc) => oc.column('key').doNothing()).execute()
  let query = trx.selectFrom('sign_in_counters').selectAll().where('key', 'in', sorted).orderBy('key')
  if (dialectOf(trx) === 'postgres') query = query.forUpdate()
  return query.execute()
}

export async function setCounter(trx: Kysely<Database>, counter: Counter): Promise<void> {
  const { key, ...set } = counter
  await trx.updateTable('sign_in_counters').set(set).where('key', '=', key).execute()
}

/** Gives back one counted attempt (a success from an address must not count against it). */
export async function releaseAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('sign_in_counters').set({ failures: sql`failures - 1` }).where('key', '=', key).where('failures', '>', 0).execute()
}

/** Sign-in bookkeeping on the user row; not an edit of the user, so the version stays. */
export async function setUserSignInState(
  db: Kysely<Database>, userId: string,
  set: Partial<Pick<Updateable<UsersTable>, 'locked_at' | 'locked_until' | 'active' | 'last_login_at' | 'last_login_ip' | 'last_login_browser'>>,
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', userId).execute()
}

export async function findUserCampaigns(db: Kysely<Database>, userId: string) {
  return db.selectFrom('user_campaigns as uc').innerJoin('campaigns as c', 'c.id', 'uc.campaign_id')
    .select(['c.id', 'c.name', 'c.active']).where('uc.user_id', '=', userId).orderBy('c.name_key').execute()
}

/** Removes counters whose last failure is older than the window (they count as zero anyway). */
export async function deleteStaleCounters(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('sign_in_counters').where('last_failure_at', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
