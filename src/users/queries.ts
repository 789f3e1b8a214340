import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import type { DialectName } from '../db/dialect.js'
import type { Database, UsersTable } from '../db/types.js'
import { lockedForUpdate } from '../db/dialect.js'
import { preparedQuery } from '../db/prepared.js'

export type UserRow = Selectable<UsersTable>
export type UserInsert = Insertable<UsersTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findUserById = async (db: Kysely<Database>, id: string, lock = false) =>
  lock ? lockedForUpdate(db, userByIdQuery(db, id), lock).executeTakeFirst() : (await userById(db, id))[0]

const userByIdQuery = (db: Kysely<Database>, id: string) => db.selectFrom('users').selectAll().where('id', '=', id)
const userById = preparedQuery(userByIdQuery)

export async function insertUser(db: Kysely<Database>, row: UserInsert): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

export async function updateUserRow(db: Kysely<Database>, id: string, version: number, changes: Partial<UserInsert>): Promise<boolean> {
  const result = await db.updateTable('users').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteUserRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute()
}

export async function replaceUserCampaigns(db: Kysely<Database>, userId: string, tenantId: string, campaignIds: string[]): Promise<void> {
  await db.deleteFrom('user_campaigns').where('user_id', '=', userId).execute()
  if (campaignIds.length) await db.insertInto('user_campaigns').values(campaignIds.map((campaign_id) => ({ user_id: userId, campaign_id, tenant_id: tenantId }))).execute()
}

export async function replaceUserTeams(db: Kysely<Database>, userId: string, tenantId: string, teamIds: string[]): Promise<void> {
  await db.deleteFrom('user_teams').where('user_id', '=', userId).execute()
  if (teamIds.length) await db.insertInto('user_teams').values(teamIds.map((team_id) => ({ user_id: userId, team_id, tenant_id: tenantId }))).execute()
}

export interface IdentityRow { id: string; environment: string; environment_key: string; username: string; username_key: string }

export async function replaceUserIdentities(db: Kysely<Database>, userId: string, tenantId: string, identities: IdentityRow[]): Promise<void> {
  await db.deleteFrom('user_identities').where('user_id', '=', userId).execute()
  if (identities.length) {
    await db.insertInto('user_identities')
      .values(identities.map((identity, position) => ({ ...identity, user_id: userId, tenant_id: tenantId, position })))
      .execute()
  }
}

export interface UserLinks {
  campaignIds: string[]
  teamIds: string[]
  identities: Array<{ environment: string; username: string }>
}

/**
 * The campaigns, teams and identities of several users, and the usernames of some editors: one
 * statement (UNION ALL) whatever the number of users, since every round trip counts on a page read.
 */
function userLinksQuery(db: Kysely<Database>, userIds: string[], editorIds: string[]) {
  const none = sql<string | null>`null`
  let query = db.selectFrom('user_campaigns')
    .select([sql<string>`'campaign'`.as('kind'), 'user_id as owner', 'campaign_id as value', none.as('extra'), sql<number>`0`.as('position')])
    .where('user_id', 'in', userIds)
    .unionAll(db.selectFrom('user_teams')
      .select([sql<string>`'team'`.as('kind'), 'user_id as owner', 'team_id as value', none.as('extra'), sql<number>`0`.as('position')])
      .where('user_id', 'in', userIds))
    .unionAll(db.selectFrom('user_identities')
      .select([sql<string>`'identity'`.as('kind'), 'user_id as owner', 'environment as value', 'username as extra', 'position'])
      .where('user_id', 'in', userIds))
  if (editorIds.length) {
    query = query.unionAll(db.selectFrom('users')
      .select([sql<string>`'editor'`.as('kind'), 'id as owner', 'username as value', none.as('extra'), sql<number>`0`.as('position')])
      .where('id', 'in', editorIds))
  }
  return query
}

// One user (GET /users/{id}, every write's answer): prepared, as each request makes it.
const linksOfUser = preparedQuery((db, userId: string) => userLinksQuery(db, [userId], []))
const linksOfUserAndEditor = preparedQuery((db, userId: string, editorId: string) => userLinksQuery(db, [userId], [editorId]))

/** Campaigns, teams and identities of these users, and the usernames of these editors, in one query. */
export async function findUserLinks(db: Kysely<Database>, userIds: string[], editorIds: string[]) {
  const links = new Map<string, UserLinks>(userIds.map((id) => [id, { campaignIds: [], teamIds: [], identities: [] }]))
  const usernames = new Map<string, string>()
  if (!userIds.length) return { links, usernames }
  const rows = userIds.length === 1 && editorIds.length === 0 ? await linksOfUser(db, userIds[0]!)
    : userIds.length === 1 && editorIds.length === 1 ? await linksOfUserAndEditor(db, userIds[0]!, editorIds[0]!)
      : await userLinksQuery(db, userIds, editorIds).execute()
  rows.sort((a, b) => a.position - b.position)
  for (const row of rows) {
    if (row.kind === 'editor') {
      usernames.set(row.owner, row.value)
      continue
    }
    const of = links.get(row.owner)!
    if (row.kind === 'campaign') of.campaignIds.push(row.value)
    else if (row.kind === 'team') of.teamIds.push(row.value)
    else of.identities.push({ environment: row.value, username: row.extra! })
  }
  for (const of of links.values()) {
    of.campaignIds.sort()
    of.teamIds.sort()
  }
  return { links, usernames }
}

