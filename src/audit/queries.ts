import { sql, type Insertable, type Kysely } from 'kysely'
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
  /** Restrict view: only events of these campaigns and of the users linked to one of them. */
  campaignsAnyOf?: string[]
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
  const { campaignsAnyOf } = f
  if (campaignsAnyOf) {
    q = campaignsAnyOf.length
      ? q.where((eb) => eb.or([
        eb.and([eb('a.entity_type', '=', 'campaign'), eb('a.entity_id', 'in', campaignsAnyOf)]),
        eb.and([eb('a.entity_type', '=', 'user'), eb('a.entity_id', 'in', eb.selectFrom('user_campaigns').select('user_id').where('campaign_id', 'in', campaignsAnyOf))]),
      ]))
      : q.where(sql<boolean>`1 = 0`)
  }
  return q
}

/** The user's latest sign-in events, successes and failures (the audit_entity index serves it). */
export async function recentSignInEvents(db: Kysely<Database>, tenantId: string, userId: string, limit: number) {
  return db.selectFrom('audit_events').select(['id', 'at', 'action', 'client_ip', 'changes'])
    .where('tenant_id', '=', tenantId).where('entity_type', '=', 'user').where('entity_id', '=', userId)
    .where('action', 'in', ['user.sign_in', 'user.sign_in_failed', 'user.second_factor_failed'])
    .orderBy('id', 'desc').limit(limit).execute()
}
