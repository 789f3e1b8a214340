import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import type { DialectName } from '../db/dialect.js'
import type { Database, UserGroupsTable, UsersTable } from '../db/types.js'
import { dialectOf, lockedForUpdate } from '../db/dialect.js'
import { preparedQuery } from '../db/prepared.js'
import { afterCursor, orderSql, type Cursor, type SortSpec } from '../db/paging.js'
import { searchRuns, MIN_INDEXED_TERM } from './search-text.js'

export type UserRow = Selectable<UsersTable>
export type UserInsert = Insertable<UsersTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findUserById = async (db: Kysely<Database>, id: string, lock = false) =>
  lock ? lockedForUpdate(db, userByIdQuery(db, id), lock).executeTakeFirst() : (await userById(db, id))[0]

const userByIdQuery = (db: Kysely<Database>, id: string) => db.selectFrom('users').selectAll().where('id', '=', id)
const userById = preparedQuery(userByIdQuery)

/** Inserts a user; answers its row number. */
export async function insertUser(db: Kysely<Database>, row: UserInsert): Promise<number> {
  const inserted = await db.insertInto('users').values(row).returning('pk').executeTakeFirstOrThrow()
  return Number(inserted.pk)
}

/**
 * Replaces a user's postings in the word index with these words (see searchWords), adding new
 * words to the tenant's dictionary. In sorted order, so that two writers adding the same new
 * words take their locks in the same order and cannot deadlock.
 */
export async function replaceUserWords(db: Kysely<Database>, user: { pk: number; tenantId: string; active: boolean }, words: string[]): Promise<void> {
  await db.deleteFrom('user_words').where('user_pk', '=', user.pk).execute()
  if (!words.length) return
  const sorted = [...words].sort()
  await db.insertInto('search_words').values(sorted.map((word) => ({ tenant_id: user.tenantId, word })))
    .onConflict((oc) => oc.columns(['tenant_id', 'word']).doNothing()).execute()
  const ids = await db.selectFrom('search_words').select('id').where('tenant_id', '=', user.tenantId).where('word', 'in', sorted).execute()
  await db.insertInto('user_words').values(ids.map((row) => ({ word_id: Number(row.id), active: user.active ? 1 : 0, user_pk: user.pk }))).execute()
}

/** A user was (de)activated: so are its postings, which the text+active counts read. */
export async function setUserWordsActive(db: Kysely<Database>, userPk: number, active: boolean): Promise<void> {
  await db.updateTable('user_words').set({ active: active ? 1 : 0 }).where('user_pk', '=', userPk).execute()
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

/** What a user answer shows of the user's group. */
export type UserGroupFields = Pick<Selectable<UserGroupsTable>, 'id' | 'name' | 'properties' | 'resource_filter_ids'>

/** A user row with its links and its last editor's username, as one statement returns them (findUserWithLinks). */
export type UserWithLinksRow = UserRow & {
  campaign_ids: string; team_ids: string; identity_pairs: string; updated_by_username: string | null
  group_name: string; group_properties: string; group_resource_filter_ids: string
}

/**
 * One user with campaigns, teams, identities, group and the last editor's username in a single statement:
 * GET /users/{id} made three round trips before (docs/benchmarks.md). Lists as JSON text on both
 * engines, ordered as findUserLinks orders them.
 */
const userWithLinks = preparedQuery((db, id: string) => {
  const pg = dialectOf(db) === 'postgres'
  const list = (column: string, table: string, order: string) => pg
    ? sql<string>`(select coalesce(json_agg(${sql.ref(column)} order by ${sql.ref(order)}), '[]')::text from ${sql.table(table)} where user_id = u.id)`
    : sql<string>`(select json_group_array(${sql.ref(column)}) from (select ${sql.ref(column)} from ${sql.table(table)} where user_id = u.id order by ${sql.ref(order)}))`
  const pairs = pg
    ? sql<string>`(select coalesce(json_agg(json_build_array(environment, username) order by position), '[]')::text from user_identities where user_id = u.id)`
    : sql<string>`(select json_group_array(json_array(environment, username)) from (select environment, username from user_identities where user_id = u.id order by position))`
  return db.selectFrom('users as u').innerJoin('user_groups as g', 'g.id', 'u.group_id').selectAll('u').select([
    'g.name as group_name', 'g.properties as group_properties', 'g.resource_filter_ids as group_resource_filter_ids',
    list('campaign_id', 'user_campaigns', 'campaign_id').as('campaign_ids'),
    list('team_id', 'user_teams', 'team_id').as('team_ids'),
    pairs.as('identity_pairs'),
    sql<string | null>`(select e.username from users e where e.id = u.updated_by)`.as('updated_by_username'),
  ]).where('u.id', '=', id)
})

export async function findUserWithLinks(db: Kysely<Database>, id: string): Promise<{ row: UserRow; links: UserLinks; updatedByUsername: string | null; group: UserGroupFields } | undefined> {
  const found = (await userWithLinks(db, id))[0]
  if (!found) return undefined
  const { campaign_ids, team_ids, identity_pairs, updated_by_username, group_name, group_properties, group_resource_filter_ids, ...row } = found
  return {
    row: row as UserRow,
    group: { id: row.group_id, name: group_name, properties: group_properties, resource_filter_ids: group_resource_filter_ids },
    links: {
      campaignIds: JSON.parse(campaign_ids) as string[],
      teamIds: JSON.parse(team_ids) as string[],
      identities: (JSON.parse(identity_pairs) as Array<[string, string]>).map(([environment, username]) => ({ environment, username })),
    },
    updatedByUsername: updated_by_username,
  }
}

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
  extension?: number | null
}

