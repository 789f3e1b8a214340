// Reads for the console's list pages: one page of a list, and how many users a campaign, role, team, user group or skill
// has (from the search's totals, so one small request).
import { api } from '../../api/client'
import type { UserPage } from '../../api/types'
import { queryString } from '../api'

type QueryParams = Parameters<typeof queryString>[0]

export interface ListPageAnswer<T> { items: T[]; total: number }

export const LIST_PAGE_SIZE = 50

export const listKeys = {
  page: (path: string, params: QueryParams) => ['console', 'list', path, params] as const,
  userCount: (filter: UserFilter, id: string, tenant: string | null) => ['console', 'user-count', filter, id, tenant] as const,
}

export const readListPage = <T>(path: string, params: QueryParams) => api<ListPageAnswer<T>>('GET', `${path}${queryString({ ...params, limit: LIST_PAGE_SIZE })}`)

/** The users page's filters that name one campaign, role, team, user group or skill. */
export type UserFilter = 'campaign' | 'role' | 'team' | 'group' | 'skill'

export const countUsers = async (filter: UserFilter, id: string, tenant: string | null) =>
  (await api<UserPage>('GET', `/api/v1/users${queryString({ [filter]: id, tenant, limit: 1 })}`)).total
