// Signing in with a password, then the steps the account still needs (a new password, the choice of
// campaign) before the session opens the API. Every answer to a failed attempt is the same, and takes
// the same time, whatever was wrong, so that accounts cannot be discovered.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { isLocked } from '../auth/service.js'
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords.js'
import { recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { invalid } from '../http/problem.js'
import { createSession, type SessionAuth, type SignInStep } from '../sessions/service.js'
import { deleteSession, deleteSessionsOfUser, updateSession } from '../sessions/queries.js'
import { describeUserAgent } from '../sessions/user-agent.js'
import { findTenantById } from '../tenants/queries.js'
import { settingsOf } from '../tenants/service.js'
import type { TenantSettings } from '../tenants/schema.js'
import type { SecretBox } from '../auth/secret-box.js'
import { confirmTotp, ownerOfContext, startTotp, verifySecondFactor } from '../second-factors/service.js'
import type { TotpEnrolment } from '../second-factors/schema.js'
import { findUserById } from '../users/queries.js'
import { deactivateBySystem } from '../users/service.js'
import { changePasswordInTransaction } from '../credentials/service.js'
import { authenticatorAppRequired, emailAlreadySet, invalidCredentials, noSignIn, notThisStep, tooManyAttempts, wrongCode } from './errors.js'
import { randomBytes } from 'node:crypto'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import type { Problem } from '../http/problem.js'
import type { Messenger } from '../messages/service.js'
import { checkCode, CODE_LIFETIME_MS, issueCode, resendWaitMs, useCode } from '../one-time-codes/service.js'
import { invalidCode } from '../password-reset/errors.js'
import { markEmailVerified } from '../password-reset/queries.js'
import { passkeyExpired, passkeyRefused, passkeySignInOff } from '../passkeys/errors.js'
import {
  checkAssertion, hashAttempt, ownerOf, passkeyOf, passwordlessOptions, registrationOptions, secondFactorOptions, storePasskey, useChallenge, verifyRegistration,
  type RelyingParty,
} from '../passkeys/service.js'
import { listFactors } from '../second-factors/queries.js'
import { findTenantBySlug } from '../tenants/queries.js'
import { changeOwnUser, completeRequiredAction, requiredActionsOf } from '../users/service.js'
import {
  clearAfterSuccess, findSignInSubject, findUserCampaigns, lockCounters, setCounter, setUserSignInState, upgradePasswordHash, type Counter, type SignInUser,
} from './queries.js'
import type { ProfileStep, SignInAnswer, SignInStart } from './schema.js'

export interface Client {
  ip: string | null
  userAgent: string
}

// Attempts per username before each further one waits (1 s, 2 s, 4 s, … up to 15 min), and per
// client address: a contact-centre floor signs in from one address at the start of a shift.
const FREE_PER_NAME = 3
const FREE_PER_ADDRESS = 30
const MAX_DELAY_MS = 15 * 60_000
// A counter whose last failure is older than this starts again from zero.
const WINDOW_MS = 15 * 60_000

const delayAfter = (failures: number, free: number) => (failures <= free ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - free - 1)))

// Unknown users get their password checked against this, so that they take as long as known ones.
let dummyHash: Promise<string> | null = null
const timingDummy = () => (dummyHash ??= hashPassword('gatehouse timing equaliser'))

interface Gate {
  /** Milliseconds to wait before trying again; 0: the attempt may go ahead. */
  retryAfterMs: number
  /** Failures counted against the first key, this attempt included. */
  failures: number
}

/**
 * Counts the attempt against each key (the username or the user's second factor first, then the
 * client address) before anything is checked, and says whether it may go ahead. Under the counters'
 * row locks, so that parallel attempts are counted one by one and each sees the delay the earlier
 * ones set.
 */
