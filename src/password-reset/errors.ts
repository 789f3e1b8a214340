import { Problem } from '../http/problem.js'

/** One answer for every code that does not work: wrong, expired, used, out of tries, or no such account. */
export const invalidCode = () => new Problem(422, 'validation_failed', 'The code is not right, has expired or was used already. Ask for a new one.', [
  { path: 'code', code: 'invalid_code', message: 'is not right, has expired or was used already' },
])

export const noAddress = (channel: 'email' | 'sms') => new Problem(422, 'validation_failed', `The user has no ${channel === 'email' ? 'email address' : 'mobile phone number'}.`, [
  { path: 'channel', code: channel === 'email' ? 'no_email' : 'no_mobile_phone', message: `the user has no ${channel === 'email' ? 'email address' : 'mobile phone number'}` },
])
