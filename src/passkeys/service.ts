// Passkeys and security keys (WebAuthn, with @simplewebauthn/server): registration on the account
// page or in the configure step of a sign-in, and assertions that answer the second-factor step or,
// where the tenant allows it, sign in alone. Every challenge is kept server-side, bound to the
// session (or the attempt) it was made for, used once, and expires with the browser's time-out.
import { createHash } from 'node:crypto'
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import type { SecretBox } from '../auth/secret-box.js'
import type { DB } from '../db/database.js'
import { newId } from '../db/ids.js'
import type { Database } from '../db/types.js'
import { listFactors, insertFactor, type SecondFactorRow } from '../second-factors/queries.js'
import { addFactor, factorView, refuseMachineAccount } from '../second-factors/service.js'
import type { FactorView } from '../second-factors/schema.js'
import { findUserById } from '../users/queries.js'
import { notFound } from '../http/problem.js'
import { passkeyExpired, passkeyRefused, passkeyRegistered } from './errors.js'
import { findPasskeyByCredentialId, recordPasskeyUse, replaceChallenge, takeChallenge, type ChallengeBinding, type ChallengeRow } from './queries.js'

/** Who the passkeys are for: the pages' host name and origin (GATEHOUSE_PUBLIC_URL), and the time-out. */
export interface RelyingParty {
  id: string
  name: string
  origin: string
  timeoutMs: number
}

export const hashAttempt = (secret: string) => createHash('sha256').update(secret).digest('hex')

const transportsOf = (row: SecondFactorRow): string[] => (row.transports ? (JSON.parse(row.transports) as string[]) : [])

/** The challenge a response answers, from its client data; null when that cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }
    return typeof data.challenge === 'string' && data.challenge.length <= 200 ? data.challenge : null
  } catch {
    return null
  }
}

async function storeChallenge(db: Kysely<Database>, rp: RelyingParty, binding: ChallengeBinding, challenge: string): Promise<void> {
  const now = Date.now()
  await db.transaction().execute((trx) => replaceChallenge(trx, { ...binding, id: newId(now), challenge, created_at: now, expires_at: now + rp.timeoutMs }))
}

/** Takes the challenge the response answers (once), if it is this binding's and has not expired. */
export async function useChallenge(db: Kysely<Database>, clientDataJSON: string, binding: Partial<ChallengeBinding> & Pick<ChallengeBinding, 'purpose'>): Promise<ChallengeRow> {
  const challenge = challengeOf(clientDataJSON)
  const row = challenge ? await takeChallenge(db, challenge, binding) : undefined
  if (!row || row.expires_at <= Date.now()) throw passkeyExpired()
  return row
}

export interface PasskeyOwner {
  userId: string
  tenantId: string
  username: string
  displayName: string
}

/** Options for registering a new passkey; the user's own passkeys are excluded (no second copy). */
export async function registrationOptions(db: DB, rp: RelyingParty, owner: PasskeyOwner, sessionId: string | null): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = (await listFactors(db, owner.userId, true)).filter((f) => f.kind === 'webauthn' && f.credential_id)
  const options = await generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id, userName: owner.username, userDisplayName: owner.displayName || owner.username,
    // The user handle: a discoverable passkey names its user by it when it signs in alone.
    userID: new TextEncoder().encode(owner.userId),
    timeout: rp.timeoutMs, attestationType: 'none',
    excludeCredentials: existing.map((f) => ({ id: f.credential_id!, transports: transportsOf(f) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
  await storeChallenge(db, rp, { tenant_id: owner.tenantId, user_id: owner.userId, session_id: sessionId, attempt_hash: null, purpose: 'register' }, options.challenge)
  return options
}

/** Verifies a registration against its challenge (taken once, bound to the user and the session). */
export async function verifyRegistration(db: Kysely<Database>, rp: RelyingParty, owner: PasskeyOwner, sessionId: string | null, response: RegistrationResponseJSON) {
  const challenge = await useChallenge(db, response.response.clientDataJSON, { purpose: 'register', user_id: owner.userId, session_id: sessionId })
  const verification = await verifyRegistrationResponse({
    response, expectedChallenge: challenge.challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false,
  }).catch(() => null)
  if (!verification?.verified) throw passkeyRefused()
  return { credential: verification.registrationInfo.credential, transports: response.response.transports ?? verification.registrationInfo.credential.transports ?? [] }
}

/** Stores a verified passkey for the user, inside the caller's transaction; audited as a new second factor. */
export async function storePasskey(trx: Kysely<Database>, secrets: SecretBox, ctx: Context, owner: PasskeyOwner, name: string | undefined,
  verified: Awaited<ReturnType<typeof verifyRegistration>>): Promise<{ factor: FactorView; recoveryCodes: string[] | null }> {
  if (await findPasskeyByCredentialId(trx, verified.credential.id)) throw passkeyRegistered()
  const now = Date.now()
  const row: SecondFactorRow = {
    id: newId(now), tenant_id: owner.tenantId, user_id: owner.userId, kind: 'webauthn', name: name?.trim() || 'Passkey', secret: null,
    credential_id: verified.credential.id, public_key: Buffer.from(verified.credential.publicKey).toString('base64url'),
    sign_count: verified.credential.counter, transports: JSON.stringify(verified.transports), confirmed: 1, last_used_step: null,
    created_at: now, last_used_at: null,
  }
  const recoveryCodes = await addFactor(trx, secrets, ctx, row, () => insertFactor(trx, row))
  return { factor: factorView(row), recoveryCodes }
}

/** Options for the second-factor step: one of the user's own passkeys. */
export async function secondFactorOptions(db: DB, rp: RelyingParty, user: { userId: string; tenantId: string }, sessionId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = (await listFactors(db, user.userId, true)).filter((f) => f.kind === 'webauthn' && f.credential_id)
  const options = await generateAuthenticationOptions({
    rpID: rp.id, timeout: rp.timeoutMs, userVerification: 'preferred',
    allowCredentials: passkeys.map((f) => ({ id: f.credential_id!, transports: transportsOf(f) })),
  })
  await storeChallenge(db, rp, { tenant_id: user.tenantId, user_id: user.userId, session_id: sessionId, attempt_hash: null, purpose: 'second_factor' }, options.challenge)
  return options
}

/** Options for signing in with a passkey alone: any discoverable passkey of the tenant, verified by the user (PIN, biometrics). */
export async function passwordlessOptions(db: DB, rp: RelyingParty, tenantId: string, attemptSecret: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, timeout: rp.timeoutMs, userVerification: 'required' })
  await storeChallenge(db, rp, { tenant_id: tenantId, user_id: null, session_id: null, attempt_hash: hashAttempt(attemptSecret), purpose: 'passwordless' }, options.challenge)
  return options
}

