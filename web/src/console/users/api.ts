// The users page's calls: one page of a search (complete users, one request), the CSV export.
import { api, apiBlob } from '../../api/client'
import type { UserPage } from '../../api/types'
import { queryClient } from '../../query-client'
import { TENANT_PARAM } from '../console-context'
import { pageQuery, searchOf } from './search'

export const usersKeys = {
  all: ['console', 'users'] as const,
  page: (query: string) => ['console', 'users', 'page', query] as const,
  user: (id: string) => ['console', 'users', 'user', id] as const,
}

export const searchPage = (query: string) => api<UserPage>('GET', query)

/** A page of results counts as current this long: paging back and forth asks again only after it. */
export const PAGE_FRESH_MS = 10_000

/**
 * Opened at /users in one's own tenant, the first page of results is asked for while the console
 * still asks who is signed in: the same request the page makes, so it is made once.
 */
export function prefetchOpenedSearch(): void {
  const url = new URL(window.location.href)
  if (url.pathname !== '/users' || url.searchParams.has(TENANT_PARAM)) return
  const query = pageQuery(searchOf(url.searchParams), {})
  void queryClient.prefetchQuery({ queryKey: usersKeys.page(query), queryFn: () => searchPage(query), staleTime: PAGE_FRESH_MS })
}

/** Every match of the search as CSV, saved by the browser as users.csv. */
export async function downloadCsv(query: string): Promise<void> {
  const blob = await apiBlob(query, 'text/csv')
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = 'users.csv'
  document.body.append(link)
  link.click()
  link.remove()
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
