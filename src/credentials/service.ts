// Passwords and locks: an administrator sets or generates a user's password (to be changed at the
// next sign-in) and unlocks accounts; users change their own password. Every change of password
// ends the user's sessions.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { policyViolations, reusedPassword, reusesPassword } from '../auth/password-policy.js'
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.js'
import { authorize, resolveTenantScope } from '../auth/service.js'
import { recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { newId } from '../db/ids.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { invalid, notFound } from '../http/problem.js'
import { iso } from '../http/schemas.js'
import { deleteSessionsOfUser } from '../sessions/queries.js'
import { lockCounters, setCounter } from '../sign-in/queries.js'
import { tenantSettingsOf } from '../tenants/service.js'
import type { TenantSettings } from '../tenants/schema.js'
import { findUserById, type UserRow } from '../users/queries.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { machineAccount } from '../users/errors.js'
import { isMachineKind } from '../users/schema.js'
import { cannotLockSelf, passwordOrGenerate, wrongCurrentPassword } from './errors.js'
import { clearUserLock, insertPasswordHistory, prunePasswordHistory, recentPasswordHashes, setUserLock, setUserPassword } from './queries.js'
import type { OwnPasswordChange, PasswordSet } from './schema.js'

const MAX_HISTORY = 24


const ownerOf = (user: UserRow) => ({ username: user.username, email: user.email, firstName: user.first_name, lastName: user.last_name })

/** A random password that meets the policy (generated ones are long and mixed, so this rarely loops). */
export function generatePasswordFor(policy: TenantSettings['passwordPolicy'], owner: ReturnType<typeof ownerOf> | null = null): string {
  const length = Math.min(policy.maxLength, Math.max(policy.minLength, 20))
  for (;;) {
    const password = generatePassword(length)
    if (policyViolations(policy, password, owner).length === 0) return password
  }
}

export interface PasswordChangeOptions {
  /** The user must change it at the next sign-in. */
  temporary: boolean
  /** The session to keep (the user's own, changing the password in it); all others end. */
  keepSessionId?: string
  /** Where validation errors point. */
  path?: string
}

/**
 * Checks the password against the tenant's policy and the user's history, stores its hash, sets or
 * clears the "update password" action and ends the user's sessions. Returns how many sessions ended.
 */
export async function changePasswordInTransaction(trx: Kysely<Database>, ctx: Context, userId: string, password: string, options: PasswordChangeOptions): Promise<number> {
  const user = await findUserById(trx, userId, true)
  if (!user) throw notFound('user')
  if (isMachineKind(user.kind)) throw machineAccount(user.kind)
  const { passwordPolicy } = await tenantSettingsOf(trx, user.tenant_id)
  const path = options.path ?? 'password'
  const errors = policyViolations(passwordPolicy, password, ownerOf(user), path)
  if (await reusesPassword(password, await recentPasswordHashes(trx, user.id, passwordPolicy.historyCount))) errors.push(reusedPassword(passwordPolicy.historyCount, path))
  if (errors.length) throw invalid(errors)

  const now = Date.now()
  const hash = await hashPassword(password)
  const actions = (JSON.parse(user.required_actions) as string[]).filter((a) => a !== 'update_password')
  if (options.temporary) actions.push('update_password')
  await setUserPassword(trx, user.id, { password_hash: hash, password_changed_at: now, required_actions: JSON.stringify(actions), updated_at: now, updated_by: ctx.actor.userId })
  await insertPasswordHistory(trx, { id: newId(now), user_id: user.id, password_hash: hash, created_at: now })
  await prunePasswordHistory(trx, user.id, MAX_HISTORY)
  let ended = await deleteSessionsOfUser(trx, user.id, options.keepSessionId)
  const self = ctx.actor.userId === user.id
  await recordAudit(trx, ctx, {
    tenantId: user.tenant_id, action: self ? 'user.password_change' : 'user.password_set', entityType: 'user', entityId: user.id,
    changes: { password: { old: user.password_hash === null ? null : '[redacted]', new: '[redacted]' }, temporary: { old: null, new: options.temporary }, sessionsEnded: { old: null, new: ended } },
  })
  return ended
}

/** An administrator sets a password, or has one generated (shown once); by default a temporary one. */
export async function setPassword(db: DB, ctx: Context, userId: string, input: PasswordSet) {
  authorize(ctx, 'users:credentials')
  if ((input.password === undefined) === (input.generate !== true)) throw passwordOrGenerate()
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'set the password of')
    const password = input.password ?? generatePasswordFor((await tenantSettingsOf(trx, user.tenant_id)).passwordPolicy, ownerOf(user))
    const sessionsEnded = await changePasswordInTransaction(trx, ctx, user.id, password, { temporary: input.temporary ?? true })
    return { ...(input.generate ? { generatedPassword: password } : {}), passwordChangedAt: iso(Date.now()), sessionsEnded }
  })
}

