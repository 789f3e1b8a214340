// Browser sessions: a random secret in an HttpOnly cookie, stored server-side (hashed) so that every
// Gatehouse process behind a load balancer sees the same sessions and ends them at once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor, Context } from '../auth/context.js'
import { actorOf, authorize, isLocked } from '../auth/service.js'
import { recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { isId, newId } from '../db/ids.js'
import type { Database } from '../db/types.js'
import { notFound } from '../http/problem.js'
import { iso } from '../http/schemas.js'
import { settingsOf } from '../tenants/service.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import {
  deleteSession, deleteSessionsOfUser, findSession, findSessionActor, insertSession, listLiveSessions, touchSession, type SessionRow,
} from './queries.js'
import type { SessionView } from './schema.js'

export const SESSION_COOKIE = 'gatehouse_session'
/** Header that carries the session's CSRF token on every state-changing request made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token'

// Recording every request would turn each read into a write; the idle time-out is counted in minutes.
const TOUCH_PRECISION_MS = 60_000

/** In the order a user meets them. */
export type SignInStep = 'second_factor' | 'update_password' | 'configure_totp' | 'update_profile' | 'verify_email' | 'choose_campaign'

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')
const randomToken = () => randomBytes(32).toString('base64url')

export interface NewSession {
  tenantId: string
  userId: string
  steps: SignInStep[]
  authenticatedWith: string
  clientIp: string | null
  userAgent: string
  browser: string
  idleMinutes: number
  maxHours: number
}

/** Creates a session (pending while steps remain); returns the cookie's secret. A new secret every time. */
export async function createSession(trx: Kysely<Database>, input: NewSession, now = Date.now()): Promise<{ secret: string; row: SessionRow }> {
  const secret = randomToken()
  const expiresAt = now + input.maxHours * 3_600_000
  const row: SessionRow = {
    id: newId(now),
    secret_hash: hashSecret(secret),
    tenant_id: input.tenantId,
    user_id: input.userId,
    state: input.steps.length ? 'pending' : 'active',
    pending_steps: JSON.stringify(input.steps),
    csrf_token: randomToken(),
    campaign_id: null,
    authenticated_with: input.authenticatedWith,
    client_ip: input.clientIp,
    user_agent: input.userAgent.slice(0, 500),
    browser: input.browser,
    created_at: now,
    last_seen_at: now,
    idle_expires_at: Math.min(expiresAt, now + input.idleMinutes * 60_000),
    expires_at: expiresAt,
  }
  await insertSession(trx, row)
  return { secret, row }
}

export interface SessionAuth {
  actor: Actor
  sessionId: string
  state: 'pending' | 'active'
  steps: SignInStep[]
  csrfToken: string
}

/**
 * The session a cookie names, if it is live: not timed out, its user active and unlocked, its tenant
 * active. Pending sessions are returned too; only the sign-in steps accept them.
 */
export async function authenticateSession(db: DB, secret: string, now = Date.now()): Promise<SessionAuth | null> {
  if (secret.length < 20 || secret.length > 100) return null
  const row = await findSessionActor(db, hashSecret(secret))
  if (!row || row.expires_at <= now || row.idle_expires_at <= now) return null
  if (!row.user_active || !row.tenant_active || isLocked(row, now)) return null
  if (now - row.last_seen_at > TOUCH_PRECISION_MS) {
    const { idleMinutes } = settingsOf({ settings: row.tenant_settings }).sessionPolicy
    await touchSession(db, row.session_id, now, Math.min(row.expires_at, now + idleMinutes * 60_000))
  }
  return {
    actor: actorOf(row, { apiKeyId: null, sessionId: row.session_id, campaignId: row.campaign_id }),
    sessionId: row.session_id,
    state: row.state,
    steps: JSON.parse(row.pending_steps) as SignInStep[],
    csrfToken: row.csrf_token,
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

function toView(row: SessionRow, currentId: string | null): SessionView {
  return {
    id: row.id,
    current: row.id === currentId,
    state: row.state,
    browser: row.browser,
    clientIp: row.client_ip,
    authenticatedWith: row.authenticated_with,
    campaignId: row.campaign_id,
    createdAt: iso(row.created_at),
    lastSeenAt: iso(row.last_seen_at),
    expiresAt: iso(Math.min(row.expires_at, row.idle_expires_at)),
  }
}

export async function listOwnSessions(db: DB, ctx: Context): Promise<SessionView[]> {
  return (await listLiveSessions(db, ctx.actor.userId, Date.now())).map((row) => toView(row, ctx.actor.sessionId))
}

/** Ends one of the caller's own sessions (the current one included: that is signing out). */
export async function endOwnSession(db: DB, ctx: Context, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = isId(id) ? await findSession(trx, id) : undefined
    if (!row || row.user_id !== ctx.actor.userId) throw notFound('session')
    await deleteSession(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'session.end', entityType: 'user', entityId: row.user_id, changes: { session: { old: row.id, new: null } } })
  })
}

/** An administrator's view of a user's sessions (users:read). */
export async function listUserSessions(db: DB, ctx: Context, userId: string): Promise<SessionView[]> {
  authorize(ctx, 'users:read')
  const user = await findVisibleUser(db, ctx, userId)
  return (await listLiveSessions(db, user.id, Date.now())).map((row) => toView(row, ctx.actor.sessionId))
}

/** Ends every session of a user (users:credentials, and the no-escalation rule). Returns how many ended. */
export async function endUserSessions(db: DB, ctx: Context, userId: string): Promise<number> {
  authorize(ctx, 'users:credentials')
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId)
    await checkMayManage(trx, ctx, user, 'end the sessions of')
    const ended = await deleteSessionsOfUser(trx, user.id)
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.sessions_end', entityType: 'user', entityId: user.id, changes: { sessions: { old: ended, new: 0 } } })
    return ended
  })
}