async function passGate(trx: Kysely<Database>, keys: Array<[key: string, free: number]>): Promise<Gate> {
  const counters = await lockCounters(trx, keys.map(([key]) => key))
  // The time once the locks are held: the attempt before this one may have set "blocked until" to
  // its own now, later than a now read before waiting for its lock.
  const now = Date.now()
  let retryAfterMs = 0
  for (const c of counters) retryAfterMs = Math.max(retryAfterMs, c.blocked_until - now)
  let failures = 0
  for (const c of counters) {
    const counted = (now - c.last_failure_at > WINDOW_MS ? 0 : c.failures) + 1
    const free = keys.find(([key]) => key === c.key)![1]
    // A refused attempt counts, but does not move the wait it was told about.
    const next: Counter = { ...c, failures: counted, last_failure_at: now, blocked_until: retryAfterMs > 0 ? c.blocked_until : now + delayAfter(counted, free) }
    await setCounter(trx, next)
    if (c.key === keys[0]![0]) failures = counted
  }
  return { retryAfterMs, failures }
}

const gateKeys = (firstKey: string, ipKey: string | null): Array<[string, number]> =>
  ipKey ? [[firstKey, FREE_PER_NAME], [ipKey, FREE_PER_ADDRESS]] : [[firstKey, FREE_PER_NAME]]

/** The lockout policy, applied when a failure brings the username's count to the limit. */
async function applyLockout(trx: Kysely<Database>, user: Pick<SignInUser, 'id' | 'active' | 'locked_at' | 'locked_until'>, tenantId: string, lockout: ReturnType<typeof settingsOf>['lockoutPolicy'], failures: number, counterKey: string, ctx: Context, now: number): Promise<void> {
  if (lockout.mode === 'none' || failures < lockout.maxFailures || isLocked(user, now) || !user.active) return
  if (lockout.mode === 'disable') {
    await deactivateBySystem(trx, user.id)
  } else {
    await setUserSignInState(trx, user.id, { locked_at: now, locked_until: lockout.mode === 'temporary' ? now + lockout.lockMinutes * 60_000 : null })
    await deleteSessionsOfUser(trx, user.id)
  }
  // The lock (or deactivation) takes over; after it, the user starts again with a clean count.
  await setCounter(trx, { key: counterKey, failures: 0, last_failure_at: now, blocked_until: 0 })
  const action = lockout.mode === 'disable' ? 'user.deactivate' : 'user.lock'
  await recordAudit(trx, ctx, {
    tenantId, action, entityType: 'user', entityId: user.id,
    changes: { reason: { old: null, new: `${failures} failed ${counterKey.startsWith('factor:') ? 'second-factor codes' : 'sign-ins'}` }, ...(lockout.mode === 'temporary' ? { lockedUntil: { old: null, new: new Date(now + lockout.lockMinutes * 60_000).toISOString() } } : {}) },
  })
}

function failureAudit(tenantId: string, user: SignInUser | undefined, username: string, reason: string, client: Client) {
  return {
    tenantId,
    action: 'user.sign_in_failed',
    entityType: user ? 'user' : 'username',
    entityId: user ? user.id : caseKey(username),
    changes: { reason: { old: null, new: reason }, username: { old: null, new: username }, browser: { old: null, new: describeUserAgent(client.userAgent) } },
  }
}

const contextFor = (user: SignInUser | undefined, tenantSlug: string, client: Client): Context => ({
  actor: {
    userId: user?.id ?? '', username: user?.username ?? '', tenantId: user?.tenant_id ?? '', tenantSlug, roleId: user?.role_id ?? '',
    permissions: new Set(), isPlatformAdmin: false, apiKeyId: null, sessionId: null, campaignId: null, restrictView: false,
  },
  clientIp: client.ip,
})

/**
 * The steps the account needs after its credentials, in the order the user meets them: the second
 * factor (not after a passkey alone: it was both), then the required actions (update_profile before
 * verify_email, so that the address verified is the reviewed one), then the campaign.
 */
