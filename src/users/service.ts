// Users of the directory: every field of the manuals, their links, search and export.
import { sql, type Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, holdsAll, isLocked, resolveTenantScope, restrictedCampaigns, targetTenantId, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf, type DialectName } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { isId, newId } from '../db/ids.js'
import { decodeCursor, encodeCursor, paginate, type Page, type PageRequest } from '../db/paging.js'
import { caseKey, searchKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { canonicalLocale, canonicalTimeZone, toE164 } from '../http/formats.js'
import { FieldErrors, invalid, notFound, Problem, type FieldError } from '../http/problem.js'
import { iso, isoOrNull } from '../http/schemas.js'
import { escalation } from '../roles/errors.js'
import { findRoleById, findRoleByKey, type RoleRow } from '../roles/queries.js'
import { permissionsOf } from '../roles/service.js'
import { deleteSessionsOfUser } from '../sessions/queries.js'
import { findTenantById } from '../tenants/queries.js'
import { settingsOf, tenantSettingsOf } from '../tenants/service.js'
import { bulkTooLarge, cannotRemoveSelf, extensionImmutable, extensionsExhausted, loggedOnToQueues, machineAccount, identityTaken, takenField, UNIQUE_INDEXES, valuesTaken } from './errors.js'
import {
  agentIdQuery, deleteUserRow, findCampaignsOfTenant, findTakenIdentities, findTakenValues, findTeamsOfTenant,
  adjustUserCounts, countWordMatches, findSkillHolders, countSkillHolderCorrections, isInAnyCampaign, nextFreeExtension, setPresence, findTextPageWithin, findUsersByPks, findWordMatchKeys, findUserById, findUserLinks, findUserWithLinks, highestAgentId, sumUserCounts, insertUser, replaceUserCampaigns, replaceUserIdentities,
  replaceUserTeams, replaceUserWords, resolveSearchTerms, setUserWordsActive, updateUserRow, userSearchQuery,
  type CountedUser, type CountScope, type IdentityRow, type SearchTerm, type TextWay, type UserFilter, type UserGroupFields, type UserInsert, type UserLinks, type UserRow,
} from './queries.js'
import { searchText, searchWords } from './search-text.js'
import { dropSwitchesOfGroup, isProfileAvailable } from '../skills/queries.js'
import { findDefaultGroup, findGroupById, findGroupsByIds, type GroupRow } from '../groups/queries.js'
import { groupPropertiesOf, PROPERTY_NAMES, storedOverrides, type PropertyOverrides } from '../groups/properties.js'
import { deleteCodes } from '../one-time-codes/queries.js'
import { setRequiredActions } from '../sign-in/queries.js'
import { isMachineKind, REQUIRED_ACTIONS, type AgentIdListQuery, type PresenceReport, type UserKind, type BulkAction, type UserBulkRequest, type UserBulkResult, type OwnProfilePatch, type RequiredAction, type User, type UserCreate, type UserListQuery, type UserPatch, type UserSort } from './schema.js'

// ---------- reading ----------

/** The user's required actions, in the catalogue's order. */
export const requiredActionsOf = (row: Pick<UserRow, 'required_actions'>): RequiredAction[] => {
  const stored = JSON.parse(row.required_actions) as string[]
  return REQUIRED_ACTIONS.filter((action) => stored.includes(action))
}

/** The groups of these rows, by id. */
async function groupsOfRows(db: Kysely<Database>, rows: UserRow[]): Promise<Map<string, GroupRow>> {
  const groups = await findGroupsByIds(db, [...new Set(rows.map((r) => r.group_id))])
  return new Map(groups.map((g) => [g.id, g]))
}

/** Each group property as inherited or overridden, and the resource filters of group and user. */
function inheritedValues(row: UserRow, group: UserGroupFields): Pick<User, 'groupId' | 'groupName' | 'properties' | 'resourceFilters'> {
  const inherited = groupPropertiesOf(group.properties)
  const overrides: Record<string, unknown> = { ...(JSON.parse(row.property_overrides) as PropertyOverrides), language: row.locale }
  const properties = Object.fromEntries(PROPERTY_NAMES.map((name) => {
    const override = overrides[name] ?? null
    return [name, { effective: override ?? inherited[name], override, inherited: override === null }]
  })) as User['properties']
  const user = JSON.parse(row.resource_filter_ids) as string[]
  const fromGroup = JSON.parse(group.resource_filter_ids) as string[]
  return { groupId: group.id, groupName: group.name, properties, resourceFilters: { user, group: fromGroup, effective: [...new Set([...fromGroup, ...user])] } }
}

function toUser(row: UserRow, links: UserLinks, usernames: Map<string, string>, group: UserGroupFields): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind as UserKind,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    email: row.email,
    emailVerified: row.email_verified === 1,
    mobilePhone: row.mobile_phone,
    jobTitle: row.job_title,
    description: row.description,
    employeeNumber: row.employee_number,
    externalUsername: row.external_username,
    agentId: row.agent_id,
    extension: row.extension,
    timeZone: row.time_zone,
    locale: row.locale,
    roleId: row.role_id,
    roleName: row.role_name,
    campaignIds: links.campaignIds,
    defaultCampaignId: row.default_campaign_id,
    defaultCampaignName: row.default_campaign_name,
    teamIds: links.teamIds,
    active: row.active === 1,
    chooseCampaignAtLogin: row.choose_campaign_at_login === 1,
    restrictView: row.restrict_view === 1,
    qualityMonitoring: row.quality_monitoring === 1,
    messengerSound: row.messenger_sound === 1,
    identities: links.identities,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    updatedByUsername: row.updated_by ? usernames.get(row.updated_by) ?? null : null,
    lastLoginAt: isoOrNull(row.last_login_at),
    lastLoginIp: row.last_login_ip,
    lastLoginBrowser: row.last_login_browser,
    passwordChangedAt: isoOrNull(row.password_changed_at),
    locked: isLocked(row),
    lockedUntil: isLocked(row) ? isoOrNull(row.locked_until) : null,
    requiredActions: requiredActionsOf(row),
    ...inheritedValues(row, group),
    presence: { state: row.presence_state as 'logged_on' | 'logged_off', since: isoOrNull(row.presence_since), profileId: row.presence_profile_id },
    avatarVersion: row.avatar_version,
    version: row.version,
  }
}

/** Full users for a set of rows: links and editor names are fetched once for all rows. */
async function toUsers(db: Kysely<Database>, rows: UserRow[]): Promise<User[]> {
  const ids = rows.map((r) => r.id)
  const editors = [...new Set(rows.map((r) => r.updated_by).filter((id): id is string => id !== null))]
  const [{ links, usernames }, groups] = await Promise.all([findUserLinks(db, ids, editors), groupsOfRows(db, rows)])
  return rows.map((row) => toUser(row, links.get(row.id)!, usernames, groups.get(row.group_id)!))
}