export const findCampaignsOfTenant = (db: Kysely<Database>, tenantId: string, ids: string[]) =>
  ids.length ? db.selectFrom('campaigns').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([])

export const findTeamsOfTenant = (db: Kysely<Database>, tenantId: string, ids: string[]) =>
  ids.length ? db.selectFrom('teams').select(['id']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([])

export interface UniqueValues {
  username_key?: string
  email_key?: string | null
  employee_number?: string | null
  agent_id?: number | null
}

/** Which of these unique values another user of the tenant already has. */
export async function findTakenValues(db: Kysely<Database>, tenantId: string, values: UniqueValues, exceptUserId: string | null) {
  const checks = Object.entries(values).filter(([, v]) => v !== undefined && v !== null) as Array<[keyof UniqueValues, string | number]>
  if (!checks.length) return []
  let query = db.selectFrom('users').select(['username_key', 'email_key', 'employee_number', 'agent_id']).where('tenant_id', '=', tenantId)
    .where((eb) => eb.or(checks.map(([column, value]) => eb(column, '=', value))))
  if (exceptUserId) query = query.where('id', '!=', exceptUserId)
  const rows = await query.limit(10).execute()
  return checks.filter(([column, value]) => rows.some((row) => row[column] === value)).map(([column]) => column)
}

export async function findTakenIdentities(db: Kysely<Database>, tenantId: string, identities: IdentityRow[], exceptUserId: string | null) {
  if (!identities.length) return []
  let query = db.selectFrom('user_identities').select(['environment_key', 'username_key']).where('tenant_id', '=', tenantId)
    .where((eb) => eb.or(identities.map((i) => eb.and([eb('environment_key', '=', i.environment_key), eb('username_key', '=', i.username_key)]))))
  if (exceptUserId) query = query.where('user_id', '!=', exceptUserId)
  return query.execute()
}

export interface UserFilter {
  tenantId: string | null
  /** Search terms, already in search form (lower case, no accents). */
  terms: string[]
  active?: boolean
  campaignId?: string
  roleId?: string
  teamId?: string
  /**
   * Which conditions find their rows through their own index ("drive") rather than being checked
   * on each row met while walking the sort index. SQLite's planner cannot tell a campaign of 3,000
   * users from one of 400,000, so the service decides from user_counts (see planSearch). On
   * PostgreSQL, whose planner has per-value statistics, only `text: 'probe'` changes the query.
   */
  drive?: { text: TextWay; links: boolean; role: boolean }
}

/**
 * Three ways to find text: 'drive' reads each match (few matches); 'probe' walks the sort index and
 * keeps rows whose key is in the match set, without reading the others (many); 'scan' walks the
 * sort index and matches each row's text with LIKE (most rows match). On PostgreSQL 'drive' and
 * 'scan' are the same LIKE, told apart by the service's choice of ORDER BY (sortByIndex).
 */
export type TextWay = 'drive' | 'probe' | 'scan'

const DEFAULT_DRIVE = { text: 'drive' as TextWay, links: false, role: true }

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`)
const containsTerm = (term: string, column = 'u.search_text') => sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(term)}%`} escape '\\'`
/** FTS5 query: every term as a phrase, i.e. as a substring (trigram tokenizer). */
const ftsMatch = (terms: string[]) => terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ')
/** Terms a trigram index can find: three characters or more. */
export const indexableTerms = (terms: string[]) => terms.filter((t) => [...t].length >= 3)

/**
 * The directory search: filters on `users as u`. Substring search uses the trigram index of each
 * engine (SQLite FTS5 trigram, PostgreSQL pg_trgm); terms shorter than three characters cannot use
 * a trigram index and are matched by LIKE over the rows the other conditions leave.
 */
export function userSearchQuery(db: Kysely<Database>, dialect: DialectName, f: UserFilter) {
  const drive = f.drive ?? DEFAULT_DRIVE
  const sqlite = dialect === 'sqlite'
  let query = db.selectFrom('users as u')
  if (f.tenantId !== null) query = query.where('u.tenant_id', '=', f.tenantId)
  const long = indexableTerms(f.terms)
  const viaFts = sqlite && drive.text !== 'scan' && long.length > 0
  const viaSearchRows = !sqlite && drive.text === 'probe' && f.terms.length > 0
  if (viaFts) {
    // A unary + keeps SQLite from looking up each match by key, so it walks the sort index instead.
    const pk = drive.text === 'probe' ? sql`+u.pk` : sql`u.pk`
    query = query.where(sql<boolean>`${pk} in (select rowid from users_fts where users_fts match ${ftsMatch(long)})`)
    for (const term of f.terms.filter((t) => !long.includes(t))) query = query.where(containsTerm(term))
  } else if (viaSearchRows) {
    // PostgreSQL 'probe': wrapped in IS TRUE, the IN cannot become a join, so PostgreSQL collects
    // the matches once (from the narrow users_search rows) into a hash and checks each key met
    // along the sort index, in the index alone.
    query = query.where(sql<boolean>`(u.pk in (${pgTextMatches(db, f)})) is true`)
  } else {
    // On PostgreSQL the trigram index on users.search_text serves these LIKEs where it helps.
    for (const term of f.terms) query = query.where(containsTerm(term))
  }
  if (f.active !== undefined) query = query.where('u.active', '=', f.active ? 1 : 0)
  if (f.roleId !== undefined) {
    // A unary + keeps SQLite from using the role index, so it walks the sort index instead.
    query = query.where(drive.role || !sqlite ? sql<boolean>`u.role_id = ${f.roleId}` : sql<boolean>`+u.role_id = ${f.roleId}`)
  }
  const { campaignId, teamId } = f
  const linksDrive = drive.links && sqlite
  if (campaignId !== undefined) {
    query = linksDrive
      ? query.where('u.id', 'in', (eb) => eb.selectFrom('user_campaigns').select('user_id').where('campaign_id', '=', campaignId))
      : query.where((eb) => eb.exists(eb.selectFrom('user_campaigns as l').select('l.user_id').whereRef('l.user_id', '=', 'u.id').where('l.campaign_id', '=', campaignId)))
  }
  if (teamId !== undefined) {
    query = linksDrive
      ? query.where('u.id', 'in', (eb) => eb.selectFrom('user_teams').select('user_id').where('team_id', '=', teamId))
      : query.where((eb) => eb.exists(eb.selectFrom('user_teams as l').select('l.user_id').whereRef('l.user_id', '=', 'u.id').where('l.team_id', '=', teamId)))
  }
  return query
}

/** PostgreSQL: keys of the users whose narrow search row (users_search) has every term, in the tenant, (in)active as asked. */
function pgTextMatches(db: Kysely<Database>, f: Pick<UserFilter, 'tenantId' | 'terms' | 'active'>) {
  let query = db.selectFrom('users_search as s').select('s.pk')
  if (f.tenantId !== null) query = query.where('s.tenant_id', '=', f.tenantId)
  if (f.active !== undefined) query = query.where('s.active', '=', f.active ? 1 : 0)
  for (const term of f.terms) query = query.where(containsTerm(term, 's.search_text'))
  return query
}

/** PostgreSQL: how many users match the terms (and tenant and active filter), from the narrow search rows alone. */
export async function countPgTextMatches(db: Kysely<Database>, f: Pick<UserFilter, 'tenantId' | 'terms' | 'active'>): Promise<number> {
  const row = await db.selectFrom(pgTextMatches(db, f).as('m')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Full rows of these users, in the order of the keys given. */
export async function findUsersByPks(db: Kysely<Database>, pks: number[]): Promise<UserRow[]> {
  if (!pks.length) return []
  const rows = await db.selectFrom('users').selectAll().where('pk', 'in', pks).execute()
  const byPk = new Map(rows.map((row) => [row.pk, row]))
  return pks.map((pk) => byPk.get(pk)).filter((row): row is UserRow => row !== undefined)
}

/** SQLite: users of every tenant whose search text contains all these terms (each of 3+ characters), from the FTS index alone. */
export async function countFtsMatches(db: Kysely<Database>, terms: string[]): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from users_fts where users_fts match ${ftsMatch(terms)}`.execute(db)
  return Number(row.rows[0]?.n ?? 0)
}