async function stepsFor(db: Kysely<Database>, user: SignInUser, settings: TenantSettings, now: number, passkeyOnly = false): Promise<SignInStep[]> {
  const steps: SignInStep[] = []
  const required = requiredActionsOf(user)
  const hasFactor = user.hasSecondFactor
  if (hasFactor && !passkeyOnly) steps.push('second_factor')
  const { maxAgeDays } = settings.passwordPolicy
  const expired = maxAgeDays > 0 && user.password_changed_at !== null && now - user.password_changed_at > maxAgeDays * 86_400_000
  if (required.includes('update_password') || expired) steps.push('update_password')
  const { requiredForAll, requiredForRoleIds } = settings.secondFactorPolicy
  // An administrator's "configure OTP" asks for an authenticator app even beside other factors.
  if (required.includes('configure_totp') || (!hasFactor && (requiredForAll || requiredForRoleIds.includes(user.role_id)))) steps.push('configure_totp')
  if (required.includes('update_profile')) steps.push('update_profile')
  if (required.includes('verify_email')) steps.push('verify_email')
  if (user.choose_campaign_at_login && (await findUserCampaigns(db, user.id)).some((c) => c.active)) steps.push('choose_campaign')
  return steps
}

export interface SignInResult {
  answer: SignInAnswer
  /** The new session's cookie secret. */
  secret: string
}

export async function signIn(db: DB, input: SignInStart, client: Client): Promise<SignInResult> {
  const now = Date.now()
  const usernameKey = caseKey(input.username.trim())
  const { tenant, user } = await findSignInSubject(db, caseKey(input.tenant.trim()), usernameKey)
  const nameKey = `name:${tenant?.id ?? 'none'}:${usernameKey}`
  const ipKey = client.ip ? `ip:${client.ip}` : null
  const ctx = contextFor(user, tenant?.slug ?? '', client)

  const gate = await db.transaction().execute(async (trx) => {
    const result = await passGate(trx, gateKeys(nameKey, ipKey))
    if (result.retryAfterMs > 0 && tenant) {
      await recordAudit(trx, ctx, failureAudit(tenant.id, user, input.username, 'throttled', client))
      if (user) await applyLockout(trx, user, tenant.id, settingsOf(tenant).lockoutPolicy, result.failures, nameKey, ctx, now)
    }
    return result
  })
  if (gate.retryAfterMs > 0) throw tooManyAttempts(gate.retryAfterMs)

  // Always one argon2 verification, whatever is wrong, so that every failure takes as long.
  const passwordOk = await verifyPassword(user?.password_hash ?? (await timingDummy()), input.password).catch(() => false)
  const reason = !tenant ? 'unknown_tenant' : !tenant.active ? 'tenant_inactive' : !user ? 'unknown_user' : user.password_hash === null ? 'no_password'
    : !passwordOk ? 'wrong_password' : !user.active ? 'inactive' : isLocked(user, now) ? 'locked' : null
  if (reason !== null || !tenant || !user) {
    if (tenant) {
      await db.transaction().execute(async (trx) => {
        // Counter before user row, as in passGate: the same lock order everywhere, no deadlocks.
        await lockCounters(trx, [nameKey])
        await recordAudit(trx, ctx, failureAudit(tenant.id, user, input.username, reason ?? 'unknown_user', client))
        if (user && reason === 'wrong_password') await applyLockout(trx, user, tenant.id, settingsOf(tenant).lockoutPolicy, gate.failures, nameKey, ctx, now)
      })
    }
    throw invalidCredentials()
  }

  const settings = settingsOf(tenant)
  const steps = await stepsFor(db, user, settings, now)
  // A hash made with older parameters is made again now, while the password is at hand.
  const upgraded = needsRehash(user.password_hash!) ? await hashPassword(input.password) : null
  const { secret, row } = await db.transaction().execute(async (trx) => {
    // The counters first, then the user row: the order passGate takes them in.
    await clearAfterSuccess(trx, nameKey, ipKey)
    if (upgraded) await upgradePasswordHash(trx, user.id, user.password_hash!, upgraded)
    return openSession(trx, { tenantId: tenant.id, userId: user.id, settings, steps, authenticatedWith: 'password' }, ctx, client, now)
  })
  return { secret, answer: await answerFor(db, { state: row.state, steps, csrfToken: row.csrf_token, userId: user.id }) }
}

