import { Problem } from '../http/problem.js'

export const wrongCurrentPassword = () => new Problem(422, 'validation_failed', 'The current password is not right.', [
  { path: 'currentPassword', code: 'wrong_password', message: 'is not your current password' },
])

export const passwordOrGenerate = () => new Problem(422, 'validation_failed', 'Give a password or ask for a generated one, not both.', [
  { path: 'password', code: 'password_or_generate', message: 'give a password, or set generate to true' },
])

export const cannotLockSelf = () => new Problem(409, 'cannot_lock_self', 'You cannot lock your own account.')
