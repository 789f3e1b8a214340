import { Problem } from '../http/problem.js'

/** The one answer to every failed sign-in, whatever was wrong. */
export const invalidCredentials = () => new Problem(401, 'invalid_credentials', 'The tenant, username or password is not right, or the account cannot sign in.')

export const tooManyAttempts = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new Problem(429, 'too_many_attempts', `Too many sign-in attempts. Try again in ${seconds} s.`, undefined, { 'Retry-After': String(seconds) })
}

export const notThisStep = (expected: string | null) =>
  new Problem(409, 'wrong_sign_in_step', expected ? `The sign-in expects the step ${expected} now.` : 'This sign-in has no steps left.')

export const noSignIn = () => new Problem(401, 'no_sign_in', 'There is no sign-in under way in this browser. Sign in again.')

export const csrfFailed = () => new Problem(403, 'csrf_failed', 'Send the session\'s CSRF token in the X-CSRF-Token header.')

export const wrongCode = () => new Problem(422, 'validation_failed', 'That code is not right, or it was used already.', [
  { path: 'code', code: 'wrong_code', message: 'is not right, or was used already' },
])

/** The configure step with a passkey, where an administrator asked for an authenticator app ("configure OTP"). */
export const authenticatorAppRequired = () =>
  new Problem(409, 'authenticator_app_required', 'Your administrator asks you to set up an authenticator app; a passkey does not do instead.')

/** The verify_email step verifies the address on the account; another one is changed on the account page. */
export const emailAlreadySet = () => new Problem(422, 'validation_failed', 'The account has an email address already: the code goes there.', [
  { path: 'email', code: 'email_already_set', message: 'the account has an email address already' },
])
