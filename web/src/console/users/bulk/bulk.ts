// Bulk actions on users (POST /api/v1/users/bulk): what each needs (a role, campaign, team or required
// action; users:delete for delete), and the request for a selection: the chosen ids, or the search
// itself for "all N matching" (the server finds the same users). At most 10,000 users at a time.
import { api } from '../../../api/client'
import type { BulkAction, RequiredAction, UserBulkRequest, UserBulkResult } from '../../../api/types'
import type { Permission } from '../../../../../src/roles/permissions.js'
import { criteria } from '../search'
import type { UserSelection } from '../UsersPage'

/** The API's limit (422 bulk_too_large beyond it). */
export const BULK_LIMIT = 10_000

export type BulkParameter = 'roleId' | 'campaignId' | 'teamId' | 'requiredAction'

export interface BulkActionInfo {
  action: BulkAction
  parameter: BulkParameter | null
  permission: Permission
  /** Asked in red: users lose access or are gone. */
  destructive: boolean
}

export const BULK_ACTIONS: BulkActionInfo[] = [
  { action: 'activate', parameter: null, permission: 'users:write', destructive: false },
  { action: 'deactivate', parameter: null, permission: 'users:write', destructive: true },
  { action: 'set_role', parameter: 'roleId', permission: 'users:write', destructive: false },
  { action: 'add_campaign', parameter: 'campaignId', permission: 'users:write', destructive: false },
  { action: 'remove_campaign', parameter: 'campaignId', permission: 'users:write', destructive: false },
  { action: 'add_team', parameter: 'teamId', permission: 'users:write', destructive: false },
  { action: 'remove_team', parameter: 'teamId', permission: 'users:write', destructive: false },
  { action: 'require_action', parameter: 'requiredAction', permission: 'users:write', destructive: false },
  { action: 'delete', parameter: null, permission: 'users:delete', destructive: true },
]

/** How many users a selection names. */
export const selectionCount = (selection: UserSelection) => (selection.kind === 'ids' ? selection.ids.length : selection.total)

// The search's criteria as the URL and GET /users hold them ("true"), typed as the bulk query wants them.
const BOOLEAN_CRITERIA = new Set(['active', 'qualityMonitoring'])

export function bulkRequest(selection: UserSelection, action: BulkAction, parameter: string | null, tenant: Record<string, string>): UserBulkRequest {
  const info = BULK_ACTIONS.find((entry) => entry.action === action)!
  const body: UserBulkRequest = { action }
  if (info.parameter === 'requiredAction') body.requiredAction = parameter as RequiredAction
  else if (info.parameter) body[info.parameter] = parameter!
  if (selection.kind === 'ids') return { ...body, userIds: selection.ids }
  const query: Record<string, string | boolean> = { ...tenant }
  for (const [name, value] of Object.entries(criteria(selection.search))) {
    if (value !== null) query[name] = BOOLEAN_CRITERIA.has(name) ? value === 'true' : value
  }
  return { ...body, query: query as UserBulkRequest['query'] }
}

export const runBulk = (body: UserBulkRequest) => api<UserBulkResult>('POST', '/api/v1/users/bulk', body)
