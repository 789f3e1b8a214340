// Authentication by API key, and the one permission check and tenant scope used by every service.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/database.js'
import { isId } from '../db/ids.js'
import type { Database } from '../db/types.js'
import { findTenantById, findTenantBySlug } from '../tenants/queries.js'
import { forbidden, notFound } from '../http/problem.js'
import { isPermission, type Permission } from '../roles/permissions.js'
import type { Actor, Context } from './context.js'
import { unauthenticated } from './errors.js'
import { findApiKeyActor, findCampaignIdsOfUser, touchApiKey } from './queries.js'

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex')

// Recording every use would turn each read into a write; once a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000

export async function authenticateApiKey(db: DB, key: string): Promise<Actor> {
  if (!key.startsWith('ghk_') || key.length > 200) throw unauthenticated()
  const row = await findApiKeyActor(db, hashApiKey(key))
  if (!row || row.revoked_at !== null || !row.user_active || !row.tenant_active) throw unauthenticated()
  const now = Date.now()
  if (row.last_used_at === null || now - row.last_used_at > LAST_USED_PRECISION_MS) await touchApiKey(db, row.api_key_id, now)
  return actorOf(row, { apiKeyId: row.api_key_id, sessionId: null, campaignId: null })
}

/** The actor of a user row joined with its role and tenant, however the user proved who they are. */
export function actorOf(
  row: { user_id: string; username: string; tenant_id: string; tenant_slug: string; role_id: string; permissions: string; restrict_view: number },
  via: Pick<Actor, 'apiKeyId' | 'sessionId' | 'campaignId'>,
): Actor {
  const permissions = new Set((JSON.parse(row.permissions) as string[]).filter(isPermission))
  return {
    userId: row.user_id,
    username: row.username,
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    roleId: row.role_id,
    permissions,
    isPlatformAdmin: row.tenant_slug === PLATFORM_TENANT_SLUG && permissions.has('tenants:manage'),
    restrictView: row.restrict_view === 1,
    ...via,
  }
}

/** Is the account locked now (by wrong passwords or an administrator)? */
export const isLocked = (user: { locked_at: number | null; locked_until: number | null }, now = Date.now()) =>
  user.locked_at !== null && (user.locked_until === null || user.locked_until > now)

export const PLATFORM_TENANT_SLUG = 'system'

/** The one permission check. */
export function authorize(ctx: Context, permission: Permission): void {
  if (!ctx.actor.permissions.has(permission)) throw forbidden(`This needs the permission ${permission}.`)
}

/** Does the actor hold every one of these permissions? (The no-escalation rule.) */
export function holdsAll(ctx: Context, permissions: Iterable<string>): boolean {
  for (const p of permissions) if (!isPermission(p) || !ctx.actor.permissions.has(p)) return false
  return true
}

const restrictions = new WeakMap<Context, Promise<string[]>>()

/**
 * "Restrict view" (Leap Connect): an actor with it sees only the campaigns they are linked to, the
 * users linked to one of those, and the audit of both; null when the actor sees the whole tenant.
 * Read once per request (per context).
 */
export function restrictedCampaigns(db: Kysely<Database>, ctx: Context): Promise<string[] | null> {
  if (!ctx.actor.restrictView) return Promise.resolve(null)
  let campaigns = restrictions.get(ctx)
  if (!campaigns) restrictions.set(ctx, campaigns = findCampaignIdsOfUser(db, ctx.actor.userId))
  return campaigns
}

/** Can the actor see things of this tenant? Others' tenants are invisible: callers answer 404. */
export const canSeeTenant = (ctx: Context, tenantId: string) => ctx.actor.isPlatformAdmin || ctx.actor.tenantId === tenantId

/** Throws the given not-found problem when the row is missing or belongs to a tenant the actor cannot see. */
export function visibleOr404<T extends { tenant_id: string }>(ctx: Context, row: T | undefined, what: string): T {
  if (!row || !canSeeTenant(ctx, row.tenant_id)) throw notFound(what)
  return row
}

/**
 * The tenant a list or create acts on: platform administrators may name any tenant (or none, for
 * lists across all tenants); everyone else always acts in their own.
 */
export function tenantScope(ctx: Context, requested: string | undefined): string | null {
  if (ctx.actor.isPlatformAdmin) return requested ?? null
  if (requested !== undefined && requested !== ctx.actor.tenantId) throw notFound('tenant')
  return ctx.actor.tenantId
}

/**
 * The tenant a list acts on, from a `tenant` filter holding an id or a slug. Platform administrators
 * may name any tenant or none (all tenants: null); everyone else gets their own tenant, and naming
 * another one answers 404 as if it did not exist. Call after the permission check.
 */
export async function resolveTenantScope(db: Kysely<Database>, ctx: Context, ref: string | undefined): Promise<string | null> {
  if (ref === undefined) return tenantScope(ctx, undefined)
  if (!ctx.actor.isPlatformAdmin) {
    if (ref !== ctx.actor.tenantId && ref !== ctx.actor.tenantSlug) throw notFound('tenant')
    return ctx.actor.tenantId
  }
  const row = isId(ref) ? await findTenantById(db, ref) : await findTenantBySlug(db, ref)
  if (!row) throw notFound('tenant')
  return row.id
}

/** The tenant a create acts in: one's own, or (platform administrators) the named one, which must exist. */
export async function targetTenantId(db: Kysely<Database>, ctx: Context, requested: string | undefined): Promise<string> {
  const tenantId = tenantScope(ctx, requested) ?? ctx.actor.tenantId
  if (tenantId !== ctx.actor.tenantId && !(await findTenantById(db, tenantId))) throw notFound('tenant')
  return tenantId
}