/** A new session after proven credentials: pending while steps remain, else the sign-in is complete. */
async function openSession(trx: Kysely<Database>, s: { tenantId: string; userId: string; settings: TenantSettings; steps: SignInStep[]; authenticatedWith: string },
  ctx: Context, client: Client, now: number) {
  const browser = describeUserAgent(client.userAgent)
  const created = await createSession(trx, {
    tenantId: s.tenantId, userId: s.userId, steps: s.steps, authenticatedWith: s.authenticatedWith, clientIp: client.ip, userAgent: client.userAgent, browser,
    idleMinutes: s.settings.sessionPolicy.idleMinutes, maxHours: s.settings.sessionPolicy.maxHours,
  }, now)
  if (s.steps.length === 0) await completeSignIn(trx, s.userId, s.tenantId, created.row.id, ctx, client, browser, now)
  return created
}

// ---------- signing in with a passkey alone (where the tenant allows it) ----------

/** Whether the tenant offers "Sign in with a passkey"; false for a tenant that does not exist. */
export async function signInMethods(db: DB, tenantSlug: string): Promise<{ passkey: boolean }> {
  const tenant = await findTenantBySlug(db, caseKey(tenantSlug.trim()))
  return { passkey: Boolean(tenant && tenant.active && settingsOf(tenant).passwordlessSignIn) }
}

/** Options for a passkey alone, bound to a new attempt secret (the caller sets it as a cookie). */
export async function passkeySignInOptions(db: DB, rp: RelyingParty, tenantSlug: string) {
  const tenant = await findTenantBySlug(db, caseKey(tenantSlug.trim()))
  if (!tenant || !tenant.active || !settingsOf(tenant).passwordlessSignIn) throw passkeySignInOff()
  const attemptSecret = randomBytes(32).toString('base64url')
  return { attemptSecret, options: await passwordlessOptions(db, rp, tenant.id, attemptSecret) }
}

/**
 * Signs in with a discoverable passkey verified by the user: the passkey (its credential id and user
 * handle) names the user. Throttled per username and address and audited as password sign-ins are,
 * with the one answer for every failure. A forged or cloned passkey is refused, but does not count
 * towards the lockout policy: it is no guess at something the user knows. Required actions and the
 * campaign choice follow as after a password.
 */
export async function passkeySignIn(db: DB, rp: RelyingParty, attemptSecret: string | undefined, response: AuthenticationResponseJSON, client: Client): Promise<SignInResult> {
  const now = Date.now()
  const challenge = await useChallenge(db, response.response.clientDataJSON, { purpose: 'passwordless', attempt_hash: attemptSecret ? hashAttempt(attemptSecret) : '' })
  const tenant = await findTenantById(db, challenge.tenant_id)
  if (!tenant) throw invalidCredentials()
  const factor = await passkeyOf(db, response)
  const found = factor && factor.tenant_id === tenant.id ? await findUserById(db, factor.user_id) : undefined
  const subject = found ? (await findSignInSubject(db, tenant.slug, found.username_key)).user : undefined
  const user = subject && subject.id === factor?.user_id ? subject : undefined
  const nameKey = user ? `name:${tenant.id}:${caseKey(user.username)}` : null
  const ipKey = client.ip ? `ip:${client.ip}` : null
  const ctx = contextFor(user, tenant.slug, client)
  const audit = (trx: Kysely<Database>, reason: string) => recordAudit(trx, ctx, user ? failureAudit(tenant.id, user, user.username, reason, client) : {
    tenantId: tenant.id, action: 'user.sign_in_failed', entityType: 'passkey', entityId: response.id.slice(0, 200),
    changes: { reason: { old: null, new: reason }, browser: { old: null, new: describeUserAgent(client.userAgent) } },
  })

  const keys: Array<[string, number]> = nameKey ? gateKeys(nameKey, ipKey) : ipKey ? [[ipKey, FREE_PER_ADDRESS]] : []
  if (keys.length) {
    const gate = await db.transaction().execute(async (trx) => {
      const result = await passGate(trx, keys)
      if (result.retryAfterMs > 0) await audit(trx, 'throttled')
      return result
    })
    if (gate.retryAfterMs > 0) throw tooManyAttempts(gate.retryAfterMs)
  }
  const failure = !tenant.active ? 'tenant_inactive' : !user || !factor ? 'unknown_passkey'
    : await checkAssertion(db, rp, challenge, factor, response, true) ?? (!user.active ? 'inactive' : isLocked(user, now) ? 'locked' : null)
  if (failure !== null || !user) {
    await db.transaction().execute((trx) => audit(trx, failure ?? 'unknown_passkey'))
    throw invalidCredentials()
  }
  const settings = settingsOf(tenant)
  const steps = await stepsFor(db, user, settings, now, true)
  const { secret, row } = await db.transaction().execute(async (trx) => {
    if (nameKey) await clearAfterSuccess(trx, nameKey, ipKey)
    return openSession(trx, { tenantId: tenant.id, userId: user.id, settings, steps, authenticatedWith: 'passkey' }, ctx, client, now)
  })
  return { secret, answer: await answerFor(db, { state: row.state, steps, csrfToken: row.csrf_token, userId: user.id }) }
}