/**
 * SQLite: users of a tenant, active or not, whose search text contains all these terms (each of 3+
 * characters): walks the (tenant, active) index and keeps the keys found in the FTS result set,
 * reading no user row.
 */
export async function countFtsMatchesByActive(db: Kysely<Database>, tenantId: string, active: boolean, terms: string[]): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from users u where u.tenant_id = ${tenantId} and u.active = ${active ? 1 : 0}
    and +u.pk in (select rowid from users_fts where users_fts match ${ftsMatch(terms)})`.execute(db)
  return Number(row.rows[0]?.n ?? 0)
}

/** Users of tenants other than this one whose search text contains all these terms (walks those tenants' users). */
export async function countTextMatchesOutside(db: Kysely<Database>, tenantId: string, terms: string[]): Promise<number> {
  // CROSS JOIN: SQLite takes the tenants in turn and each one's users by index, never the whole table.
  let query = db.selectFrom('tenants as t').crossJoin('users as u').whereRef('u.tenant_id', '=', 't.id').where('t.id', '!=', tenantId)
  for (const term of terms) query = query.where(containsTerm(term))
  return Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
}

export function agentIdQuery(db: Kysely<Database>, tenantId: string | null) {
  let query = db.selectFrom('users').where('agent_id', 'is not', null)
  if (tenantId !== null) query = query.where('tenant_id', '=', tenantId)
  return query
}

export async function highestAgentId(db: Kysely<Database>, tenantId: string | null): Promise<number> {
  const row = await agentIdQuery(db, tenantId).select((eb) => eb.fn.max('agent_id').as('max')).executeTakeFirst()
  return Number(row?.max ?? 0)
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, passwordHash: string, at: number): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', userId).execute()
}

export const findUserByUsername = (db: Kysely<Database>, tenantId: string, usernameKey: string) =>
  db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('username_key', '=', usernameKey).executeTakeFirst()

// ---------- user_counts: totals of the search panel ----------

export type CountScope = 'tenant' | 'role' | 'campaign' | 'team'

/** What a user is counted under. */
export interface CountedUser { tenantId: string; active: boolean; roleId: string; campaignIds: string[]; teamIds: string[] }

/**
 * Moves a user's contribution to user_counts from `before` to `after` (null: not there), in the
 * caller's transaction. Rows are written in one sorted statement, so that concurrent transactions
 * lock counter rows in the same order and cannot deadlock.
 */
export async function adjustUserCounts(db: Kysely<Database>, before: CountedUser | null, after: CountedUser | null): Promise<void> {
  const deltas = new Map<string, { tenant_id: string; scope: CountScope; scope_id: string; active: number; n: number }>()
  const add = (user: CountedUser | null, n: number) => {
    if (!user) return
    const keys: Array<[CountScope, string]> = [['tenant', ''], ['role', user.roleId],
      ...user.campaignIds.map((id): [CountScope, string] => ['campaign', id]), ...user.teamIds.map((id): [CountScope, string] => ['team', id])]
    for (const [scope, scopeId] of keys) {
      const key = `${user.tenantId}|${scope}|${scopeId}|${user.active ? 1 : 0}`
      const row = deltas.get(key) ?? { tenant_id: user.tenantId, scope, scope_id: scopeId, active: user.active ? 1 : 0, n: 0 }
      row.n += n
      deltas.set(key, row)
    }
  }
  add(before, -1)
  add(after, 1)
  const rows = [...deltas.entries()].filter(([, row]) => row.n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row)
  if (!rows.length) return
  await db.insertInto('user_counts').values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'scope', 'scope_id', 'active']).doUpdateSet((eb) => ({ n: eb('user_counts.n', '+', eb.ref('excluded.n')) })))
    .execute()
}

/** Users of one tenant (or all tenants: null) under a scope, optionally only (in)active ones. */
export async function sumUserCounts(db: Kysely<Database>, tenantId: string | null, scope: CountScope, scopeId: string, active?: boolean): Promise<number> {
  let query = db.selectFrom('user_counts').select((eb) => eb.fn.sum<number | string | null>('n').as('n')).where('scope', '=', scope).where('scope_id', '=', scopeId)
  if (tenantId !== null) query = query.where('tenant_id', '=', tenantId)
  if (active !== undefined) query = query.where('active', '=', active ? 1 : 0)
  return Number((await query.executeTakeFirst())?.n ?? 0)
}

/** A campaign, team or role is gone: so are its counts. */
export async function deleteUserCounts(db: Kysely<Database>, scope: CountScope, scopeId: string): Promise<void> {
  await db.deleteFrom('user_counts').where('scope', '=', scope).where('scope_id', '=', scopeId).execute()
}

/** Recounts user_counts from the users and their links (after a bulk load, or to check them). */
export async function rebuildUserCounts(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('user_counts').execute()
  await sql`insert into user_counts (tenant_id, scope, scope_id, active, n)
    select tenant_id, 'tenant', '', active, count(*) from users group by tenant_id, active
    union all select tenant_id, 'role', role_id, active, count(*) from users group by tenant_id, role_id, active
    union all select u.tenant_id, 'campaign', uc.campaign_id, u.active, count(*)
      from user_campaigns uc join users u on u.id = uc.user_id group by u.tenant_id, uc.campaign_id, u.active
    union all select u.tenant_id, 'team', ut.team_id, u.active, count(*)
      from user_teams ut join users u on u.id = ut.user_id group by u.tenant_id, ut.team_id, u.active`.execute(db)
}