/**
 * The user of this id if the actor may see it, else 404 as if there were none: another tenant's
 * user, or (restrict view) one linked to none of the actor's campaigns. The one check for every
 * route that names a user.
 */
export async function findVisibleUser(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<UserRow> {
  const row = visibleOr404(ctx, isId(id) ? await findUserById(db, id, lock) : undefined, 'user')
  const campaigns = await restrictedCampaigns(db, ctx)
  if (campaigns && row.id !== ctx.actor.userId && !(await isInAnyCampaign(db, row.id, campaigns))) throw notFound('user')
  return row
}

/** The caller's own record (any signed-in user; no users:read needed). */
export async function getOwnUser(db: DB, ctx: Context): Promise<User> {
  const row = await findUserById(db, ctx.actor.userId)
  if (!row) throw notFound('user')
  const [user] = await toUsers(db, [row])
  return user!
}

export async function getUser(db: DB, ctx: Context, id: string): Promise<User> {
  authorize(ctx, 'users:read')
  const found = isId(id) ? await findUserWithLinks(db, id) : undefined
  const row = visibleOr404(ctx, found?.row, 'user')
  const campaigns = await restrictedCampaigns(db, ctx)
  if (campaigns && row.id !== ctx.actor.userId && !found!.links.campaignIds.some((c) => campaigns.includes(c))) throw notFound('user')
  return toUser(row, found!.links, new Map(row.updated_by && found!.updatedByUsername !== null ? [[row.updated_by, found!.updatedByUsername]] : []), found!.group)
}

// Sort name → indexed column (see the users_sort_* indexes).
const SORT_COLUMNS: Record<UserSort, keyof UserRow> = {
  username: 'username_key', firstName: 'first_name', lastName: 'last_name', displayName: 'display_name',
  email: 'email_key', role: 'role_name', campaign: 'default_campaign_name', active: 'active',
  agentId: 'agent_id', lastLoginAt: 'last_login_at', timeZone: 'time_zone', createdAt: 'created_at',
}
const NUMERIC_SORT_COLUMNS: ReadonlySet<keyof UserRow> = new Set(['active', 'agent_id', 'last_login_at', 'created_at'])

async function userFilter(db: DB, ctx: Context, query: UserListQuery): Promise<UserFilter> {
  const tenantId = await resolveTenantScope(db, ctx, query.tenant)
  const campaigns = await restrictedCampaigns(db, ctx)
  return {
    tenantId,
    ...(campaigns ? { campaignsAnyOf: campaigns } : {}),
    terms: await resolveSearchTerms(db, dialectOf(db), tenantId, searchKey(query.q ?? '').split(/\s+/).filter(Boolean)),
    ...(query.active !== undefined ? { active: query.active } : {}),
    ...(query.campaign !== undefined ? { campaignId: query.campaign } : {}),
    ...(query.role !== undefined ? { roleId: query.role } : {}),
    ...(query.team !== undefined ? { teamId: query.team } : {}),
    ...(query.kind !== undefined ? { kind: query.kind } : {}),
    ...(query.qualityMonitoring !== undefined ? { qualityMonitoring: query.qualityMonitoring } : {}),
    ...(query.presence !== undefined ? { presence: query.presence } : {}),
    ...(query.group !== undefined ? { groupId: query.group } : {}),
    ...(query.skill !== undefined ? { skill: await skillFilter(db, query.skill, query.skillLevel ?? 0) } : {}),
  }
}

/** Holders of a skill as id sets, but where so many ids would go into the statement that a per-row check is better. */
async function skillFilter(db: DB, skillId: string, minLevel: number): Promise<NonNullable<UserFilter['skill']>> {
  const holders = await findSkillHolders(db, skillId, minLevel)
  const ids = holders.exceptUserIds.length + holders.userIds.length
  return { id: skillId, minLevel, holders: ids <= SEARCH_TUNING.maxSkillHolderIds ? holders : null }
}

/**
 * A skill alone (with active/inactive at most): its holder groups' kept totals, corrected by the few
 * users named by id, instead of checking every member.
 */
function skillCount(db: DB, f: UserFilter): (() => Promise<number>) | null {
  const holders = f.skill?.holders
  if (!holders || f.terms.length || f.campaignsAnyOf || f.presence || f.groupId !== undefined || f.campaignId !== undefined || f.teamId !== undefined
    || f.roleId !== undefined || f.kind !== undefined || f.qualityMonitoring !== undefined) return null
  return async () => {
    const [groups, corrections] = await Promise.all([
      Promise.all(holders.groupIds.map((id) => sumUserCounts(db, f.tenantId, 'group', id, f.active))),
      countSkillHolderCorrections(db, f.tenantId, holders, f.active),
    ])
    return groups.reduce((a, b) => a + b, 0) - corrections.excepted + corrections.extra
  }
}

/** The user_counts row that holds this filter's total, when there is one (no text, at most one of role/campaign/team/kind/quality). */
function countsTable(f: UserFilter): [CountScope, string] | null {
  if (f.terms.length || f.qualityMonitoring === false || f.campaignsAnyOf || f.presence || f.skill) return null
  const scopes: Array<[CountScope, string | undefined]> = [
    ['role', f.roleId], ['campaign', f.campaignId], ['team', f.teamId], ['kind', f.kind], ['quality', f.qualityMonitoring ? '' : undefined], ['group', f.groupId],
  ]
  const given = scopes.filter((x): x is [CountScope, string] => x[1] !== undefined)
  return given.length === 0 ? ['tenant', ''] : given.length === 1 ? given[0]! : null
}

/**
 * Whether a condition matching `matches` of `population` rows should find them through its own
 * index (then sort them) rather than be checked row by row along the sort index. Driving costs
 * about one row read per match; walking costs about population / matches reads per row of a page
 * (of 50). Measured on SQLite at a million users (docs/benchmarks.md), the two meet near
 * matches² = 64 × population.
 */
const drives = (matches: number, population: number) => matches * matches <= 64 * Math.max(population, 1)

/**
 * The thresholds of the search plans, measured at a million users (docs/benchmarks.md). Tests set
 * them low to run every plan on a few dozen users.
 */
export const SEARCH_TUNING = {
  /**
   * Where a text's matches are spread along the sort order, a page is found soonest by checking the
   * next entries of the sort index one by one: SQLite would otherwise collect every matching key
   * first (0.4 µs each, 26 ms for 65,000), PostgreSQL read every match's row to sort them (about 50
   * ms for 8,000 rows at a million users). So the first page (or the page after a cursor) is first
   * looked for among as many entries as should hold two pages' worth of matches (fewer than one page
   * there is a five-sigma event when they are spread), at most this many.
   * A first name is one block of usernames, though, and may lie beyond them: then the planned way.
   */
  walkFirst: 20_000,
  /** Text matches read and sorted, at most (see textWay). */
  textDrive: { sqlite: 20_000, postgres: 10_000 } as Record<DialectName, number>,
  /** From this share of the users matching, each entry met along the sort index is checked (see textWay). */
  textScanShare: 0.1,
  /**
   * A skill filter names its holders by id (those who switched a group's profile off, those with a
   * personal profile) up to this many ids; past it, each user is checked against the profiles.
   */
  maxSkillHolderIds: 10_000,
}

/**
 * How to find text matches (see TextWay): read the matching rows and sort them, when few; collect
 * their keys and walk the sort index, up to one user in ten; beyond that, check each key met along
 * the sort index. Reading and sorting costs about a microsecond per match on SQLite at a million
 * users, and a walk is only as short as the matches are spread along the sort order (a first name
 * is a block of usernames), so text drives further than the other conditions do: up to 20,000
 * matches on SQLite, 10,000 on PostgreSQL (docs/benchmarks.md).
 */
function textWay(dialect: DialectName, fewest: boolean, otherDrives: boolean, matches: number, population: number): TextWay {
  if (otherDrives) return 'scan'
  if (fewest && matches <= SEARCH_TUNING.textDrive[dialect]) return 'drive'
  return matches >= SEARCH_TUNING.textScanShare * population ? 'scan' : 'probe'
}

interface SearchPlan {
  filter: UserFilter
  count: () => Promise<number>
  /** False when the rows are fewer read and sorted than found along the sort index (PostgreSQL). */
  sortByIndex: boolean
  /** Find the page's keys first (in the sort index alone, where it can), then read those rows (PostgreSQL text). */
  keysFirst?: boolean
  /**
   * Text of exact terms alone: the share of the users that match, by which the page is first looked
   * for among the next few entries of the sort index (see SEARCH_TUNING.walkFirst).
   */
  walkFirst?: { share: number }
}



/**
 * How to run a search: the total from user_counts where it holds one, or from the word index when
 * the text is the only condition besides active; which condition drives, decided from those counts.
 * PostgreSQL estimates a campaign's size well but still walks the sort index for a LIMIT, probing
 * every user (200 ms for a campaign of 3,000 in a million); an ORDER BY that no index serves makes it
 * read the campaign's users and sort them instead.
 */
async function planSearch(db: DB, filter: UserFilter): Promise<SearchPlan> {
  const dialect = dialectOf(db)
  const counted = countsTable(filter)
  const countRows = async (f: UserFilter) => Number((await userSearchQuery(db, dialect, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const fromCounts = counted ? () => sumUserCounts(db, filter.tenantId, ...counted, filter.active) : skillCount(db, filter)
  // The plain list (no text, role, campaign or team): nothing to choose, so nothing more to read.
  if (counted?.[0] === 'tenant') return { filter, count: fromCounts!, sortByIndex: true }
  const population = await sumUserCounts(db, filter.tenantId, 'tenant', '')
  const [campaignUsers, teamUsers, roleUsers, kindUsers] = await Promise.all([
    filter.campaignId !== undefined ? sumUserCounts(db, filter.tenantId, 'campaign', filter.campaignId) : Infinity,
    filter.teamId !== undefined ? sumUserCounts(db, filter.tenantId, 'team', filter.teamId) : Infinity,
    filter.roleId !== undefined ? sumUserCounts(db, filter.tenantId, 'role', filter.roleId) : Infinity,
    filter.kind !== undefined ? sumUserCounts(db, filter.tenantId, 'kind', filter.kind) : Infinity,
  ])
  const links = Math.min(campaignUsers, teamUsers)
  const indexed = filter.terms.filter((t): t is SearchTerm & { wordIds: number[] } => t.wordIds !== null)
  // Users having every indexed term's words, (in)active as asked: the total itself when the words decide every term.
  const textMatches = indexed.length ? await countWordMatches(db, dialect, indexed, filter.active) : Infinity
  // The most selective condition drives (quality monitoring has no index of its own: it never does).
  const fewest = Math.min(links, roleUsers, kindUsers, textMatches)
  const driveLinks = links === fewest && drives(links, population)
  const driveRole = !driveLinks && roleUsers === fewest && drives(roleUsers, population)
  const driveKind = !driveLinks && !driveRole && kindUsers === fewest && drives(kindUsers, population)
  const otherDrives = driveLinks || driveRole || driveKind
  const way = textWay(dialect, textMatches === fewest && !otherDrives && links !== fewest && roleUsers !== fewest && kindUsers !== fewest, otherDrives, textMatches, population)
  const planned: UserFilter = { ...filter, drive: { links: driveLinks, role: driveRole || dialect !== 'sqlite', kind: driveKind, text: way } }
  const textDecides = filter.terms.length > 0 && filter.terms.every((t) => t.exact) && links === Infinity && roleUsers === Infinity
    && kindUsers === Infinity && filter.qualityMonitoring === undefined && filter.campaignsAnyOf === undefined && filter.presence === undefined && filter.groupId === undefined && filter.skill === undefined
  const count = fromCounts ?? (textDecides ? async () => textMatches : () => countRows(planned))
  if (dialect === 'sqlite') {
    return { filter: planned, count, sortByIndex: true, ...(textDecides && way === 'probe' ? { walkFirst: { share: textMatches / Math.max(population, 1) } } : {}) }
  }
  if (indexed.length > 0 && way === 'drive') {
    // Few enough to list: PostgreSQL then reads exactly those rows and sorts them, unless the page
    // turns up in a short walk first (a surname is spread along the usernames; a first name is not).
    const keys = await findWordMatchKeys(db, dialect, indexed, filter.active)
    const withKeys: UserFilter = { ...planned, keys }
    return {
      // Keys first: sorting 8,000 narrow tuples instead of whole rows (23 -> 16 ms).
      filter: withKeys, count: fromCounts ?? (textDecides ? async () => keys.length : () => countRows(withKeys)), sortByIndex: false, keysFirst: true,
      ...(textDecides ? { walkFirst: { share: keys.length / Math.max(population, 1) } } : {}),
    }
  }
  return { filter: planned, count, sortByIndex: !otherDrives, keysFirst: indexed.length > 0 }
}

async function searchPage(db: DB, plan: SearchPlan, sort: UserSort, order: 'asc' | 'desc', request: PageRequest): Promise<Page<UserRow>> {
  const dialect = dialectOf(db)
  const column = SORT_COLUMNS[sort]
  // The same order, in an expression no index holds: `|| ''` and `+ 0` change no value.
  const sortColumn = plan.sortByIndex ? `u.${column}` : NUMERIC_SORT_COLUMNS.has(column) ? `(u.${column} + 0)` : `(u.${column} || '')`
  const sortSpec = { column: sortColumn, tieBreaker: 'u.pk', order, key: `${sort}:${order}` }
  const sortValue = sql<string | number | null>`${sql.raw(sortColumn)}`
  const pageOf = async (filter: UserFilter, count: () => Promise<number>): Promise<Page<UserRow>> => {
    const query = userSearchQuery(db, dialect, filter)
    if (plan.keysFirst) {
      // The page's keys from the sort index alone, then those rows.
      const keys = await paginate({
        rows: query.select(['u.pk', sortValue.as('sort_value')]),
        count, sort: sortSpec, request, dialect, cursorOf: (row) => [row.sort_value, row.pk],
      })
      return { ...keys, items: await findUsersByPks(db, keys.items.map((row) => row.pk)) }
    }
    return paginate({
      rows: query.selectAll('u'),
      count, sort: sortSpec, request, dialect, cursorOf: (row) => [row[column] as string | number | null, row.pk],
    })
  }
  // The bounded walk reads only the sort index and the postings: for text of exact terms and active alone.
  if (plan.walkFirst && (request.cursor !== undefined || (request.page ?? 1) === 1)) {
    const cursor = request.cursor !== undefined ? decodeCursor(request.cursor, sortSpec.key) : null
    const window = Math.min(SEARCH_TUNING.walkFirst, Math.ceil((2 * (request.limit + 1)) / plan.walkFirst.share))
    const [near, total] = await Promise.all([
      findTextPageWithin(db, dialect, plan.filter, { ...sortSpec, column: `u.${column}` }, cursor, window, request.limit + 1),
      plan.count(),
    ])
    // A whole page (and a next one) within the stretch, or the stretch reached the end: that is the answer.
    if (near.complete || near.rows.length > request.limit) {
      const keys = near.rows.slice(0, request.limit)
      const last = keys[keys.length - 1]
      return {
        items: await findUsersByPks(db, keys.map((k) => k.pk)), total,
        ...(cursor ? {} : { page: 1 }),
        ...(near.rows.length > request.limit && last ? { nextCursor: encodeCursor({ s: sortSpec.key, v: last.v, t: last.pk }) } : {}),
      }
    }
    return pageOf(plan.filter, async () => total)
  }
  return pageOf(plan.filter, plan.count)
}

/** The search panel: text search, filters, any sort column, numbered pages or cursors, total count. */
export async function searchUsers(db: DB, ctx: Context, query: UserListQuery) {
  authorize(ctx, 'users:read')
  const page = await searchPage(db, await planSearch(db, await userFilter(db, ctx, query)), query.sort, query.order, query)
  return { ...page, items: await toUsers(db, page.items) }
}

export const CSV_COLUMNS: Array<[string, (u: User) => unknown]> = [
  ['id', (u) => u.id], ['username', (u) => u.username], ['firstName', (u) => u.firstName], ['lastName', (u) => u.lastName],
  ['displayName', (u) => u.displayName], ['email', (u) => u.email], ['emailVerified', (u) => u.emailVerified],
  ['mobilePhone', (u) => u.mobilePhone], ['jobTitle', (u) => u.jobTitle], ['employeeNumber', (u) => u.employeeNumber],
  ['externalUsername', (u) => u.externalUsername], ['agentId', (u) => u.agentId], ['extension', (u) => u.extension], ['role', (u) => u.roleName],
  ['defaultCampaign', (u) => u.defaultCampaignName], ['group', (u) => u.groupName], ['active', (u) => u.active], ['timeZone', (u) => u.timeZone],
  ['locale', (u) => u.locale], ['lastLoginAt', (u) => u.lastLoginAt], ['createdAt', (u) => u.createdAt],
  ['kind', (u) => u.kind], ['qualityMonitoring', (u) => u.qualityMonitoring],
]

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole result of a search as CSV lines, read in cursor batches so memory stays flat. */
export async function* exportUsersCsv(db: DB, ctx: Context, query: UserListQuery): AsyncGenerator<string> {
  authorize(ctx, 'users:read')
  // Planned once for all batches; the export needs no total, so no batch counts anything.
  const plan: SearchPlan = { ...(await planSearch(db, await userFilter(db, ctx, query))), count: async () => 0 }
  yield `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`
  let cursor: string | undefined
  do {
    const page = await searchPage(db, plan, query.sort, query.order, { limit: 1000, ...(cursor ? { cursor } : {}) })
    const users = await toUsers(db, page.items)
    yield users.map((u) => `${CSV_COLUMNS.map(([, get]) => csvCell(get(u))).join(',')}\r\n`).join('')
    cursor = page.nextCursor
  } while (cursor)
}

export async function listAgentIds(db: DB, ctx: Context, query: AgentIdListQuery) {
  authorize(ctx, 'users:read')
  const tenantId = await resolveTenantScope(db, ctx, query.tenant)
  const [page, highest] = await Promise.all([
    paginate({
      rows: agentIdQuery(db, tenantId).select(['agent_id', 'id', 'username']),
      count: async () => Number((await agentIdQuery(db, tenantId).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      sort: { column: 'agent_id', tieBreaker: 'id', order: query.order, key: `agentId:${query.order}` },
      request: query,
      dialect: dialectOf(db),
      cursorOf: (row) => [row.agent_id, row.id],
    }),
    highestAgentId(db, tenantId),
  ])
  return { ...page, items: page.items.map((r) => ({ agentId: r.agent_id!, userId: r.id, username: r.username })), nextFreeAgentId: highest + 1 }
}

// ---------- writing ----------

const countedAs = (tenantId: string, state: Pick<UserState, 'active' | 'roleId' | 'groupId' | 'campaignIds' | 'teamIds' | 'kind' | 'qualityMonitoring'>): CountedUser =>
  ({ tenantId, active: state.active, roleId: state.roleId, groupId: state.groupId, campaignIds: state.campaignIds, teamIds: state.teamIds, kind: state.kind, qualityMonitoring: state.qualityMonitoring })

// The schema already holds usernames to the default rule; a tenant may also forbid capitals (Connectel).
const hasCapital = (value: string) => /\p{Lu}|\p{Lt}/u.test(value)

/** The editable state of a user, in API terms: what the audit trail compares. */
interface UserState {
  kind: UserKind
  username: string; firstName: string; lastName: string; displayName: string
  email: string | null; emailVerified: boolean; mobilePhone: string | null; jobTitle: string; description: string
  employeeNumber: string | null; externalUsername: string; agentId: number | null; extension: number | null; timeZone: string | null; locale: string | null
  roleId: string; campaignIds: string[]; defaultCampaignId: string | null; teamIds: string[]
  active: boolean; chooseCampaignAtLogin: boolean; restrictView: boolean; qualityMonitoring: boolean; messengerSound: boolean
  identities: Array<{ environment: string; username: string }>
  requiredActions: RequiredAction[]
  groupId: string; propertyOverrides: PropertyOverrides; resourceFilterIds: string[]
}

function stateOf(user: User): UserState {
  const { kind, username, firstName, lastName, displayName, email, emailVerified, mobilePhone, jobTitle, description, employeeNumber,
    externalUsername, agentId, extension, timeZone, locale, roleId, campaignIds, defaultCampaignId, teamIds, active, chooseCampaignAtLogin,
    restrictView, qualityMonitoring, messengerSound, identities, requiredActions, groupId } = user
  const propertyOverrides = Object.fromEntries(Object.entries(user.properties).filter(([name, p]) => name !== 'language' && p.override !== null).map(([name, p]) => [name, p.override]))
  return { groupId, propertyOverrides, resourceFilterIds: user.resourceFilters.user, kind, username, firstName, lastName, displayName, email, emailVerified, mobilePhone, jobTitle, description, employeeNumber,
    externalUsername, agentId, extension, timeZone, locale, roleId, campaignIds, defaultCampaignId, teamIds, active, chooseCampaignAtLogin,
    restrictView, qualityMonitoring, messengerSound, identities, requiredActions }
}

const EMPTY_STATE: Omit<UserState, 'username' | 'roleId'> = {
  kind: 'agent', firstName: '', lastName: '', displayName: '', email: null, emailVerified: false, mobilePhone: null, jobTitle: '',
  description: '', employeeNumber: null, externalUsername: '', agentId: null, extension: null, timeZone: null, locale: null,
  campaignIds: [], defaultCampaignId: null, teamIds: [], active: true, chooseCampaignAtLogin: false, restrictView: false,
  qualityMonitoring: false, messengerSound: true, identities: [], requiredActions: [], groupId: '', propertyOverrides: {}, resourceFilterIds: [],
}

interface Checked { state: UserState; role: RoleRow; campaignNames: Map<string, string>; identities: IdentityRow[] }

/**
 * Normalises the wanted state and checks every rule that depends on the tenant; all failures at once.
 * The tenant's username and email rules apply to the fields being set (`changed`), so that a rule made
 * stricter later does not block unrelated edits, such as deactivating, of existing users.
 */
async function checkState(db: Kysely<Database>, ctx: Context, tenantId: string, wanted: UserState, changed: ReadonlySet<string> | 'all'): Promise<Checked> {
  const tenant = await findTenantById(db, tenantId)
  if (!tenant) throw notFound('tenant')
  const settings = settingsOf(tenant)
  const errors = new FieldErrors()
  const state: UserState = {
    ...wanted,
    email: wanted.email?.trim() || null,
    mobilePhone: wanted.mobilePhone ? toE164(wanted.mobilePhone) : null,
    locale: wanted.locale ? canonicalLocale(wanted.locale) : null,
    timeZone: wanted.timeZone ? canonicalTimeZone(wanted.timeZone) : null,
    employeeNumber: wanted.employeeNumber?.trim() || null,
    identities: wanted.identities.map((i) => ({ environment: i.environment.trim(), username: i.username.trim() })),
    requiredActions: REQUIRED_ACTIONS.filter((action) => wanted.requiredActions.includes(action)),
  }
  const isChanged = (field: keyof UserState) => changed === 'all' || changed.has(field)
  if (isChanged('username') && settings.usernameRule === 'lowercase' && hasCapital(state.username)) {
    errors.add('username', 'invalid_username', 'This tenant requires lowercase usernames.')
  }
  // Machines have no mailbox: the tenant's email rule is for people.
  if (isChanged('email') && settings.emailRequired && !state.email && !isMachineKind(state.kind)) errors.add('email', 'required', 'This tenant requires an email address.')
  if (isChanged('agentId') && settings.agentNumbers.agentIdRequired && state.agentId === null && !isMachineKind(state.kind)) {
    errors.add('agentId', 'required', 'This tenant requires an agent ID for every person.')
  }
  if (isMachineKind(state.kind) && state.requiredActions.length) {
    errors.add('requiredActions', 'machine_account', `Accounts of kind ${state.kind} never sign in, so they have no actions to take.`)
  }

  const role = await findRoleById(db, state.roleId)
  if (!role || role.tenant_id !== tenantId) errors.add('roleId', 'unknown_role', 'No such role in this tenant.')
  const campaigns = await findCampaignsOfTenant(db, tenantId, state.campaignIds)
  state.campaignIds.forEach((id, i) => {
    if (!campaigns.some((c) => c.id === id)) errors.add(`campaignIds[${i}]`, 'unknown_campaign', 'No such campaign in this tenant.')
  })
  if (state.defaultCampaignId === null && state.campaignIds.length) state.defaultCampaignId = state.campaignIds[0]!
  if (state.defaultCampaignId !== null && !state.campaignIds.includes(state.defaultCampaignId)) {
    errors.add('defaultCampaignId', 'default_campaign_not_linked', 'The default campaign must be one of the user\'s campaigns.')
  }
  const group = state.groupId ? await findGroupById(db, state.groupId) : await findDefaultGroup(db, tenantId)
  if (!group || group.tenant_id !== tenantId) errors.add('groupId', 'unknown_group', 'No such user group in this tenant.')
  else state.groupId = group.id
  const filterCampaigns = await findCampaignsOfTenant(db, tenantId, state.resourceFilterIds)
  state.resourceFilterIds.forEach((id, i) => {
    if (!filterCampaigns.some((c) => c.id === id)) errors.add(`resourceFilterIds[${i}]`, 'unknown_campaign', 'No such campaign in this tenant.')
  })
  const teams = await findTeamsOfTenant(db, tenantId, state.teamIds)
  state.teamIds.forEach((id, i) => {
    if (!teams.some((t) => t.id === id)) errors.add(`teamIds[${i}]`, 'unknown_team', 'No such team in this tenant.')
  })
  const identities = state.identities.map((i) => ({
    id: newId(), environment: i.environment, environment_key: caseKey(i.environment), username: i.username, username_key: caseKey(i.username),
  }))
  identities.forEach((identity, i) => {
    if (identities.findIndex((o) => o.environment_key === identity.environment_key && o.username_key === identity.username_key) < i) {
      errors.add(`identities[${i}]`, 'duplicate', 'This identity is listed twice.')
    }
  })
  errors.throwIfAny()
  if (!holdsAll(ctx, permissionsOf(role!))) throw escalation('assign this role')
  return { state, role: role!, campaignNames: new Map(campaigns.map((c) => [c.id, c.name])), identities }
}

function rowValues(checked: Checked): Omit<UserInsert, 'id' | 'tenant_id' | 'created_at' | 'created_by' | 'updated_at' | 'updated_by' | 'version'> {
  const s = checked.state
  return {
    username: s.username,
    username_key: caseKey(s.username),
    first_name: s.firstName,
    last_name: s.lastName,
    display_name: s.displayName,
    email: s.email,
    email_key: s.email ? caseKey(s.email) : null,
    email_verified: s.emailVerified ? 1 : 0,
    mobile_phone: s.mobilePhone,
    job_title: s.jobTitle,
    description: s.description,
    employee_number: s.employeeNumber,
    external_username: s.externalUsername,
    agent_id: s.agentId,
    extension: s.extension,
    time_zone: s.timeZone,
    locale: s.locale,
    role_id: checked.role.id,
    role_name: checked.role.name,
    default_campaign_id: s.defaultCampaignId,
    default_campaign_name: s.defaultCampaignId ? checked.campaignNames.get(s.defaultCampaignId) ?? null : null,
    active: s.active ? 1 : 0,
    choose_campaign_at_login: s.chooseCampaignAtLogin ? 1 : 0,
    restrict_view: s.restrictView ? 1 : 0,
    quality_monitoring: s.qualityMonitoring ? 1 : 0,
    messenger_sound: s.messengerSound ? 1 : 0,
    search_text: searchText(s),
    required_actions: JSON.stringify(s.requiredActions),
    group_id: s.groupId,
    property_overrides: JSON.stringify(s.propertyOverrides),
    resource_filter_ids: JSON.stringify(s.resourceFilterIds),
  }
}

/** 409 listing every unique value (username, email, employee number, agent ID, identity) already taken. */
async function checkUnique(db: Kysely<Database>, tenantId: string, values: ReturnType<typeof rowValues>, identities: IdentityRow[], userId: string | null): Promise<void> {
  const taken: FieldError[] = (await findTakenValues(db, tenantId, {
    username_key: values.username_key, email_key: values.email_key ?? null, employee_number: values.employee_number ?? null, agent_id: values.agent_id ?? null,
    extension: values.extension ?? null,
  }, userId)).map(takenField)
  const takenIdentities = await findTakenIdentities(db, tenantId, identities, userId)
  identities.forEach((identity, i) => {
    if (takenIdentities.some((t) => t.environment_key === identity.environment_key && t.username_key === identity.username_key)) taken.push(identityTaken(i))
  })
  if (taken.length) throw valuesTaken(taken)
}

/** A unique index caught a race the pre-check could not see: answer as the pre-check would have. */
function uniqueRaceOr(error: unknown): never {
  const index = violatedUniqueIndex(error)
  const column = index ? UNIQUE_INDEXES[index] : undefined
  if (column) throw valuesTaken([takenField(column)])
  if (index === 'user_identities_unique') throw valuesTaken([identityTaken(0)])
  throw error
}

async function writeLinks(trx: Kysely<Database>, userId: string, tenantId: string, checked: Checked): Promise<void> {
  await replaceUserCampaigns(trx, userId, tenantId, checked.state.campaignIds)
  await replaceUserTeams(trx, userId, tenantId, checked.state.teamIds)
  await replaceUserIdentities(trx, userId, tenantId, checked.identities)
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

export async function createUser(db: DB, ctx: Context, input: UserCreate): Promise<User> {
  authorize(ctx, 'users:write')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  const { tenantId: _ignored, ...fields } = input
  // An internal number taken from the range may be taken by a parallel create at the same moment:
  // the unique index refuses one of the two, which then takes the next number.
  for (let attempt = 1; ; attempt++) {
    let allocated = false
    try {
      return await db.transaction().execute(async (trx) => {
        const roleId = fields.roleId ?? (await findRoleByKey(trx, tenantId, 'agent'))?.id ?? ''
        const wanted: UserState = { ...EMPTY_STATE, ...definedOnly(fields), username: fields.username, roleId } as UserState
        if (fields.displayName === undefined) wanted.displayName = `${wanted.firstName} ${wanted.lastName}`.trim()
        const checked = await checkState(trx, ctx, tenantId, wanted, 'all')
        if (checked.state.extension === null && !isMachineKind(checked.state.kind)) {
          const { autoExtension, extensionFrom, extensionTo } = (await tenantSettingsOf(trx, tenantId)).agentNumbers
          if (autoExtension) {
            const next = await nextFreeExtension(trx, tenantId, extensionFrom, extensionTo)
            if (next === null) throw extensionsExhausted(extensionFrom, extensionTo)
            checked.state.extension = next
            allocated = true
          }
        }
        const values = rowValues(checked)
        await checkUnique(trx, tenantId, values, checked.identities, null)
        const now = Date.now()
        const id = newId(now)
        const pk = await insertUser(trx, {
          ...values, id, tenant_id: tenantId, kind: checked.state.kind, created_at: now, created_by: ctx.actor.userId, updated_at: now, updated_by: ctx.actor.userId,
          version: 1, password_hash: null, password_changed_at: null, last_login_at: null, last_login_ip: null, last_login_browser: null,
        }).catch(uniqueRaceOr)
        await writeLinks(trx, id, tenantId, checked).catch(uniqueRaceOr)
        await replaceUserWords(trx, { pk, tenantId, active: checked.state.active }, searchWords(values.search_text))
        await adjustUserCounts(trx, null, countedAs(tenantId, checked.state))
        await recordAudit(trx, ctx, { tenantId, action: 'user.create', entityType: 'user', entityId: id, changes: diff(null, { ...checked.state }) })
        const [user] = await toUsers(trx, [(await findUserById(trx, id))!])
        return user!
      })
    } catch (error) {
      if (!(allocated && attempt < 10 && error instanceof Problem && error.code === 'extension_taken')) throw error
    }
  }
}

/** The no-escalation rule for acting on an existing user. */
export async function checkMayManage(db: Kysely<Database>, ctx: Context, row: UserRow, action: string): Promise<void> {
  const role = await findRoleById(db, row.role_id)
  if (role && !holdsAll(ctx, permissionsOf(role))) throw escalation(`${action} a user whose role has more permissions than yours`)
}

export async function updateUser(db: DB, ctx: Context, id: string, patch: UserPatch, expected: number | undefined): Promise<User> {
  authorize(ctx, 'users:write')
  return db.transaction().execute(async (trx) => {
    const row = await findVisibleUser(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await checkMayManage(trx, ctx, row, 'change')
    if (patch.active === false && row.id === ctx.actor.userId) throw cannotRemoveSelf()
    return applyUserPatch(trx, ctx, row, patch)
  })
}

/** Applies a checked change to a user inside the caller's transaction: rules, links, totals, audit. */
async function applyUserPatch(trx: Kysely<Database>, ctx: Context, row: UserRow, patch: UserPatch): Promise<User> {
  if (patch.extension !== undefined && row.extension !== null && patch.extension !== row.extension) throw extensionImmutable()
  const [before] = await toUsers(trx, [row])
  const beforeState = stateOf(before!)
  const wanted: UserState = { ...beforeState, ...definedOnly(patch) } as UserState
  // Overrides are changed one by one: a property left out keeps its value, null clears it.
  if (patch.propertyOverrides) wanted.propertyOverrides = storedOverrides(beforeState.propertyOverrides, patch.propertyOverrides)
  // Puzzel: a user logged on to the queues stays in the group they logged on with.
  const leavesGroup = patch.groupId !== undefined && patch.groupId !== row.group_id
  if (leavesGroup && row.presence_state === 'logged_on') throw loggedOnToQueues('move them to another group')
  // The old group's profiles are no longer offered: their on/off switches go.
  if (leavesGroup) await dropSwitchesOfGroup(trx, row.id, row.group_id)
  // Replacing the campaigns without naming a default keeps the old default only if still linked.
  if (patch.campaignIds && patch.defaultCampaignId === undefined && wanted.defaultCampaignId && !patch.campaignIds.includes(wanted.defaultCampaignId)) {
    wanted.defaultCampaignId = null
  }
  const checked = await checkState(trx, ctx, row.tenant_id, wanted, new Set(Object.keys(patch)))
  const values = rowValues(checked)
  await checkUnique(trx, row.tenant_id, values, checked.identities, row.id)
  const updated = await updateUserRow(trx, row.id, row.version, { ...values, updated_at: Date.now(), updated_by: ctx.actor.userId }).catch(uniqueRaceOr)
  if (!updated) throw versionConflict()
  await writeLinks(trx, row.id, row.tenant_id, checked).catch(uniqueRaceOr)
  if (values.search_text !== row.search_text || values.active !== row.active) {
    await replaceUserWords(trx, { pk: row.pk, tenantId: row.tenant_id, active: checked.state.active }, searchWords(values.search_text))
  }
  await adjustUserCounts(trx, countedAs(row.tenant_id, beforeState), countedAs(row.tenant_id, checked.state))
  // A deactivated user is signed out everywhere at once.
  if (!checked.state.active) await deleteSessionsOfUser(trx, row.id)
  // A code sent to the old address must not verify the new one.
  if (values.email_key !== row.email_key) await deleteCodes(trx, row.id, 'verify_email')
  const [after] = await toUsers(trx, [(await findUserById(trx, row.id))!])
  const action = patch.active !== undefined && patch.active !== before!.active ? (patch.active ? 'user.activate' : 'user.deactivate') : 'user.update'
  await recordAudit(trx, ctx, { tenantId: row.tenant_id, action, entityType: 'user', entityId: row.id, changes: diff({ ...beforeState }, { ...stateOf(after!) }) })
  return after!
}

/**
 * A user changes their own profile (the account page, the update_profile sign-in step): locale and
 * time zone always, other fields as the tenant allows. A new email address must be verified again.
 */
export async function ownEditableFields(db: DB, ctx: Context): Promise<string[]> {
  const tenant = await findTenantById(db, ctx.actor.tenantId)
  return ['locale', 'timeZone', ...(tenant ? settingsOf(tenant).selfService.editableFields : [])]
}

export async function updateOwnProfile(db: Kysely<Database>, ctx: Context, patch: OwnProfilePatch): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const allowed = new Set(await ownEditableFields(trx, ctx))
    const errors = new FieldErrors()
    for (const field of Object.keys(patch)) if (!allowed.has(field)) errors.add(field, 'not_editable', 'Your organisation does not let you change this yourself.')
    errors.throwIfAny()
    return changeOwnUser(trx, ctx, patch)
  })
}

/**
 * The user's own change, inside the caller's transaction, checked as an administrator's edit would be
 * (the account page after its editableFields check; the update_profile and verify_email sign-in
 * steps, where the administrator asked for it). A changed email address is unverified again.
 */
export async function changeOwnUser(trx: Kysely<Database>, ctx: Context, patch: OwnProfilePatch): Promise<User> {
  const row = await findUserById(trx, ctx.actor.userId, true)
  if (!row) throw notFound('user')
  const emailChanged = patch.email !== undefined && (patch.email ?? '').trim().toLowerCase() !== (row.email ?? '').toLowerCase()
  return applyUserPatch(trx, ctx, row, { ...patch, ...(emailChanged ? { emailVerified: false } : {}) })
}

/**
 * Takes a completed required action off the user's list, inside the caller's transaction, and audits
 * it. Nothing happens when the action was not on the list (a step Gatehouse asked for by its own
 * rules, such as an expired password).
 */
export async function completeRequiredAction(trx: Kysely<Database>, ctx: Context, userId: string, action: RequiredAction): Promise<void> {
  const row = await findUserById(trx, userId, true)
  if (!row) throw notFound('user')
  const before = requiredActionsOf(row)
  if (!before.includes(action)) return
  const after = before.filter((a) => a !== action)
  await setRequiredActions(trx, row.id, JSON.stringify(after))
  await recordAudit(trx, ctx, {
    tenantId: row.tenant_id, action: 'user.required_action_complete', entityType: 'user', entityId: row.id,
    changes: { requiredActions: { old: before, new: after }, completed: { old: null, new: action } },
  })
}

/**
 * Gatehouse itself deactivates a user (the lockout policy "disable"): inside the caller's
 * transaction, with the search totals kept in step and every session ended.
 */
export async function deactivateBySystem(trx: Kysely<Database>, userId: string): Promise<void> {
  const row = await findUserById(trx, userId, true)
  if (!row || !row.active) return
  const [user] = await toUsers(trx, [row])
  const state = stateOf(user!)
  await updateUserRow(trx, row.id, row.version, { active: 0, updated_at: Date.now() })
  await setUserWordsActive(trx, row.pk, false)
  await adjustUserCounts(trx, countedAs(row.tenant_id, state), countedAs(row.tenant_id, { ...state, active: false }))
  await deleteSessionsOfUser(trx, row.id)
}

export async function deleteUser(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'users:delete')
  await db.transaction().execute(async (trx) => {
    const row = await findVisibleUser(trx, ctx, id, true)
    checkVersion(row.version, expected)
    if (row.id === ctx.actor.userId) throw cannotRemoveSelf()
    await checkMayManage(trx, ctx, row, 'delete')
    if (row.presence_state === 'logged_on') throw loggedOnToQueues('delete them')
    const [before] = await toUsers(trx, [row])
    const beforeState = stateOf(before!)
    await deleteUserRow(trx, row.id)
    await adjustUserCounts(trx, countedAs(row.tenant_id, beforeState), null)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'user.delete', entityType: 'user', entityId: row.id, changes: diff({ ...beforeState }, null) })
  })
}

// ---------- queue presence ----------

/**
 * The telephony (ACD) reports a user logging on to or off the queues, with the profile chosen at
 * log-on. Machines never log on. Not audited: it changes many times a shift and is no administrator's
 * edit (the last sign-in fields are kept the same way).
 */
export async function reportPresence(db: DB, ctx: Context, userId: string, report: PresenceReport): Promise<User> {
  authorize(ctx, 'presence:write')
  return db.transaction().execute(async (trx) => {
    const row = await findVisibleUser(trx, ctx, userId, true)
    if (isMachineKind(row.kind)) throw machineAccount(row.kind)
    if (report.state === 'logged_on' && report.profileId && !(await isProfileAvailable(trx, row.id, row.group_id, report.profileId))) {
      throw invalid([{ path: 'profileId', code: 'profile_not_available', message: 'Not a profile of this user or their group that is switched on for them.' }])
    }
    const presence = {
      presence_state: report.state,
      presence_since: row.presence_state === report.state && row.presence_since !== null ? row.presence_since : Date.now(),
      presence_profile_id: report.state === 'logged_on' ? report.profileId ?? null : null,
    }
    await setPresence(trx, row.id, presence)
    const [user] = await toUsers(trx, [{ ...row, ...presence }])
    return user!
  })
}

// ---------- bulk actions ----------

/** Bulk actions name at most this many users, by list or by query (tests lower it). */
export const BULK_LIMITS = { users: 10_000 }

const BULK_NEEDS: Partial<Record<BulkAction, 'roleId' | 'campaignId' | 'teamId' | 'requiredAction'>> = {
  set_role: 'roleId', add_campaign: 'campaignId', remove_campaign: 'campaignId', add_team: 'teamId', remove_team: 'teamId', require_action: 'requiredAction',
}

/** The ids of the users a search matches, in username order; refused when more than the limit. */
async function matchingUserIds(db: DB, ctx: Context, query: NonNullable<UserBulkRequest['query']>, limit: number): Promise<string[]> {
  const plan = await planSearch(db, await userFilter(db, ctx, { ...query, sort: 'username', order: 'asc', limit: 1000 }))
  const total = await plan.count()
  if (total > limit) throw bulkTooLarge(total, limit)
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = await searchPage(db, { ...plan, count: async () => total }, 'username', 'asc', { limit: 1000, ...(cursor ? { cursor } : {}) })
    ids.push(...page.items.map((row) => row.id))
    cursor = page.nextCursor
  } while (cursor && ids.length <= limit)
  return ids
}

/** One user's part of a bulk action: the single-user operation, with its rules, transaction and audit. */
async function bulkActOn(db: DB, ctx: Context, id: string, input: UserBulkRequest): Promise<void> {
  const { action } = input
  if (action === 'delete') return deleteUser(db, ctx, id, undefined)
  if (action === 'activate' || action === 'deactivate') return void (await updateUser(db, ctx, id, { active: action === 'activate' }, undefined))
  if (action === 'set_role') return void (await updateUser(db, ctx, id, { roleId: input.roleId! }, undefined))
  // Adding to or taking from a list: from the user as read, guarded by its version.
  const user = await getUser(db, ctx, id)
  const toggled = (list: readonly string[], value: string, add: boolean) => (add ? [...new Set([...list, value])] : list.filter((v) => v !== value))
  let patch: UserPatch
  if (action === 'add_campaign' || action === 'remove_campaign') patch = { campaignIds: toggled(user.campaignIds, input.campaignId!, action === 'add_campaign') }
  else if (action === 'add_team' || action === 'remove_team') patch = { teamIds: toggled(user.teamIds, input.teamId!, action === 'add_team') }
  else patch = { requiredActions: toggled(user.requiredActions, input.requiredAction!, true) as RequiredAction[] }
  const key = Object.keys(patch)[0] as keyof UserPatch & keyof User
  if (JSON.stringify(patch[key]) === JSON.stringify(user[key])) return // already as asked
  await updateUser(db, ctx, id, patch, user.version)
}

/**
 * A bulk action (the console's "selected rows" or "all N matching"): each user in a transaction of
 * its own under the same rules as one at a time, so that one refusal (a stronger role, oneself, a
 * conflicting edit) does not undo the others; every refusal is listed with the code and detail the
 * single-user request would have answered.
 */
export async function bulkChangeUsers(db: DB, ctx: Context, input: UserBulkRequest): Promise<UserBulkResult> {
  authorize(ctx, input.action === 'delete' ? 'users:delete' : 'users:write')
  const errors = new FieldErrors()
  const needs = BULK_NEEDS[input.action]
  if (needs && input[needs] === undefined) errors.add(needs, 'required', `is needed for ${input.action}`)
  if ((input.userIds === undefined) === (input.query === undefined)) errors.add('userIds', 'ids_or_query', 'give userIds or query, one of them')
  if (input.userIds && input.userIds.length > BULK_LIMITS.users) errors.add('userIds', 'too_many', `at most ${BULK_LIMITS.users} users`)
  errors.throwIfAny()
  const ids = input.userIds ?? await matchingUserIds(db, ctx, input.query!, BULK_LIMITS.users)
  const failed: UserBulkResult['failed'] = []
  for (const id of ids) {
    try {
      await bulkActOn(db, ctx, id, input)
    } catch (error) {
      if (!(error instanceof Problem) || error.status >= 500) throw error
      // Named only where the actor may see the user at all.
      const username = await findVisibleUser(db, ctx, id).then((row) => row.username, () => null)
      failed.push({ id, username, status: error.status, code: error.code, detail: error.message })
    }
  }
  return { selected: ids.length, succeeded: ids.length - failed.length, failed }
}