/** Records the finished sign-in: the directory's last sign-in fields and the audit event. */
async function completeSignIn(trx: Kysely<Database>, userId: string, tenantId: string, sessionId: string, ctx: Context, client: Client, browser: string, now: number): Promise<void> {
  await setUserSignInState(trx, userId, { last_login_at: now, last_login_ip: client.ip, last_login_browser: browser })
  await recordAudit(trx, { ...ctx, actor: { ...ctx.actor, sessionId } }, {
    tenantId, action: 'user.sign_in', entityType: 'user', entityId: userId,
    changes: { session: { old: null, new: sessionId }, browser: { old: null, new: browser } },
  })
}

/** What the step needs to show: the ways to answer, the address, the profile, the campaigns. */
async function stepDetails(db: Kysely<Database>, step: SignInStep | null, userId: string): Promise<Partial<SignInAnswer>> {
  if (step === 'second_factor') {
    const kinds = new Set((await listFactors(db, userId, true)).map((f) => f.kind))
    return { secondFactorMethods: [...(kinds.has('webauthn') ? ['webauthn' as const] : []), ...(kinds.has('totp') ? ['totp' as const] : []), 'recovery_code'] }
  }
  if (step === 'choose_campaign') return { campaigns: (await findUserCampaigns(db, userId)).filter((c) => c.active).map((c) => ({ id: c.id, name: c.name })) }
  if (step !== 'configure_totp' && step !== 'update_profile' && step !== 'verify_email') return {}
  const user = await findUserById(db, userId)
  if (!user) return {}
  if (step === 'configure_totp') return { configureMethods: requiredActionsOf(user).includes('configure_totp') ? ['totp'] : ['totp', 'webauthn'] }
  if (step === 'verify_email') return { email: user.email }
  return {
    profile: { firstName: user.first_name, lastName: user.last_name, email: user.email, mobilePhone: user.mobile_phone, locale: user.locale, timeZone: user.time_zone },
  }
}

async function answerFor(db: Kysely<Database>, s: { state: 'pending' | 'active'; steps: SignInStep[]; csrfToken: string; userId: string }): Promise<SignInAnswer> {
  const next = s.steps[0] ?? null
  return {
    status: s.state === 'active' ? 'signed_in' : 'pending',
    nextStep: next,
    steps: s.steps,
    csrfToken: s.csrfToken,
    ...(await stepDetails(db, next, s.userId)),
  }
}

/** The answer after a step: where the sign-in stands now. */
const answerAfter = (db: Kysely<Database>, session: SessionAuth, steps: SignInStep[]) =>
  answerFor(db, { state: steps.length ? 'pending' : 'active', steps, csrfToken: session.csrfToken, userId: session.actor.userId })

/** Where a pending (or finished) sign-in stands. */
export async function signInState(db: DB, session: SessionAuth): Promise<SignInAnswer> {
  return answerFor(db, { state: session.state, steps: session.steps, csrfToken: session.csrfToken, userId: session.actor.userId })
}

/** Marks the current step done; the last one opens the session. */
async function finishStep(trx: Kysely<Database>, session: SessionAuth, step: SignInStep, client: Client, set: { campaign_id?: string; authenticated_with?: string } = {}): Promise<SignInStep[]> {
  const steps = session.steps.filter((s) => s !== step)
  const now = Date.now()
  await updateSession(trx, session.sessionId, { ...set, pending_steps: JSON.stringify(steps), state: steps.length ? 'pending' : 'active' })
  if (steps.length === 0) {
    await completeSignIn(trx, session.actor.userId, session.actor.tenantId, session.sessionId, { actor: session.actor, clientIp: client.ip }, client, describeUserAgent(client.userAgent), now)
  }
  return steps
}

