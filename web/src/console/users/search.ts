// The search panel's state lives in the URL (bookmarkable, shareable, back and forward work): each
// criterion, the sort, the page and the page size; defaults are left out of the URL.
import type { UserSort } from '../../api/types'
import { queryString } from '../api'
import { consoleHref, type ConsoleTenant } from '../console-context'

export const PAGE_SIZES = [10, 25, 50, 100, 200] as const
export type PageSize = (typeof PAGE_SIZES)[number]
export type ActiveFilter = 'all' | 'active' | 'inactive'
/** Logged on to the queues (as the telephony reported), or not; 'all' for either. */
export type PresenceFilter = 'all' | 'logged_on' | 'logged_off'

/** The columns the API sorts by that the table shows. */
export const SORTABLE: readonly UserSort[] = [
  'username', 'firstName', 'lastName', 'displayName', 'email', 'role', 'campaign', 'active', 'agentId', 'lastLoginAt', 'timeZone', 'createdAt',
]

export interface UserSearch {
  q: string
  active: ActiveFilter
  campaign: string | null
  role: string | null
  team: string | null
  presence: PresenceFilter
  /** A user group. */
  group: string | null
  /** Users with this skill from a profile switched on… */
  skill: string | null
  /** …at this level or better (0: any, "member only" included). */
  skillLevel: number
  sort: UserSort
  order: 'asc' | 'desc'
  page: number
  limit: PageSize
}

export const DEFAULT_SEARCH: UserSearch = { q: '', active: 'all', campaign: null, role: null, team: null, presence: 'all', group: null, skill: null, skillLevel: 0, sort: 'username', order: 'asc', page: 1, limit: 50 }

const isSort = (value: string | null): value is UserSort => SORTABLE.includes(value as UserSort)
const isPageSize = (value: number): value is PageSize => PAGE_SIZES.includes(value as PageSize)

/** What the URL asks for; anything it cannot mean is the default. */
export function searchOf(params: URLSearchParams): UserSearch {
  const active = params.get('active')
  const page = Number(params.get('page'))
  const limit = Number(params.get('limit'))
  const sort = params.get('sort')
  const presence = params.get('presence')
  const skill = params.get('skill') || null
  const skillLevel = Number(params.get('skillLevel'))
  return {
    q: params.get('q') ?? '',
    active: active === 'true' ? 'active' : active === 'false' ? 'inactive' : 'all',
    campaign: params.get('campaign') || null,
    role: params.get('role') || null,
    team: params.get('team') || null,
    presence: presence === 'logged_on' || presence === 'logged_off' ? presence : 'all',
    group: params.get('group') || null,
    skill,
    skillLevel: skill && Number.isInteger(skillLevel) && skillLevel >= 0 && skillLevel <= 99 ? skillLevel : 0,
    sort: isSort(sort) ? sort : DEFAULT_SEARCH.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    limit: isPageSize(limit) ? limit : DEFAULT_SEARCH.limit,
  }
}

/** The criteria as the API's query parameters (also what the URL holds, defaults left out). */
export function criteria(search: UserSearch): Record<string, string | null> {
  return {
    q: search.q.trim() || null,
    active: search.active === 'all' ? null : String(search.active === 'active'),
    campaign: search.campaign, role: search.role, team: search.team,
    presence: search.presence === 'all' ? null : search.presence,
    group: search.group,
    skill: search.skill,
    skillLevel: search.skill && search.skillLevel > 0 ? String(search.skillLevel) : null,
  }
}

/** The URL parameters of a search (the tenant parameter is the console's, added by consoleHref). */
export function paramsOf(search: UserSearch): URLSearchParams {
  const params = new URLSearchParams()
  const values: Record<string, string | null> = {
    ...criteria(search),
    sort: search.sort === DEFAULT_SEARCH.sort ? null : search.sort,
    order: search.order === 'asc' ? null : 'desc',
    page: search.page === 1 ? null : String(search.page),
    limit: search.limit === DEFAULT_SEARCH.limit ? null : String(search.limit),
  }
  for (const [name, value] of Object.entries(values)) if (value !== null) params.set(name, value)
  return params
}

/** GET /api/v1/users for one page of the search. */
export const pageQuery = (search: UserSearch, tenant: Record<string, string>) =>
  `/api/v1/users${queryString({ ...criteria(search), ...tenant, sort: search.sort, order: search.order, page: search.page, limit: search.limit })}`

/** The same search for the CSV export: every match, so no page. */
export const exportQuery = (search: UserSearch, tenant: Record<string, string>) =>
  `/api/v1/users${queryString({ ...criteria(search), ...tenant, sort: search.sort, order: search.order })}`

/** What the users matched depend on (not sort or paging): a selection of rows belongs to one. */
export const criteriaKey = (search: UserSearch) => JSON.stringify(criteria(search))

// The list as last shown, for the editor's way back to it (with its search) in the same tenant.
let lastSearch: { tenant: string; params: URLSearchParams } | null = null

export function rememberSearch(tenant: ConsoleTenant, search: UserSearch): void {
  lastSearch = { tenant: tenant.slug, params: paramsOf(search) }
}

export const lastSearchHref = (tenant: ConsoleTenant) =>
  consoleHref('/users', tenant, lastSearch && lastSearch.tenant === tenant.slug ? lastSearch.params : undefined)