/** A user changes their own password (the account page): the current one is required. */
export async function changeOwnPassword(db: DB, ctx: Context, input: OwnPasswordChange): Promise<void> {
  const user = await findUserById(db, ctx.actor.userId)
  if (!user) throw notFound('user')
  if (user.password_hash === null || !(await verifyPassword(user.password_hash, input.currentPassword).catch(() => false))) throw wrongCurrentPassword()
  await db.transaction().execute((trx) =>
    changePasswordInTransaction(trx, ctx, user.id, input.newPassword, { temporary: false, keepSessionId: ctx.actor.sessionId ?? undefined, path: 'newPassword' }))
}

/** A fresh password meeting the policy of the caller's tenant (or, for platform administrators, the given one). */
export async function generateTenantPassword(db: DB, ctx: Context, tenantRef: string | undefined): Promise<string> {
  authorize(ctx, 'users:write')
  const tenantId = (await resolveTenantScope(db, ctx, tenantRef)) ?? ctx.actor.tenantId
  return generatePasswordFor((await tenantSettingsOf(db, tenantId)).passwordPolicy)
}

/**
 * Locks an account until an administrator unlocks it (Connectel's "Locked" switch, turned on by
 * hand): sign-in refuses it with the one failure answer, and every session of the user ends.
 */
export async function lockUser(db: DB, ctx: Context, userId: string) {
  authorize(ctx, 'users:credentials')
  return db.transaction().execute(async (trx) => {
    const found = await findVisibleUser(trx, ctx, userId)
    if (found.id === ctx.actor.userId) throw cannotLockSelf()
    // The username's counter before the user row, in the order sign-in takes them (no deadlocks).
    await lockCounters(trx, [`name:${found.tenant_id}:${caseKey(found.username)}`])
    const user = (await findUserById(trx, found.id, true)) ?? found
    await checkMayManage(trx, ctx, user, 'lock')
    const now = Date.now()
    // Already locked until an administrator unlocks: nothing changes, nothing to audit.
    if (user.locked_at !== null && user.locked_until === null) return { locked: true, lockedAt: iso(user.locked_at), lockedUntil: null }
    await setUserLock(trx, user.id, ctx.actor.userId, now)
    const ended = await deleteSessionsOfUser(trx, user.id)
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: 'user.lock', entityType: 'user', entityId: user.id,
      changes: { lockedAt: { old: user.locked_at === null ? null : iso(user.locked_at), new: iso(now) }, reason: { old: null, new: 'administrator' }, sessionsEnded: { old: null, new: ended } },
    })
    return { locked: true, lockedAt: iso(now), lockedUntil: null }
  })
}

/** Lifts a lock (wrong passwords or otherwise) and clears the username's attempt count. */
export async function unlockUser(db: DB, ctx: Context, userId: string) {
  authorize(ctx, 'users:credentials')
  return db.transaction().execute(async (trx) => {
    const found = await findVisibleUser(trx, ctx, userId)
    // The username's counter before the user row, in the order sign-in takes them (no deadlocks).
    const nameKey = `name:${found.tenant_id}:${caseKey(found.username)}`
    await lockCounters(trx, [nameKey])
    const user = (await findUserById(trx, found.id, true)) ?? found
    await checkMayManage(trx, ctx, user, 'unlock')
    const now = Date.now()
    await clearUserLock(trx, user.id, ctx.actor.userId, now)
    await setCounter(trx, { key: nameKey, failures: 0, last_failure_at: 0, blocked_until: 0 })
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: 'user.unlock', entityType: 'user', entityId: user.id,
      changes: { lockedAt: { old: user.locked_at === null ? null : iso(user.locked_at), new: null } },
    })
    return { locked: false, lockedAt: null, lockedUntil: null }
  })
}