function expectStep(session: SessionAuth, step: SignInStep): void {
  if (session.state !== 'pending' || session.steps[0] !== step) throw notThisStep(session.steps[0] ?? null)
}

export async function chooseCampaign(db: DB, session: SessionAuth, campaignId: string, client: Client): Promise<SignInAnswer> {
  expectStep(session, 'choose_campaign')
  const offered = (await findUserCampaigns(db, session.actor.userId)).filter((c) => c.active)
  if (!offered.some((c) => c.id === campaignId)) throw invalid([{ path: 'campaignId', code: 'not_your_campaign', message: 'is not one of your campaigns' }])
  const steps = await db.transaction().execute((trx) => finishStep(trx, session, 'choose_campaign', client, { campaign_id: campaignId }))
  return answerAfter(db, session, steps)
}

/** The "update password" step: a new password under the tenant's policy, then the next step. */
export async function updatePasswordStep(db: DB, session: SessionAuth, newPassword: string, client: Client): Promise<SignInAnswer> {
  expectStep(session, 'update_password')
  const steps = await db.transaction().execute(async (trx) => {
    await completeRequiredAction(trx, { actor: session.actor, clientIp: client.ip }, session.actor.userId, 'update_password')
    // Changing the password ends the user's other sessions; this one goes on.
    await changePasswordInTransaction(trx, { actor: session.actor, clientIp: client.ip }, session.actor.userId, newPassword, { temporary: false, keepSessionId: session.sessionId, path: 'newPassword' })
    return finishStep(trx, session, 'update_password', client, {})
  })
  return answerAfter(db, session, steps)
}

/** The second_factor step: a code from the user's authenticator, or one of their recovery codes. */
export async function secondFactorStep(db: DB, secrets: SecretBox, session: SessionAuth, method: 'totp' | 'recovery_code', code: string, client: Client): Promise<SignInAnswer> {
  return answerSecondFactor(db, session, client, method, async () => ((await verifySecondFactor(db, secrets, session.actor.userId, method, code)) ? null : 'wrong_code'), wrongCode)
}

/** The second_factor step with a passkey: options for navigator.credentials.get(), bound to this session. */
export async function passkeySecondFactorOptions(db: DB, rp: RelyingParty, session: SessionAuth) {
  expectStep(session, 'second_factor')
  return secondFactorOptions(db, rp, { userId: session.actor.userId, tenantId: session.actor.tenantId }, session.sessionId)
}

/** The second_factor step answered by one of the user's passkeys. */
export async function passkeySecondFactorStep(db: DB, rp: RelyingParty, session: SessionAuth, response: AuthenticationResponseJSON, client: Client): Promise<SignInAnswer> {
  return answerSecondFactor(db, session, client, 'webauthn', async () => {
    let challenge
    try {
      challenge = await useChallenge(db, response.response.clientDataJSON, { purpose: 'second_factor', user_id: session.actor.userId, session_id: session.sessionId })
    } catch {
      return 'passkey_expired'
    }
    const factor = await passkeyOf(db, response, session.actor.userId)
    return factor ? checkAssertion(db, rp, challenge, factor, response, false) : 'wrong_passkey'
  }, (reason) => (reason === 'passkey_expired' ? passkeyExpired() : passkeyRefused()))
}

/**
 * Answers the second_factor step: counted apart from the password and throttled (so that someone who
 * only knows the username cannot use up this path), every failure audited and applied to the
 * lockout policy. `verify` answers null when the factor is right, else why it is not.
 */