/** Which of these unique values another user of the tenant already has. */
export async function findTakenValues(db: Kysely<Database>, tenantId: string, values: UniqueValues, exceptUserId: string | null) {
  const checks = Object.entries(values).filter(([, v]) => v !== undefined && v !== null) as Array<[keyof UniqueValues, string | number]>
  if (!checks.length) return []
  let query = db.selectFrom('users').select(['username_key', 'email_key', 'employee_number', 'agent_id', 'extension']).where('tenant_id', '=', tenantId)
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

/** A search term, resolved against the tenant's word dictionary (see resolveSearchTerms). */
export interface SearchTerm {
  /** The term in search form; matched with LIKE on search_text wherever the words cannot decide. */
  text: string
  /**
   * The dictionary words that contain the term's longest run of letters and digits (every user the
   * term can match has one of them); null when no run is long enough for the dictionary's trigram
   * index, or too many words hold it: then LIKE alone decides.
   */
  wordIds: number[] | null
  /** The words decide alone: the term is one run of letters and digits. */
  exact: boolean
}

export interface UserFilter {
  tenantId: string | null
  terms: SearchTerm[]
  active?: boolean
  campaignId?: string
  roleId?: string
  teamId?: string
  kind?: string
  qualityMonitoring?: boolean
  /** Restrict view: only users linked to one of these campaigns. */
  campaignsAnyOf?: string[]
  presence?: 'logged_on' | 'logged_off'
  groupId?: string
  /**
   * Users given this skill at this level or better by a profile of theirs that is switched on: as the
   * sets of who holds it (found beforehand, so that indexes answer), or, where those sets are too
   * large to send, checked row by row.
   */
  skill?: { id: string; minLevel: number; holders: SkillHolders | null }
  /**
   * The users known to have every indexed term's words (PostgreSQL, when text drives): a list of
   * keys lets its planner see how few rows there are, which a subquery over the postings does not.
   */
  keys?: number[]
  /**
   * Which conditions find their rows through their own index ("drive") rather than being checked
   * on each row met while walking the sort index. SQLite's planner cannot tell a campaign of 3,000
   * users from one of 400,000, so the service decides from user_counts and the word index's counts
   * (see planSearch). On PostgreSQL, whose planner has per-value statistics, only the text way
   * changes the query.
   */
  drive?: { text: TextWay; links: boolean; role: boolean; kind?: boolean }
}

/**
 * Three ways to find text: 'drive' reads each match's row (few matches); 'probe' collects the
 * matching keys from the word postings once and keeps the keys met along the sort index that are
 * among them (many); 'scan' checks each key met along the sort index against its own postings (most
 * rows match).
 */
export type TextWay = 'drive' | 'probe' | 'scan'

const DEFAULT_DRIVE: NonNullable<UserFilter['drive']> = { text: 'drive', links: false, role: true, kind: true }

/** A dictionary lookup that finds more words than this is no faster than LIKE over the rows. */
const MAX_TERM_WORDS = 20_000

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`)
const containsTerm = (term: string, column = 'u.search_text') => sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(term)}%`} escape '\\'`

/** `column` is one of these ids (words, users): a JSON array on SQLite, an array parameter on PostgreSQL. */
function inWords(dialect: DialectName, column: string, ids: number[]) {
  return dialect === 'sqlite'
    ? sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`
    : sql<boolean>`${sql.ref(column)} = any(${ids}::bigint[])`
}

