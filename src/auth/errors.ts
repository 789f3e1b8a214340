import { Problem } from '../http/problem.js'

export const unauthenticated = () =>
  new Problem(401, 'unauthenticated', 'Send a valid API key as "Authorization: Bearer <key>", or sign in.', undefined, {
    'WWW-Authenticate': 'Bearer realm="gatehouse"',
  })
