// The results table's columns: what each shows and sorts by, which are shown by default, and the
// user's own choice, remembered in this browser per signed-in user.
import type { User, UserSort } from '../../api/types'

export const COLUMNS = [
  'username', 'firstName', 'lastName', 'displayName', 'email', 'role', 'campaign', 'active', 'agentId', 'employeeNumber',
  'mobilePhone', 'extension', 'group', 'presence', 'lastLoginAt', 'timeZone', 'createdAt',
] as const
export type Column = (typeof COLUMNS)[number]

/** The sort of each column the API can sort by. */
export const SORT_OF: Partial<Record<Column, UserSort>> = {
  username: 'username', firstName: 'firstName', lastName: 'lastName', displayName: 'displayName', email: 'email', role: 'role',
  campaign: 'campaign', active: 'active', agentId: 'agentId', lastLoginAt: 'lastLoginAt', timeZone: 'timeZone', createdAt: 'createdAt',
}

/** The columns of the Leap Connect "User Management" window. */
export const DEFAULT_COLUMNS: readonly Column[] = ['username', 'firstName', 'lastName', 'email', 'role', 'campaign', 'active', 'agentId', 'lastLoginAt', 'timeZone']

/** Text cells; the dates, the active flag and the queue presence are formatted by the table. */
export const TEXT_OF: Partial<Record<Column, (user: User) => string | null>> = {
  username: (u) => u.username, firstName: (u) => u.firstName, lastName: (u) => u.lastName, displayName: (u) => u.displayName,
  email: (u) => u.email, role: (u) => u.roleName, campaign: (u) => u.defaultCampaignName, agentId: (u) => (u.agentId === null ? null : String(u.agentId)),
  extension: (u) => (u.extension === null ? null : String(u.extension)), employeeNumber: (u) => u.employeeNumber, mobilePhone: (u) => u.mobilePhone, timeZone: (u) => u.timeZone,
  group: (u) => u.groupName,
}

const storageKey = (userId: string) => `gatehouse.console.userColumns.${userId}`

export function rememberedColumns(userId: string): Column[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null')
    if (Array.isArray(saved)) {
      // The username always: it is the way into the editor.
      const known = COLUMNS.filter((column) => column === 'username' || saved.includes(column))
      return known
    }
  } catch {
    // Storage off or garbled: the defaults.
  }
  return [...DEFAULT_COLUMNS]
}

export function rememberColumns(userId: string, columns: readonly Column[]): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(columns))
  } catch {
    // Storage may be off (private mode): the choice lasts for this page only.
  }
}
