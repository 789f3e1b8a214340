// The audit log's filters live in the URL (bookmarkable): actor (a username, or an id), kind and id
// of entity, action, a time range typed in the viewer's time zone, and the page.
import { zonedToIso } from './zoned-time'

export interface AuditFilters {
  actor: string
  entityType: string
  entityId: string
  action: string
  /** "YYYY-MM-DDTHH:mm" in the viewer's time zone, or "". */
  from: string
  to: string
  page: number
}

const NAMES = ['actor', 'entityType', 'entityId', 'action', 'from', 'to'] as const

export const NO_FILTERS: AuditFilters = { actor: '', entityType: '', entityId: '', action: '', from: '', to: '', page: 1 }

export function filtersOf(params: URLSearchParams): AuditFilters {
  const page = Number(params.get('page'))
  const filters = { ...NO_FILTERS, page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1 }
  for (const name of NAMES) filters[name] = params.get(name)?.trim() ?? ''
  return filters
}

export function paramsOf(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams()
  for (const name of NAMES) if (filters[name].trim()) params.set(name, filters[name].trim())
  if (filters.page > 1) params.set('page', String(filters.page))
  return params
}

export const AUDIT_PAGE_SIZE = 50

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** An actor given as an id needs no look-up. */
export const isId = (text: string) => UUID.test(text)

/** GET /api/v1/audit's parameters; `actorId` is the actor looked up (null: no actor filter). */
export function auditQuery(filters: AuditFilters, actorId: string | null, timeZone: string, tenant: Record<string, string>) {
  return {
    ...tenant,
    actorId,
    entityType: filters.entityType || null,
    entityId: filters.entityId || null,
    action: filters.action || null,
    from: filters.from ? zonedToIso(filters.from, timeZone) : null,
    to: filters.to ? zonedToIso(filters.to, timeZone) : null,
    page: filters.page,
    limit: AUDIT_PAGE_SIZE,
  }
}
