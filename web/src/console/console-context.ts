// What every console page knows: who is signed in, what they may do, the tenant the console works in
// and the time zone times are shown in.
import { createContext, useContext } from 'react'
import type { Permission } from '../../../src/roles/permissions.js'
import type { Me } from '../api/types'

/** The URL parameter that names the tenant a platform administrator works in (its slug). */
export const TENANT_PARAM = 'tenant'

export interface ConsoleTenant {
  slug: string
  /** Null while a platform administrator's chosen tenant is being looked up. */
  id: string | null
  /** The signed-in user's own tenant. */
  own: boolean
}

export interface ConsoleState {
  me: Me
  can: (permission: Permission) => boolean
  tenant: ConsoleTenant
  /** The viewer's time zone (their own, else their tenant's, else the browser's). */
  timeZone: string
}

export const ConsoleContext = createContext<ConsoleState | null>(null)

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext)
  if (!state) throw new Error('useConsole() outside the console')
  return state
}

/** A console path in the tenant the console works in (the tenant parameter kept for another tenant than one's own). */
export function consoleHref(path: string, tenant: ConsoleTenant, params: URLSearchParams = new URLSearchParams()): string {
  const query = new URLSearchParams(params)
  if (tenant.own) query.delete(TENANT_PARAM)
  else query.set(TENANT_PARAM, tenant.slug)
  const search = query.toString()
  return search ? `${path}?${search}` : path
}

/** The `tenant` parameter of an API list call: only for another tenant than one's own. */
export const tenantQuery = (tenant: ConsoleTenant): Record<string, string> => (tenant.own ? {} : { tenant: tenant.slug })
