// One-time codes: random, stored as keyed hashes, single-use, short-lived, five tries at most.
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { SecretBox } from '../auth/secret-box.js'
import { newId } from '../db/ids.js'
import type { CodePurpose, Database, OneTimeCodesTable } from '../db/types.js'
import { countTry, latestCode, replaceCode, useCode } from './queries.js'

export const MAX_TRIES = 5
export const CODE_LIFETIME_MS: Record<CodePurpose, number> = {
  reset_password: 15 * 60_000,
  verify_email: 15 * 60_000,
  // An invitation waits for someone who may not read it at once (Keycloak: 12 hours; a weekend here).
  invitation: 72 * 3_600_000,
}
// A new code at most this often per user and purpose: asking again and again sends nothing more.
const RESEND_AFTER_MS = 60_000

const digest = (secrets: SecretBox, purpose: CodePurpose, userId: string, code: string) => secrets.mac(`${purpose}:${userId}:${code}`)

/** Eight digits: easy to type from an SMS, and five tries leave 1 chance in 20 million. */
const newCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0')

/**
 * A new code for the user (the earlier one stops working); null when one was issued within the last
 * minute, so that repeated requests do not flood the user's inbox or phone.
 */
export async function issueCode(trx: Kysely<Database>, secrets: SecretBox, input: Pick<OneTimeCodesTable, 'tenant_id' | 'user_id' | 'purpose' | 'channel'>): Promise<string | null> {
  const now = Date.now()
  const previous = await latestCode(trx, input.user_id, input.purpose)
  if (previous && previous.used_at === null && now - previous.created_at < RESEND_AFTER_MS) return null
  const code = newCode()
  await replaceCode(trx, {
    ...input, id: newId(now), code_hash: digest(secrets, input.purpose, input.user_id, code), attempts: 0,
    expires_at: now + CODE_LIFETIME_MS[input.purpose], used_at: null, created_at: now,
  })
  return code
}

/** How long until a new code for the purpose may be issued (0: now). */
export async function resendWaitMs(db: Kysely<Database>, userId: string, purpose: CodePurpose): Promise<number> {
  const previous = await latestCode(db, userId, purpose)
  if (!previous || previous.used_at !== null) return 0
  return Math.max(0, previous.created_at + RESEND_AFTER_MS - Date.now())
}

/**
 * Checks a code against the user's newest one for the purposes: counts the try first (so parallel
 * guesses cannot exceed five), then compares. Returns the matching code, not yet used: the caller
 * uses it (useCode) in the transaction that acts on it, so that a refused new password does not
 * spend it.
 */
export async function checkCode(db: Kysely<Database>, secrets: SecretBox, userId: string, purposes: CodePurpose[], code: string): Promise<OneTimeCodesTable | null> {
  const now = Date.now()
  const candidates = (await Promise.all(purposes.map((p) => latestCode(db, userId, p)))).filter((c): c is OneTimeCodesTable => c !== undefined)
  const row = candidates.sort((a, b) => b.created_at - a.created_at)[0]
  if (!row || row.used_at !== null || row.expires_at <= now) return null
  if (!(await countTry(db, row.id, MAX_TRIES))) return null
  return digest(secrets, row.purpose, userId, code.replace(/\s/g, '')) === row.code_hash ? row : null
}

export { useCode }
