// The console's pages: adding one is its folder under web/src/console/ and one entry here. The
// navigation lists the entries whose permission the signed-in user holds, in this order; a page is
// served at its path and every path below it (the server answers them all with the app).
import { useEffect, useState, type ComponentType } from 'react'
import type { Permission } from '../../../src/roles/permissions.js'
import type en from '../i18n/en.json'

export interface ConsolePageProps {
  /** The path segments after the page's own, e.g. ['new'] for /users/new. */
  rest: string[]
}

export interface ConsolePage {
  /** The first path segment: 'users' serves /users and /users/…. */
  path: string
  /** Held by whoever sees the page in the navigation and may open it. */
  permission: Permission
  /** Its name in the navigation: a key under console.nav. */
  label: keyof typeof en.console.nav
  /** Loads the page's code (its own file, fetched when first needed). */
  load: () => Promise<{ default: ComponentType<ConsolePageProps> }>
}

export const CONSOLE_PAGES: ConsolePage[] = [
  { path: 'users', permission: 'users:read', label: 'users', load: () => import('./users/UsersSection') },
  { path: 'campaigns', permission: 'campaigns:read', label: 'campaigns', load: () => import('./campaigns/CampaignsSection') },
  { path: 'teams', permission: 'teams:read', label: 'teams', load: () => import('./teams/TeamsSection') },
  { path: 'groups', permission: 'users:read', label: 'groups', load: () => import('./groups/GroupsSection') },
  { path: 'skills', permission: 'users:read', label: 'skills', load: () => import('./skills/SkillsSection') },
  { path: 'roles', permission: 'roles:read', label: 'roles', load: () => import('./roles/RolesSection') },
  { path: 'settings', permission: 'settings:manage', label: 'settings', load: () => import('./settings/SettingsPage') },
  { path: 'audit', permission: 'audit:read', label: 'audit', load: () => import('./audit/AuditPage') },
  { path: 'tenants', permission: 'tenants:manage', label: 'tenants', load: () => import('./tenants/TenantsSection') },
]

const loaded = new Map<string, ComponentType<ConsolePageProps>>()

/** Loads a page's code (once; again after a failure). */
export async function loadPage(page: ConsolePage): Promise<ComponentType<ConsolePageProps>> {
  const component = (await page.load()).default
  loaded.set(page.path, component)
  return component
}

/**
 * The page's component once its code is here, else null while it loads. Not React.lazy: React holds
 * back content revealed after a Suspense fallback for a while (300 ms in React 19), too long here.
 */
export function usePageComponent(page: ConsolePage): { component: ComponentType<ConsolePageProps> | null; error: unknown } {
  const [state, setState] = useState<{ path: string; error: unknown }>({ path: page.path, error: null })
  const component = loaded.get(page.path) ?? null
  useEffect(() => {
    if (component) return
    let live = true
    loadPage(page).then(() => live && setState({ path: page.path, error: null }), (error: unknown) => live && setState({ path: page.path, error }))
    return () => {
      live = false
    }
  }, [component, page])
  return { component, error: state.path === page.path ? state.error : null }
}

/** The pages this set of permissions opens. */
export const pagesFor = (permissions: ReadonlySet<string>) => CONSOLE_PAGES.filter((page) => permissions.has(page.permission))

/** The entry and the rest of the path for a pathname under the console. */
export function pageAt(pathname: string): { page: ConsolePage; rest: string[] } | null {
  const [first, ...rest] = pathname.split('/').filter(Boolean)
  const page = CONSOLE_PAGES.find((entry) => entry.path === first)
  return page ? { page, rest } : null
}
