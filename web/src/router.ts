// The page routes, on the History API (the server answers index.html for each of them): the sign-in
// pages and the account page by name, the console for `/` and every other page path.
import { useEffect, useSyncExternalStore, type MouseEvent } from 'react'
import { CONSOLE_PATH } from '../../src/http/page-paths.js'

export type Route =
  | { page: 'login'; tenant: string | null }
  | { page: 'forgot-password' }
  | { page: 'account' }
  /** `/` and the console's pages (web/src/console/pages.ts), which the console routes itself. */
  | { page: 'console' }
  | { page: 'not-found' }


export function routeOf(pathname: string): Route {
  if (pathname === '/login') return { page: 'login', tenant: null }
  const tenantLogin = /^\/t\/([^/]+)\/login$/.exec(pathname)
  if (tenantLogin) return { page: 'login', tenant: decodeURIComponent(tenantLogin[1]!) }
  if (pathname === '/forgot-password') return { page: 'forgot-password' }
  if (pathname === '/account') return { page: 'account' }
  if (CONSOLE_PATH.test(pathname)) return { page: 'console' }
  return { page: 'not-found' }
}

/** The sign-in page of a tenant, or the one with the tenant field. */
export const loginPath = (tenant: string | null) => (tenant ? `/t/${encodeURIComponent(tenant)}/login` : '/login')

/** The sign-in page that comes back to this page afterwards. */
export const signInAndReturn = () => `${loginPath(null)}?next=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}`

const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}

/**
 * Asked before the page changes (a form with unsaved changes): resolves true to leave. One at a time;
 * a reload or a closed tab gets the browser's own question (beforeunload) instead.
 */
type LeaveGuard = () => Promise<boolean>
let leaveGuard: LeaveGuard | null = null
// The URL shown, so that a guarded back/forward can be put back while the guard asks.
let shownHref = typeof window === 'undefined' ? '' : window.location.href

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    const target = window.location.href
    if (!leaveGuard || target === shownHref) {
      shownHref = target
      notify()
      return
    }
    // The browser has moved already: show the guarded page's URL again, then ask.
    window.history.pushState(null, '', shownHref)
    void leaveGuard().then((leave) => {
      if (leave) go(target, false)
    })
  })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The current URL (path, query and hash); re-renders on navigation. */
export function useUrl(): URL {
  const href = useSyncExternalStore(subscribe, () => window.location.href)
  return new URL(href)
}

function go(to: string, replace: boolean): void {
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  shownHref = window.location.href
  notify()
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  const target = new URL(to, window.location.href).href
  if (leaveGuard && !options.force && target !== window.location.href) {
    void leaveGuard().then((leave) => {
      if (leave) go(to, options.replace ?? false)
    })
    return
  }
  go(to, options.replace ?? false)
}

/**
 * While `active`, leaving the page asks `confirm` first (in-page links, back/forward) and the browser
 * asks before a reload or closing the tab.
 */
export function useLeaveGuard(active: boolean, confirm: LeaveGuard): void {
  useEffect(() => {
    if (!active) return
    const guard: LeaveGuard = () => confirm()
    leaveGuard = guard
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', beforeUnload)
    return () => {
      if (leaveGuard === guard) leaveGuard = null
      window.removeEventListener('beforeunload', beforeUnload)
    }
  }, [active, confirm])
}

/** onClick for links between pages: no reload, unless the user asks for a new tab. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(event.currentTarget.getAttribute('href') ?? '/')
}
