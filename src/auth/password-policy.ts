// A tenant's password policy, checked all at once: every broken rule is reported, each with a stable
// code the console translates.
import type { FieldError } from '../http/problem.js'
import type { TenantSettings } from '../tenants/schema.js'
import { isCommonPassword } from './common-passwords.js'
import { verifyPassword } from './passwords.js'

type PasswordPolicy = TenantSettings['passwordPolicy']

export interface PasswordOwner {
  username: string
  email: string | null
  firstName: string
  lastName: string
}

const CLASSES = [
  ['requireLowercase', 'password_needs_lowercase', /\p{Ll}/u, 'a lowercase letter'],
  ['requireUppercase', 'password_needs_uppercase', /\p{Lu}/u, 'an uppercase letter'],
  ['requireDigit', 'password_needs_digit', /\p{Nd}/u, 'a digit'],
  ['requireSymbol', 'password_needs_symbol', /[^\p{L}\p{Nd}\s]/u, 'a symbol'],
] as const

/** Personal words a password must not contain: the username, the email's local part, the names (3+ characters). */
function personalWords(owner: PasswordOwner): string[] {
  const words = [owner.username, owner.email?.split('@')[0] ?? '', owner.firstName, owner.lastName]
  return words.map((w) => w.toLowerCase()).filter((w) => [...w].length >= 3)
}

/** The rules the password breaks that need no stored hashes (fast, synchronous). */
export function policyViolations(policy: PasswordPolicy, password: string, owner: PasswordOwner | null, path = 'password'): FieldError[] {
  const errors: FieldError[] = []
  const length = [...password].length
  if (length < policy.minLength) errors.push({ path, code: 'password_too_short', message: `must be at least ${policy.minLength} characters long`, params: { min: policy.minLength } })
  if (length > policy.maxLength) errors.push({ path, code: 'password_too_long', message: `must be at most ${policy.maxLength} characters long`, params: { max: policy.maxLength } })
  for (const [rule, code, pattern, what] of CLASSES) {
    if (policy[rule] && !pattern.test(password)) errors.push({ path, code, message: `must contain ${what}` })
  }
  if (policy.rejectPersonalInfo && owner) {
    const lower = password.toLowerCase()
    if (personalWords(owner).some((w) => lower.includes(w))) {
      errors.push({ path, code: 'password_contains_personal_info', message: 'must not contain your username, email or name' })
    }
  }
  if (policy.rejectCommon && isCommonPassword(password)) {
    errors.push({ path, code: 'password_too_common', message: 'is one of the most common passwords; choose another' })
  }
  return errors
}

/** Does the password match one of the given earlier hashes? (argon2 each: run off the event loop, in parallel.) */
export async function reusesPassword(password: string, earlierHashes: string[]): Promise<boolean> {
  const matches = await Promise.all(earlierHashes.map((h) => verifyPassword(h, password).catch(() => false)))
  return matches.some(Boolean)
}

export const reusedPassword = (count: number, path = 'password'): FieldError =>
  ({ path, code: 'password_reused', message: `must differ from your last ${count} password${count === 1 ? '' : 's'}`, params: { count } })
