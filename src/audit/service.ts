// The audit trail: every change is recorded inside the transaction that makes it.
import type { Kysely } from 'kysely'
import { authorize, resolveTenantScope, restrictedCampaigns } from '../auth/service.js'
import type { Context } from '../auth/context.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import type { Database } from '../db/types.js'
import { paginate, type PageRequest } from '../db/paging.js'
import { auditQuery, insertAuditEvent, recentSignInEvents, type AuditFilter } from './queries.js'

export type Changes = Record<string, { old: unknown; new: unknown }>

// Field names whose values never reach the audit trail.
const SECRET_FIELDS = /^(password|passwordHash|password_hash|secret|secretHash|secret_hash|token|key)$/i
export const REDACTED = '[redacted]'

type Snapshot = Record<string, unknown>
const isPlainObject = (v: unknown): v is Snapshot => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Nested objects become dotted keys ("settings.passwordPolicy.minLength") so diffs name the leaf. */
function flatten(value: Snapshot | null, prefix = '', out: Snapshot = {}): Snapshot {
  for (const [key, v] of Object.entries(value ?? {})) {
    if (isPlainObject(v)) flatten(v, `${prefix}${key}.`, out)
    else out[`${prefix}${key}`] = v
  }
  return out
}

/** The fields that differ between two snapshots, with secrets redacted. */
export function diff(beforeSnapshot: Snapshot | null, afterSnapshot: Snapshot | null): Changes {
  const changes: Changes = {}
  const before = flatten(beforeSnapshot)
  const after = flatten(afterSnapshot)
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    const oldValue = before[key] ?? null
    const newValue = after[key] ?? null
    if (JSON.stringify(oldValue) === JSON.stringify(newValue)) continue
    changes[key] = SECRET_FIELDS.test(key.split('.').pop()!)
      ? { old: oldValue === null ? null : REDACTED, new: newValue === null ? null : REDACTED }
      : { old: oldValue, new: newValue }
  }
  return changes
}

export interface AuditEntry {
  tenantId: string
  action: string
  entityType: string
  entityId: string
  changes: Changes
}

/** Writes one audit event; pass the transaction so the event commits or rolls back with the change. */
export async function recordAudit(trx: Kysely<Database>, ctx: Context | null, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(trx, {
    tenant_id: entry.tenantId,
    at: Date.now(),
    actor_id: ctx?.actor.userId ?? null,
    actor_username: ctx?.actor.username ?? null,
    client_ip: ctx?.clientIp ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    changes: JSON.stringify(entry.changes),
  })
}

export interface AuditSearch extends Omit<AuditFilter, 'tenantId'>, PageRequest {
  tenant?: string
  order: 'asc' | 'desc'
}

export async function listAuditEvents(db: DB, ctx: Context, query: AuditSearch) {
  authorize(ctx, 'audit:read')
  const tenantId = await resolveTenantScope(db, ctx, query.tenant)
  const within = await restrictedCampaigns(db, ctx)
  const filter: AuditFilter = { ...query, tenantId, ...(within ? { campaignsAnyOf: within } : {}) }
  const page = await paginate({
    rows: auditQuery(db, filter).selectAll('a'),
    count: async () => Number((await auditQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'a.id', tieBreaker: 'a.id', order: query.order, key: `id:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.id, row.id],
  })
  return {
    ...page,
    items: page.items.map((row) => ({
      id: String(row.id),
      tenantId: row.tenant_id,
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorUsername: row.actor_username,
      clientIp: row.client_ip,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      changes: JSON.parse(row.changes) as Changes,
    })),
  }
}

export interface SignInEvent {
  at: string
  outcome: 'success' | 'failure'
  /** Why a failure failed (wrong_password, locked, throttled, wrong_code, …); null for successes. */
  reason: string | null
  clientIp: string | null
  browser: string | null
}

/** The caller's own recent sign-ins, for the account page (any signed-in user). */
export async function listOwnSignIns(db: DB, ctx: Context, limit = 20): Promise<SignInEvent[]> {
  const rows = await recentSignInEvents(db, ctx.actor.tenantId, ctx.actor.userId, limit)
  return rows.map((row) => {
    const changes = JSON.parse(row.changes) as Changes
    const value = (key: string) => (changes[key]?.new ?? null) as string | null
    return {
      at: new Date(row.at).toISOString(),
      outcome: row.action === 'user.sign_in' ? 'success' : 'failure',
      reason: row.action === 'user.sign_in' ? null : value('reason') ?? 'wrong_code',
      clientIp: row.client_ip,
      browser: value('browser'),
    }
  })
}