async function answerSecondFactor(db: DB, session: SessionAuth, client: Client, method: 'totp' | 'recovery_code' | 'webauthn',
  verify: () => Promise<string | null>, refusal: (reason: string) => Problem): Promise<SignInAnswer> {
  expectStep(session, 'second_factor')
  const userId = session.actor.userId
  const tenantId = session.actor.tenantId
  // Counted apart from the password: someone who only knows the username cannot use up this path.
  const factorKey = `factor:${userId}`
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  /** Audits a failed code (refused, or wrong) and applies the lockout policy to the count. */
  const recordFailure = async (trx: Kysely<Database>, failures: number, reason: string) => {
    await recordAudit(trx, ctx, {
      tenantId, action: 'user.second_factor_failed', entityType: 'user', entityId: userId,
      changes: { reason: { old: null, new: reason }, method: { old: null, new: method }, browser: { old: null, new: describeUserAgent(client.userAgent) } },
    })
    const user = await findUserById(trx, userId)
    const tenant = await findTenantById(trx, tenantId)
    if (user && tenant) await applyLockout(trx, user, tenantId, settingsOf(tenant).lockoutPolicy, failures, factorKey, ctx, Date.now())
  }
  const gate = await db.transaction().execute(async (trx) => {
    const result = await passGate(trx, [[factorKey, FREE_PER_NAME]])
    if (result.retryAfterMs > 0) await recordFailure(trx, result.failures, 'throttled')
    return result
  })
  if (gate.retryAfterMs > 0) throw tooManyAttempts(gate.retryAfterMs)
  const failure = await verify()
  if (failure !== null) {
    await db.transaction().execute(async (trx) => {
      await lockCounters(trx, [factorKey])
      await recordFailure(trx, gate.failures, failure)
    })
    throw refusal(failure)
  }
  const steps = await db.transaction().execute(async (trx) => {
    await setCounter(trx, { key: factorKey, failures: 0, last_failure_at: 0, blocked_until: 0 })
    return finishStep(trx, session, 'second_factor', client, { authenticated_with: `password+${method}` })
  })
  return answerAfter(db, session, steps)
}

/** The configure_totp step, first half: a new authenticator key for the user to scan. */
export async function startTotpStep(db: DB, secrets: SecretBox, session: SessionAuth): Promise<TotpEnrolment> {
  expectStep(session, 'configure_totp')
  return startTotp(db, secrets, ownerOfContext({ actor: session.actor, clientIp: null }), undefined)
}

/** The configure_totp step, second half: the first code confirms the key; the sign-in goes on. */
export async function confirmTotpStep(db: DB, secrets: SecretBox, session: SessionAuth, id: string, code: string, client: Client): Promise<SignInAnswer> {
  expectStep(session, 'configure_totp')
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  const { recoveryCodes } = await confirmTotp(db, secrets, ctx, id, code)
  const steps = await db.transaction().execute(async (trx) => {
    await completeRequiredAction(trx, ctx, session.actor.userId, 'configure_totp')
    return finishStep(trx, session, 'configure_totp', client, { authenticated_with: 'password+totp' })
  })
  const answer = await answerAfter(db, session, steps)
  return { ...answer, ...(recoveryCodes ? { recoveryCodes } : {}) }
}

export async function signOut(db: DB, session: SessionAuth, client: Client): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionId)
    await recordAudit(trx, { actor: session.actor, clientIp: client.ip }, {
      tenantId: session.actor.tenantId, action: 'user.sign_out', entityType: 'user', entityId: session.actor.userId, changes: { session: { old: session.sessionId, new: null } },
    })
  })
}

// ---------- the configure step with a passkey ----------

/** configure_totp answered with a passkey instead of an app (not when an administrator asked for an app). */
async function expectPasskeySetup(db: DB, session: SessionAuth): Promise<void> {
  expectStep(session, 'configure_totp')
  const user = await findUserById(db, session.actor.userId)
  if (!user || requiredActionsOf(user).includes('configure_totp')) throw authenticatorAppRequired()
}

export async function passkeySetupOptions(db: DB, rp: RelyingParty, session: SessionAuth) {
  await expectPasskeySetup(db, session)
  return registrationOptions(db, rp, await ownerOf(db, { actor: session.actor, clientIp: null }), session.sessionId)
}

export async function passkeySetupStep(db: DB, rp: RelyingParty, secrets: SecretBox, session: SessionAuth, name: string | undefined, response: RegistrationResponseJSON, client: Client): Promise<SignInAnswer> {
  await expectPasskeySetup(db, session)
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  const owner = await ownerOf(db, ctx)
  const verified = await verifyRegistration(db, rp, owner, session.sessionId, response)
  const { recoveryCodes, steps } = await db.transaction().execute(async (trx) => {
    const added = await storePasskey(trx, secrets, ctx, owner, name, verified)
    return { recoveryCodes: added.recoveryCodes, steps: await finishStep(trx, session, 'configure_totp', client, { authenticated_with: 'password+webauthn' }) }
  })
  return { ...(await answerAfter(db, session, steps)), ...(recoveryCodes ? { recoveryCodes } : {}) }
}