/** The ids of the words of a tenant (or of every tenant: null) that contain `part`, at most `limit`. */
async function findWordsContaining(db: Kysely<Database>, dialect: DialectName, tenantId: string | null, part: string, limit: number): Promise<number[]> {
  const query = dialect === 'sqlite'
    // The trigram index narrows the dictionary; instr() is the exact check (FTS5 folds case its own way).
    ? db.selectFrom('search_words as w').select('w.id')
      .where(sql<boolean>`w.id in (select rowid from search_words_fts where search_words_fts match ${`"${part.replace(/"/g, '""')}"`})`)
      .where(sql<boolean>`instr(w.word, ${part}) > 0`)
    : db.selectFrom('search_words as w').select('w.id').where(containsTerm(part, 'w.word'))
  const rows = await (tenantId !== null ? query.where('w.tenant_id', '=', tenantId) : query).limit(limit).execute()
  return rows.map((row) => Number(row.id))
}

/** Looks each term up in the word dictionary (one small indexed read per term). */
export async function resolveSearchTerms(db: Kysely<Database>, dialect: DialectName, tenantId: string | null, terms: string[]): Promise<SearchTerm[]> {
  return Promise.all(terms.map(async (text): Promise<SearchTerm> => {
    const runs = searchRuns(text)
    const longest = runs.reduce((a, b) => ([...b].length > [...a].length ? b : a), '')
    if ([...longest].length < MIN_INDEXED_TERM) return { text, wordIds: null, exact: false }
    const ids = await findWordsContaining(db, dialect, tenantId, longest, MAX_TERM_WORDS + 1)
    if (ids.length > MAX_TERM_WORDS) return { text, wordIds: null, exact: false }
    return { text, wordIds: ids, exact: longest === text }
  }))
}

/** The postings of these words, of (in)active users as asked. */
function postings(db: Kysely<Database>, dialect: DialectName, ids: number[], active: boolean | undefined) {
  const query = db.selectFrom('user_words as w').where(inWords(dialect, 'w.word_id', ids))
  return active !== undefined ? query.where('w.active', '=', active ? 1 : 0) : query
}

/** Keys of the users having one of these words, (in)active as asked. */
const postingsOf = (db: Kysely<Database>, dialect: DialectName, ids: number[], active: boolean | undefined) =>
  postings(db, dialect, ids, active).select('w.user_pk')

/** The keys of the users having one of each term's words, (in)active as asked (call it when they are few). */
export async function findWordMatchKeys(db: Kysely<Database>, dialect: DialectName, terms: Array<{ wordIds: number[] }>, active: boolean | undefined): Promise<number[]> {
  if (!terms.length || terms.some((t) => t.wordIds.length === 0)) return []
  let keys = postingsOf(db, dialect, terms[0]!.wordIds, active)
  for (const term of terms.slice(1)) keys = keys.intersect(postingsOf(db, dialect, term.wordIds, active))
  const rows = await (terms.length > 1 ? keys : keys.distinct()).execute()
  return rows.map((row) => Number(row.user_pk))
}

