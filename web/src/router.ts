// The few page routes, on the History API (the server answers index.html for each of them).
import { useSyncExternalStore, type MouseEvent } from 'react'

export type Route =
  | { page: 'login'; tenant: string | null }
  | { page: 'forgot-password' }
  | { page: 'account' }
  | { page: 'not-found' }

export function routeOf(pathname: string): Route {
  if (pathname === '/login' || pathname === '/') return { page: 'login', tenant: null }
  const tenantLogin = /^\/t\/([^/]+)\/login$/.exec(pathname)
  if (tenantLogin) return { page: 'login', tenant: decodeURIComponent(tenantLogin[1]!) }
  if (pathname === '/forgot-password') return { page: 'forgot-password' }
  if (pathname === '/account') return { page: 'account' }
  return { page: 'not-found' }
}

/** The sign-in page of a tenant, or the one with the tenant field. */
export const loginPath = (tenant: string | null) => (tenant ? `/t/${encodeURIComponent(tenant)}/login` : '/login')

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/** The current URL (path, query and hash); re-renders on navigation. */
export function useUrl(): URL {
  const href = useSyncExternalStore(subscribe, () => window.location.href)
  return new URL(href)
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
}

/** onClick for links between pages: no reload, unless the user asks for a new tab. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(event.currentTarget.getAttribute('href') ?? '/')
}
