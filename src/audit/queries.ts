import type { Insertable, Kysely } from 'kysely'
import type { AuditEventsTable, Database } from '../db/types.js'

export type AuditInsert = Insertable<AuditEventsTable>

export async function insertAuditEvent(db: Kysely<Database>, event: AuditInsert): Promise<void> {
  await db.insertInto('audit_events').values(event).execute()
}

export interface AuditFilter {
  tenantId: string | null
  entityType?: string
  entityId?: string
  actorId?: string
  action?: string
  from?: number
  to?: number
}

export function auditQuery(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_events as a')
  if (f.tenantId !== null) q = q.where('a.tenant_id', '=', f.tenantId)
  if (f.entityType !== undefined) q = q.where('a.entity_type', '=', f.entityType)
  if (f.entityId !== undefined) q = q.where('a.entity_id', '=', f.entityId)
  if (f.actorId !== undefined) q = q.where('a.actor_id', '=', f.actorId)
  if (f.action !== undefined) q = q.where('a.action', '=', f.action)
  if (f.from !== undefined) q = q.where('a.at', '>=', f.from)
  if (f.to !== undefined) q = q.where('a.at', '<', f.to)
  return q
}
