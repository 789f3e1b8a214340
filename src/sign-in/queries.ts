import { sql, type Kysely, type Selectable, type Updateable } from 'kysely'
import { preparedQuery } from '../db/prepared.js'
import { dialectOf } from '../db/dialect.js'
import type { Database, SignInCountersTable, UsersTable } from '../db/types.js'

// Every sign-in makes this read: the tenant, the user if there is one, and whether the user has a
// second factor, in one prepared statement.
const signInSubject = preparedQuery((db, tenantSlug: string, usernameKey: string) => db
  .selectFrom('tenants as t')
  .leftJoin('users as u', (join) => join.onRef('u.tenant_id', '=', 't.id').on('u.username_key', '=', usernameKey))
  .select([
    't.id as t_id', 't.slug as t_slug', 't.active as t_active', 't.settings as t_settings',
    'u.id', 'u.tenant_id', 'u.username', 'u.role_id', 'u.active', 'u.password_hash', 'u.password_changed_at',
    'u.locked_at', 'u.locked_until', 'u.required_actions', 'u.choose_campaign_at_login',
  ])
  .select((eb) => eb.exists(eb.selectFrom('second_factors as f').select('f.id').whereRef('f.user_id', '=', 'u.id').where('f.confirmed', '=', 1)).as('has_second_factor'))
  .where('t.slug', '=', tenantSlug))

/** What signing in needs to know of a user. */
export type SignInUser = Pick<Selectable<UsersTable>, 'id' | 'tenant_id' | 'username' | 'role_id' | 'active' | 'password_hash' | 'password_changed_at'
  | 'locked_at' | 'locked_until' | 'required_actions' | 'choose_campaign_at_login'> & { hasSecondFactor: boolean }

export interface SignInTenant { id: string; slug: string; active: number; settings: string }

export async function findSignInSubject(db: Kysely<Database>, tenantSlug: string, usernameKey: string): Promise<{ tenant?: SignInTenant; user?: SignInUser }> {
  const row = (await signInSubject(db, tenantSlug, usernameKey))[0]
  if (!row) return {}
  const tenant = { id: row.t_id, slug: row.t_slug, active: row.t_active, settings: row.t_settings }
  if (row.id === null) return { tenant }
  return {
    tenant,
    user: {
      id: row.id, tenant_id: row.tenant_id!, username: row.username!, role_id: row.role_id!, active: row.active!, password_hash: row.password_hash,
      password_changed_at: row.password_changed_at, locked_at: row.locked_at, locked_until: row.locked_until, required_actions: row.required_actions!,
      choose_campaign_at_login: row.choose_campaign_at_login!, hasSecondFactor: Boolean(row.has_second_factor),
    },
  }
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

/**
 * After a right password, in one statement: the username's count starts again, and the client
 * address gets back the attempt it was charged (a success must not count against it).
 */
export async function clearAfterSuccess(db: Kysely<Database>, nameKey: string, ipKey: string | null): Promise<void> {
  await db.updateTable('sign_in_counters')
    .set({
      failures: sql`case when key = ${nameKey} then 0 when failures > 0 then failures - 1 else 0 end`,
      blocked_until: sql`case when key = ${nameKey} then 0 else blocked_until end`,
    })
    .where('key', 'in', ipKey ? [nameKey, ipKey] : [nameKey]).execute()
}

/**
 * Replaces a hash made with older parameters by one made now, of the same password: only if the
 * stored hash is still the one that was checked (a password change in the meantime wins).
 */
export async function upgradePasswordHash(db: Kysely<Database>, userId: string, checked: string, upgraded: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: upgraded }).where('id', '=', userId).where('password_hash', '=', checked).execute()
}

/** Sign-in bookkeeping on the user row; not an edit of the user, so the version stays. */
export async function setUserSignInState(
  db: Kysely<Database>, userId: string,
  set: Partial<Pick<Updateable<UsersTable>, 'locked_at' | 'locked_until' | 'active' | 'last_login_at' | 'last_login_ip' | 'last_login_browser'>>,
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', userId).execute()
}

/** The user's required actions after one was completed: an administrator's field, so a new version. */
export async function setRequiredActions(db: Kysely<Database>, userId: string, requiredActions: string): Promise<void> {
  await db.updateTable('users').set((eb) => ({ required_actions: requiredActions, version: eb('version', '+', 1) })).where('id', '=', userId).execute()
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