export type AssertionFailure = 'wrong_passkey' | 'passkey_cloned'

/** The user's passkey the response names (by credential id and, when given, user handle); undefined when none. */
export async function passkeyOf(db: Kysely<Database>, response: AuthenticationResponseJSON, userId?: string): Promise<SecondFactorRow | undefined> {
  if (response.id !== response.rawId) return undefined
  const factor = await findPasskeyByCredentialId(db, response.id)
  if (!factor || (userId !== undefined && factor.user_id !== userId)) return undefined
  const handle = response.response.userHandle
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== factor.user_id) return undefined
  return factor
}

/**
 * Checks the assertion's signature with the passkey's public key against the challenge, and its sign
 * counter: a counter that did not go up means a copy of the key is in use (a clone), refused. On
 * success the new counter and the time of use are stored. Returns null, or why it failed.
 */
export async function checkAssertion(db: Kysely<Database>, rp: RelyingParty, challenge: ChallengeRow, factor: SecondFactorRow,
  response: AuthenticationResponseJSON, requireUserVerification: boolean): Promise<AssertionFailure | null> {
  let failure: AssertionFailure = 'wrong_passkey'
  const verification = await verifyAuthenticationResponse({
    response, expectedChallenge: challenge.challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification,
    credential: { id: factor.credential_id!, publicKey: new Uint8Array(Buffer.from(factor.public_key!, 'base64url')), counter: factor.sign_count ?? 0, transports: transportsOf(factor) },
  }).catch((error: unknown) => {
    if (error instanceof Error && /counter/i.test(error.message)) failure = 'passkey_cloned'
    return null
  })
  if (!verification?.verified) return failure
  await recordPasskeyUse(db, factor.id, verification.authenticationInfo.newCounter, Date.now())
  return null
}

/** The passkey's owner: the user of the context, with the name the authenticator shows. */
export async function ownerOf(db: Kysely<Database>, ctx: Context): Promise<PasskeyOwner> {
  const user = await findUserById(db, ctx.actor.userId)
  if (!user) throw notFound('user')
  await refuseMachineAccount(db, user.id)
  return { userId: user.id, tenantId: user.tenant_id, username: user.username, displayName: user.display_name }
}

/** The account page: options for a new passkey, bound to this session (or, for an API key, to none). */
export async function ownPasskeyOptions(db: DB, rp: RelyingParty, ctx: Context): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return registrationOptions(db, rp, await ownerOf(db, ctx), ctx.actor.sessionId)
}

/** The account page: the new passkey, verified against the challenge of this session, stored and audited. */
export async function addOwnPasskey(db: DB, rp: RelyingParty, secrets: SecretBox, ctx: Context, name: string | undefined, response: RegistrationResponseJSON) {
  const owner = await ownerOf(db, ctx)
  const verified = await verifyRegistration(db, rp, owner, ctx.actor.sessionId, response)
  return db.transaction().execute((trx) => storePasskey(trx, secrets, ctx, owner, name, verified))
}