// ---------- the required actions update_profile and verify_email ----------

/** update_profile: the reviewed names, email, mobile phone, language and time zone, checked as an administrator's edit. */
export async function updateProfileStep(db: DB, session: SessionAuth, profile: ProfileStep, client: Client): Promise<SignInAnswer> {
  expectStep(session, 'update_profile')
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  const steps = await db.transaction().execute(async (trx) => {
    await changeOwnUser(trx, ctx, profile)
    await completeRequiredAction(trx, ctx, session.actor.userId, 'update_profile')
    return finishStep(trx, session, 'update_profile', client)
  })
  return answerAfter(db, session, steps)
}

/**
 * verify_email, first half: a one-time code to the account's address (after storing the address given,
 * when the account has none, checked as an administrator's edit). At most one a minute.
 */
export async function sendEmailCode(db: DB, secrets: SecretBox, messenger: Messenger, session: SessionAuth, email: string | undefined, client: Client): Promise<{ sentTo: string; expiresAt: string }> {
  expectStep(session, 'verify_email')
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  const { code, to, tenantName } = await db.transaction().execute(async (trx) => {
    let user = await findUserById(trx, session.actor.userId, true)
    if (!user) throw noSignIn()
    if (email !== undefined && user.email !== null && caseKey(email.trim()) !== user.email_key) throw emailAlreadySet()
    if (user.email === null) {
      if (email === undefined) throw invalid([{ path: 'email', code: 'required', message: 'is required: the account has no email address yet' }])
      await changeOwnUser(trx, ctx, { email })
      user = (await findUserById(trx, user.id))!
    }
    const wait = await resendWaitMs(trx, user.id, 'verify_email')
    if (wait > 0) throw tooManyAttempts(wait)
    const issued = (await issueCode(trx, secrets, { tenant_id: user.tenant_id, user_id: user.id, purpose: 'verify_email', channel: 'email' }))!
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.email_verification_request', entityType: 'user', entityId: user.id, changes: { email: { old: null, new: user.email } } })
    return { code: issued, to: user.email!, tenantName: (await findTenantById(trx, user.tenant_id))?.name ?? '' }
  })
  await messenger.send({
    channel: 'email', to, subject: `Your ${tenantName} email verification code`,
    text: `Your code to verify this email address for ${session.actor.username} at ${tenantName}: ${code}\nIt works once, for ${CODE_LIFETIME_MS.verify_email / 60_000} minutes. If you did not ask for it, ignore this message.`,
  })
  return { sentTo: to, expiresAt: new Date(Date.now() + CODE_LIFETIME_MS.verify_email).toISOString() }
}

/** verify_email, second half: the code (single use, 15 minutes, 5 tries) marks the address verified. */
export async function verifyEmailStep(db: DB, secrets: SecretBox, session: SessionAuth, code: string, client: Client): Promise<SignInAnswer> {
  expectStep(session, 'verify_email')
  const ctx: Context = { actor: session.actor, clientIp: client.ip }
  const redeemed = await checkCode(db, secrets, session.actor.userId, ['verify_email'], code)
  if (!redeemed) throw invalidCode()
  const steps = await db.transaction().execute(async (trx) => {
    if (!(await useCode(trx, redeemed.id, Date.now()))) throw invalidCode()
    const user = await findUserById(trx, session.actor.userId, true)
    if (!user) throw noSignIn()
    await markEmailVerified(trx, user.id)
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.email_verify', entityType: 'user', entityId: user.id, changes: { emailVerified: { old: user.email_verified === 1, new: true }, email: { old: null, new: user.email } } })
    await completeRequiredAction(trx, ctx, user.id, 'verify_email')
    return finishStep(trx, session, 'verify_email', client)
  })
  return answerAfter(db, session, steps)
}
