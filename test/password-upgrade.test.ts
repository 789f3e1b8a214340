// Hashes made with older argon2 parameters (or another variant) are made again, with today's, at the
// next successful sign-in, and only then. On both engines.
import { hash } from '@node-rs/argon2'
import { beforeAll, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '../src/auth/passwords.js'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'
const storedHash = async (env: { db: import('../src/db/database.js').DB }, id: string) =>
  (await env.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash!

describeEachEngine('password hash upgrade', (env) => {
  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
  })

  for (const [label, options] of [
    ['weaker argon2id costs', { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 }],
    ['argon2i', { algorithm: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 }],
  ] as const) {
    it(`makes a hash with ${label} again at the next successful sign-in, not at a failed one`, async () => {
      const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('h'), roleId: T.roles.agent }), 201)
      const old = await hash(PASSWORD, options)
      await env().db.updateTable('users').set({ password_hash: old }).where('id', '=', user.id).execute()

      expectProblem(await new Browser(env()).signIn(T.slug, user.username, 'not the password'), 401, 'invalid_credentials')
      expect(await storedHash(env(), user.id)).toBe(old)

      expect(expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
      const upgraded = await storedHash(env(), user.id)
      expect(upgraded).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}\\$`))
      // The same password still signs in, and the current hash is left as it is.
      expect(expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
      expect(await storedHash(env(), user.id)).toBe(upgraded)
    })
  }
})