/**
 * How many users have, for every term, one of its words (and are (in)active as asked): from the
 * postings alone, without reading a user row. The terms' words are the tenant's own, so this is the
 * tenant's count.
 */
export async function countWordMatches(db: Kysely<Database>, dialect: DialectName, terms: Array<{ wordIds: number[] }>, active?: boolean): Promise<number> {
  if (!terms.length || terms.some((t) => t.wordIds.length === 0)) return 0
  const [first, ...rest] = terms
  let query
  if (!rest.length && first!.wordIds.length === 1) {
    // One word: its users are one range of the postings, each once.
    query = postings(db, dialect, first!.wordIds, active).select((eb) => eb.fn.countAll().as('n'))
  } else {
    let keys = postingsOf(db, dialect, first!.wordIds, active)
    for (const term of rest) keys = keys.intersect(postingsOf(db, dialect, term.wordIds, active))
    // A single term's postings name a user once per word it has; intersect() and distinct keep each once.
    const distinct = rest.length ? keys : keys.distinct()
    query = db.selectFrom(distinct.as('k')).select((eb) => eb.fn.countAll().as('n'))
  }
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/**
 * The directory search: filters on `users as u`. Text terms are found through the word index
 * (user_words), in the way the service chose; terms the words cannot decide alone are also matched
 * with LIKE on the rows the other conditions leave.
 */
export function userSearchQuery(db: Kysely<Database>, dialect: DialectName, f: UserFilter) {
  const drive = f.drive ?? DEFAULT_DRIVE
  const sqlite = dialect === 'sqlite'
  let query = db.selectFrom('users as u')
  if (f.tenantId !== null) query = query.where('u.tenant_id', '=', f.tenantId)
  const indexed = f.terms.map((t) => t.wordIds).filter((ids): ids is number[] => ids !== null)
  if (f.keys) {
    query = query.where(inWords(dialect, 'u.pk', f.keys))
  } else if (indexed.length && drive.text === 'scan') {
    // Each row met along the sort index: does it have one of each term's words? (Its few postings, by key.)
    for (const ids of indexed) {
      query = query.where((eb) => eb.exists(eb.selectFrom('user_words as uw').select('uw.user_pk').whereRef('uw.user_pk', '=', 'u.pk').where(inWords(dialect, 'uw.word_id', ids))))
    }
  } else if (indexed.length) {
    // The users having one of each term's words: the postings of every term, intersected.
    let keys = postingsOf(db, dialect, indexed[0]!, f.active)
    for (const ids of indexed.slice(1)) keys = keys.intersect(postingsOf(db, dialect, ids, f.active))
    query = query.where(drive.text === 'drive'
      ? sql<boolean>`u.pk in (${keys})`
      // 'probe': the keys collected once. SQLite: a unary + keeps it from looking up each match by
      // key, so it walks the sort index instead. PostgreSQL: wrapped in IS TRUE, the IN cannot
      // become a join, so the keys are hashed and each key met along the sort index is checked.
      : sqlite ? sql<boolean>`+u.pk in (${keys})` : sql<boolean>`(u.pk in (${keys})) is true`)
  }
  for (const term of f.terms) if (!term.exact) query = query.where(containsTerm(term.text))
  if (f.active !== undefined) query = query.where('u.active', '=', f.active ? 1 : 0)
  if (f.kind !== undefined) {
    // As for the role: a unary + keeps SQLite from using the kind index where the kind does not drive.
    query = query.where(drive.kind || !sqlite ? sql<boolean>`u.kind = ${f.kind}` : sql<boolean>`+u.kind = ${f.kind}`)
  }
  if (f.qualityMonitoring !== undefined) query = query.where('u.quality_monitoring', '=', f.qualityMonitoring ? 1 : 0)
  if (f.presence !== undefined) query = query.where('u.presence_state', '=', f.presence)
  if (f.groupId !== undefined) query = query.where('u.group_id', '=', f.groupId)
  const { skill } = f
  if (skill?.holders) {
    const { groupIds, exceptUserIds, userIds } = skill.holders
    query = query.where((eb) => eb.or([
      ...(groupIds.length ? [eb.and([eb('u.group_id', 'in', groupIds), ...(exceptUserIds.length ? [eb('u.id', 'not in', exceptUserIds)] : [])])] : []),
      ...(userIds.length ? [eb('u.id', 'in', userIds)] : []),
    ]))
  } else if (skill) {
    // A profile of the user's group or their own, with the skill at the level, not switched off by the user.
    query = query.where((eb) => eb.exists(eb.selectFrom('profile_skills as ps').innerJoin('profiles as p', 'p.id', 'ps.profile_id').select('ps.profile_id')
      .where('ps.skill_id', '=', skill.id).where('ps.level', '>=', skill.minLevel)
      .where((inner) => inner.or([inner('p.user_id', '=', inner.ref('u.id')), inner('p.group_id', '=', inner.ref('u.group_id'))]))
      .where((inner) => inner.not(inner.exists(inner.selectFrom('user_profiles_off as o').select('o.profile_id').whereRef('o.user_id', '=', 'u.id').whereRef('o.profile_id', '=', 'p.id'))))))
  }
  const { campaignsAnyOf } = f
  if (campaignsAnyOf) {
    query = query.where((eb) => campaignsAnyOf.length
      ? eb.exists(eb.selectFrom('user_campaigns as rv').select('rv.user_id').whereRef('rv.user_id', '=', 'u.id').where('rv.campaign_id', 'in', campaignsAnyOf))
      : sql<boolean>`1 = 0`)
  }
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

/**
 * A page of text matches found among the next `window` entries of the sort index after the cursor
 * (or from the start): the entries are read from the sort index alone and each is checked against
 * its own postings (or the listed keys), so the walk is bounded whatever the order of the matches.
 * Only for filters of exact terms and active (the postings hold both). `sort` must name the indexed
 * column. `complete`: the stretch reached the end of the
 * tenant's users, so fewer rows than asked for is the whole answer.
 */
export async function findTextPageWithin(db: Kysely<Database>, dialect: DialectName, f: UserFilter, sort: SortSpec, cursor: Cursor | null, window: number, rows: number) {
  let stretch = userSearchQuery(db, dialect, { tenantId: f.tenantId, terms: [] }).select(['u.pk', sql<string | number | null>`${sql.raw(sort.column)}`.as('v')])
  if (cursor) stretch = stretch.where(afterCursor(sort, cursor))
  let query = db.selectFrom(stretch.orderBy(orderSql(sort, dialect)).limit(window).as('w')).select(['w.pk', 'w.v'])
  if (f.keys) {
    // Listed keys (PostgreSQL): checked in a hash of the list.
    query = query.where(inWords(dialect, 'w.pk', f.keys))
  } else {
    for (const term of f.terms) {
      const ids = term.wordIds!
      query = query.where((eb) => {
        let postings = eb.selectFrom('user_words as uw').select('uw.user_pk').whereRef('uw.user_pk', '=', 'w.pk').where(inWords(dialect, 'uw.word_id', ids))
        if (f.active !== undefined) postings = postings.where('uw.active', '=', f.active ? 1 : 0)
        return eb.exists(postings)
      })
    }
  }
  const found = await query.orderBy(orderSql({ ...sort, column: 'w.v', tieBreaker: 'w.pk' }, dialect)).limit(rows).execute()
  // Fewer rows than asked for: the whole answer only if the stretch reached the end.
  const walked = found.length < rows ? Number((await db.selectFrom(stretch.limit(window).as('w')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : window
  return { rows: found.map((r) => ({ pk: Number(r.pk), v: r.v })), complete: walked < window }
}

/** Is the user linked to one of these campaigns? */
export async function isInAnyCampaign(db: Kysely<Database>, userId: string, campaignIds: string[]): Promise<boolean> {
  if (!campaignIds.length) return false
  return (await db.selectFrom('user_campaigns').select('user_id').where('user_id', '=', userId).where('campaign_id', 'in', campaignIds).limit(1).executeTakeFirst()) !== undefined
}

/**
 * The next free internal number of the range: one above the highest in use, or else the lowest
 * gap; null when every number is taken.
 */
export async function nextFreeExtension(db: Kysely<Database>, tenantId: string, from: number, to: number): Promise<number | null> {
  const inRange = db.selectFrom('users').where('tenant_id', '=', tenantId).where('extension', '>=', from).where('extension', '<=', to)
  const highest = (await inRange.select((eb) => eb.fn.max('extension').as('n')).executeTakeFirst())?.n
  if (highest === null || highest === undefined) return from
  if (Number(highest) < to) return Number(highest) + 1
  const taken = async (n: number) => (await inRange.select('extension').where('extension', '=', n).executeTakeFirst()) !== undefined
  if (!(await taken(from))) return from
  const gap = await inRange.select((eb) => eb(eb.ref('extension'), '+', 1).as('n'))
    .where(({ not, exists, selectFrom, ref }) => not(exists(selectFrom('users as v').select('v.extension').where('v.tenant_id', '=', tenantId).whereRef('v.extension', '=', sql`${ref('users.extension')} + 1`))))
    .where('extension', '<', to).orderBy('extension').limit(1).executeTakeFirst()
  return gap ? Number(gap.n) : null
}

/** Full rows of these users, in the order of the keys given. */
export async function findUsersByPks(db: Kysely<Database>, pks: number[]): Promise<UserRow[]> {
  if (!pks.length) return []
  const rows = await db.selectFrom('users').selectAll().where('pk', 'in', pks).execute()
  const byPk = new Map(rows.map((row) => [row.pk, row]))
  return pks.map((pk) => byPk.get(pk)).filter((row): row is UserRow => row !== undefined)
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

/** The telephony's report (logged on or off, since when, with which profile); not an edit of the user. */
export async function setPresence(db: Kysely<Database>, userId: string, presence: Pick<UserRow, 'presence_state' | 'presence_since' | 'presence_profile_id'>): Promise<void> {
  await db.updateTable('users').set(presence).where('id', '=', userId).execute()
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, passwordHash: string, at: number): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', userId).execute()
}

export const findUserByUsername = (db: Kysely<Database>, tenantId: string, usernameKey: string) =>
  db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('username_key', '=', usernameKey).executeTakeFirst()

// ---------- user_counts: totals of the search panel ----------

export type CountScope = 'tenant' | 'role' | 'campaign' | 'team' | 'kind' | 'quality' | 'group'

/** What a user is counted under. */
export interface CountedUser { tenantId: string; active: boolean; roleId: string; groupId: string; campaignIds: string[]; teamIds: string[]; kind: string; qualityMonitoring: boolean }

/**
 * Moves a user's contribution to user_counts from `before` to `after` (null: not there), in the
 * caller's transaction. Rows are written in one sorted statement, so that concurrent transactions
 * lock counter rows in the same order and cannot deadlock.
 */
export async function adjustUserCounts(db: Kysely<Database>, before: CountedUser | null, after: CountedUser | null): Promise<void> {
  const deltas = new Map<string, { tenant_id: string; scope: CountScope; scope_id: string; active: number; n: number }>()
  const add = (user: CountedUser | null, n: number) => {
    if (!user) return
    const keys: Array<[CountScope, string]> = [['tenant', ''], ['role', user.roleId], ['group', user.groupId], ['kind', user.kind], ...(user.qualityMonitoring ? [['quality', ''] as [CountScope, string]] : []),
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

/**
 * Who holds a skill at a level or better: the members of `groupIds` but `exceptUserIds` (who switched
 * off each of their group's profiles that give it), and `userIds` (a personal profile that gives it,
 * switched on). Switches of a group's profiles go when a user leaves the group, so an "off" row
 * always concerns the user's own group.
 */
export interface SkillHolders { groupIds: string[]; exceptUserIds: string[]; userIds: string[] }

export async function findSkillHolders(db: Kysely<Database>, skillId: string, minLevel: number): Promise<SkillHolders> {
  const profiles = await db.selectFrom('profile_skills as ps').innerJoin('profiles as p', 'p.id', 'ps.profile_id').select(['p.id', 'p.group_id', 'p.user_id'])
    .where('ps.skill_id', '=', skillId).where('ps.level', '>=', minLevel).execute()
  const perGroup = new Map<string, number>()
  for (const p of profiles) if (p.group_id) perGroup.set(p.group_id, (perGroup.get(p.group_id) ?? 0) + 1)
  const offRows = profiles.length
    ? await db.selectFrom('user_profiles_off as o').innerJoin('profiles as p', 'p.id', 'o.profile_id')
      .select(['o.user_id', 'o.profile_id', 'p.group_id']).where('o.profile_id', 'in', profiles.map((p) => p.id)).execute()
    : []
  // Per user, how many of their group's profiles that give the skill they switched off.
  const offInGroup = new Map<string, { groupId: string; n: number }>()
  const offPersonal = new Set<string>()
  for (const row of offRows) {
    if (!row.group_id) {
      offPersonal.add(row.profile_id)
      continue
    }
    const off = offInGroup.get(row.user_id) ?? { groupId: row.group_id, n: 0 }
    off.n += 1
    offInGroup.set(row.user_id, off)
  }
  return {
    groupIds: [...perGroup.keys()],
    exceptUserIds: [...offInGroup].filter(([, off]) => off.n === perGroup.get(off.groupId)).map(([userId]) => userId),
    userIds: [...new Set(profiles.filter((p) => p.user_id && !offPersonal.has(p.id)).map((p) => p.user_id!))],
  }
}

/**
 * What the group totals of a skill's holder groups miss: members who switched the skill's profiles
 * off (`excepted`), and users with a personal profile who are not already counted (`extra`); each
 * (in)active as asked. Both sets are small: they are named by id.
 */
export async function countSkillHolderCorrections(db: Kysely<Database>, tenantId: string | null, holders: SkillHolders, active: boolean | undefined): Promise<{ excepted: number; extra: number }> {
  const count = async (ids: string[], notCounted: boolean) => {
    if (!ids.length) return 0
    let query = db.selectFrom('users as u').select((eb) => eb.fn.countAll().as('n')).where('u.id', 'in', ids)
    if (tenantId !== null) query = query.where('u.tenant_id', '=', tenantId)
    if (active !== undefined) query = query.where('u.active', '=', active ? 1 : 0)
    if (notCounted && holders.groupIds.length) {
      query = query.where((eb) => eb.or([
        eb('u.group_id', 'not in', holders.groupIds),
        ...(holders.exceptUserIds.length ? [eb('u.id', 'in', holders.exceptUserIds)] : []),
      ]))
    }
    return Number((await query.executeTakeFirstOrThrow()).n)
  }
  const [excepted, extra] = await Promise.all([count(holders.exceptUserIds, false), count(holders.userIds, true)])
  return { excepted, extra }
}

/** Recounts user_counts from the users and their links (after a bulk load, or to check them). */
export async function rebuildUserCounts(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('user_counts').execute()
  await sql`insert into user_counts (tenant_id, scope, scope_id, active, n)
    select tenant_id, 'tenant', '', active, count(*) from users group by tenant_id, active
    union all select tenant_id, 'role', role_id, active, count(*) from users group by tenant_id, role_id, active
    union all select tenant_id, 'kind', kind, active, count(*) from users group by tenant_id, kind, active
    union all select tenant_id, 'group', group_id, active, count(*) from users group by tenant_id, group_id, active
    union all select tenant_id, 'quality', '', active, count(*) from users where quality_monitoring = 1 group by tenant_id, active
    union all select u.tenant_id, 'campaign', uc.campaign_id, u.active, count(*)
      from user_campaigns uc join users u on u.id = uc.user_id group by u.tenant_id, uc.campaign_id, u.active
    union all select u.tenant_id, 'team', ut.team_id, u.active, count(*)
      from user_teams ut join users u on u.id = ut.user_id group by u.tenant_id, ut.team_id, u.active`.execute(db)
}
