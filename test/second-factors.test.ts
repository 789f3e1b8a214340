// TOTP and recovery codes: enrolment on the account page and at sign-in, sign-in with either,
// replays refused, counted apart from passwords, reset by an administrator. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { totpCode } from '../src/second-factors/totp.js'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'
const STEP = 30_000

describeEachEngine('second factors', (env) => {
  let T: TenantFixture

  async function userWithPassword(tenant = T, fields: Record<string, unknown> = {}) {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('f'), roleId: tenant.roles.agent, ...fields }), 201)
    expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))
    return user as { id: string; username: string }
  }

  /** Signs in and adds an authenticator on the account page; returns its key and recovery codes. */
  async function withTotp(user: { username: string }, tenant = T) {
    const browser = new Browser(env())
    expectOk(await browser.signIn(tenant.slug, user.username, PASSWORD))
    const enrolment = expectOk(await browser.post('/api/v1/me/totp', { name: 'Phone' }))
    // A code of the previous step confirms it, so that tests can still use the current one.
    const confirmed = expectOk(await browser.post(`/api/v1/me/totp/${enrolment.id}/confirm`, { code: totpCode(enrolment.secret, Date.now() - STEP) }))
    return { secret: enrolment.secret as string, recoveryCodes: confirmed.recoveryCodes as string[], browser }
  }

  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('enrols an authenticator app: a QR code and the key, confirmed by a first code, stored sealed; the first one brings ten recovery codes', async () => {
    const user = await userWithPassword()
    const browser = new Browser(env())
    expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    const enrolment = expectOk(await browser.post('/api/v1/me/totp', { name: 'Phone' }))
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(enrolment.otpauthUri).toMatch(new RegExp(`^otpauth://totp/Gatehouse%20${T.slug}:${user.username}\\?`))
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`)
    expect(enrolment.qrSvg).toMatch(/^<svg/)
    const stored = await env().db.selectFrom('second_factors').select(['secret', 'confirmed']).where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.secret).not.toContain(enrolment.secret)
    expect(stored.confirmed).toBe(0)
    // Unconfirmed keys are not second factors yet.
    expect(expectOk(await browser.get('/api/v1/me/second-factors'))).toEqual({ items: [], recoveryCodesLeft: 0 })

    expectProblem(await browser.post(`/api/v1/me/totp/${enrolment.id}/confirm`, { code: '000000' }), 422, 'validation_failed')
    const confirmed = expectOk(await browser.post(`/api/v1/me/totp/${enrolment.id}/confirm`, { code: totpCode(enrolment.secret) }))
    expect(confirmed.factor).toMatchObject({ kind: 'totp', name: 'Phone' })
    expect(confirmed.recoveryCodes).toHaveLength(10)
    expect(new Set(confirmed.recoveryCodes).size).toBe(10)
    expect(confirmed.recoveryCodes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    const codes = await env().db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute()
    expect(codes.some((c) => confirmed.recoveryCodes.some((code: string) => c.code_hash.includes(code.replace('-', ''))))).toBe(false)
    expect(expectOk(await browser.get('/api/v1/me/second-factors'))).toMatchObject({ items: [{ kind: 'totp', name: 'Phone' }], recoveryCodesLeft: 10 })
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.second_factor_add`)).total).toBe(1)
  })

  it('asks for the code after the password; accepts one step of clock drift; refuses a code used already', async () => {
    const user = await userWithPassword()
    const { secret } = await withTotp(user)
    const browser = new Browser(env())
    const first = expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    expect(first).toMatchObject({ status: 'pending', nextStep: 'second_factor', secondFactorMethods: ['totp', 'recovery_code'] })
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    // The code that confirmed the key (previous step) was used: a replay.
    expectProblem(await browser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: totpCode(secret, Date.now() - STEP) }), 422, 'validation_failed')
    const now = totpCode(secret)
    expect(expectOk(await browser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: now }))).toMatchObject({ status: 'signed_in' })
    const sessions = expectOk(await browser.get('/api/v1/me/sessions')).items
    expect(sessions.find((s: { current: boolean }) => s.current).authenticatedWith).toBe('password+totp')

    // The same code again, from another browser: refused, even in parallel.
    const again = await Promise.all([new Browser(env()), new Browser(env())].map(async (b) => {
      expectOk(await b.signIn(T.slug, user.username, PASSWORD))
      return b.post('/api/v1/sign-in/second-factor', { method: 'totp', code: now })
    }))
    expect(again.map((a) => a.status)).toEqual([422, 422])
    // The next step's code (the app's clock a little ahead) is accepted.
    const ahead = new Browser(env())
    expectOk(await ahead.signIn(T.slug, user.username, PASSWORD))
    expectOk(await ahead.post('/api/v1/sign-in/second-factor', { method: 'totp', code: totpCode(secret, Date.now() + STEP) }))
  })

  it('signs in with a recovery code once; each code works one time only', async () => {
    const user = await userWithPassword()
    const { recoveryCodes } = await withTotp(user)
    const browser = new Browser(env())
    expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    const spaced = recoveryCodes[3]!.toUpperCase().replace('-', ' ')
    expect(expectOk(await browser.post('/api/v1/sign-in/second-factor', { method: 'recovery_code', code: spaced }))).toMatchObject({ status: 'signed_in' })
    expect(expectOk(await browser.get('/api/v1/me/second-factors')).recoveryCodesLeft).toBe(9)
    const again = new Browser(env())
    expectOk(await again.signIn(T.slug, user.username, PASSWORD))
    expectProblem(await again.post('/api/v1/sign-in/second-factor', { method: 'recovery_code', code: recoveryCodes[3] }), 422, 'validation_failed')
    // New codes replace the old ones.
    const fresh = expectOk(await browser.post('/api/v1/me/recovery-codes', {})).recoveryCodes as string[]
    expect(fresh).toHaveLength(10)
    expectProblem(await again.post('/api/v1/sign-in/second-factor', { method: 'recovery_code', code: recoveryCodes[4] }), 422, 'validation_failed')
    expectOk(await again.post('/api/v1/sign-in/second-factor', { method: 'recovery_code', code: fresh[0] }))
  })

  it('counts second-factor failures apart from passwords: guessing passwords does not block the code, guessing codes is throttled', async () => {
    const tenant = await createTenant(env(), { lockoutPolicy: { mode: 'none' } })
    const user = await userWithPassword(tenant)
    const { secret } = await withTotp(user, tenant)
    const owner = new Browser(env())
    expectOk(await owner.signIn(tenant.slug, user.username, PASSWORD))
    // An attacker who knows only the username throttles the password path…
    for (let i = 0; i < 5; i++) await new Browser(env()).signIn(tenant.slug, user.username, `guess ${i}`)
    expectProblem(await new Browser(env()).signIn(tenant.slug, user.username, PASSWORD), 429, 'too_many_attempts')
    // …but the owner, past the password, still answers the second factor.
    expectOk(await owner.post('/api/v1/sign-in/second-factor', { method: 'totp', code: totpCode(secret) }))

    await env().db.updateTable('sign_in_counters').set({ failures: 0, blocked_until: 0 }).where('key', 'like', 'name:%').execute()
    const guesser = new Browser(env())
    expectOk(await guesser.signIn(tenant.slug, user.username, PASSWORD))
    for (let i = 0; i < 4; i++) expectProblem(await guesser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: '12345' + i }), 422, 'validation_failed')
    expectProblem(await guesser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: '123459' }), 429, 'too_many_attempts')
    expect(expectOk(await tenant.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.second_factor_failed`)).total).toBe(5)
  })

  it('locks the account after N wrong codes under the tenant\'s lockout policy', async () => {
    const tenant = await createTenant(env(), { lockoutPolicy: { mode: 'lock', maxFailures: 3 } })
    const user = await userWithPassword(tenant)
    await withTotp(user, tenant)
    const guesser = new Browser(env())
    expectOk(await guesser.signIn(tenant.slug, user.username, PASSWORD))
    await Promise.all(['111111', '222222', '333333'].map((code) => guesser.post('/api/v1/sign-in/second-factor', { method: 'totp', code })))
    expect(expectOk(await tenant.admin.get(`/api/v1/users/${user.id}`)).locked).toBe(true)
    expectProblem(await guesser.get('/api/v1/sign-in'), 401, 'no_sign_in') // the lock ended the pending session
  })

  it('makes holders of a role set up an authenticator at sign-in when the tenant requires it', async () => {
    const tenant = await createTenant(env())
    expectOk(await platformPatch(tenant, { secondFactorPolicy: { requiredForRoleIds: [tenant.roles.agent] } }))
    const agent = await userWithPassword(tenant)
    const leader = await userWithPassword(tenant, { roleId: tenant.roles['team-leader'] })
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(tenant.slug, agent.username, PASSWORD))).toMatchObject({ status: 'pending', nextStep: 'configure_totp' })
    expectProblem(await browser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: '123456' }), 409, 'wrong_sign_in_step')
    const enrolment = expectOk(await browser.post('/api/v1/sign-in/totp', {}))
    expectProblem(await browser.post('/api/v1/sign-in/totp/confirm', { id: enrolment.id, code: '000000' }), 422, 'validation_failed')
    const done = expectOk(await browser.post('/api/v1/sign-in/totp/confirm', { id: enrolment.id, code: totpCode(enrolment.secret) }))
    expect(done).toMatchObject({ status: 'signed_in' })
    expect(done.recoveryCodes).toHaveLength(10)
    expectOk(await browser.get('/api/v1/me'))
    // Next time: the code, not the set-up.
    expect(expectOk(await new Browser(env()).signIn(tenant.slug, agent.username, PASSWORD)).nextStep).toBe('second_factor')
    // Other roles are not asked.
    expect(expectOk(await new Browser(env()).signIn(tenant.slug, leader.username, PASSWORD))).toMatchObject({ status: 'signed_in' })
  })

  it('lets an administrator see and reset a user\'s second factors, but not those of a more privileged user', async () => {
    const user = await userWithPassword()
    await withTotp(user)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`))).toMatchObject({ items: [{ kind: 'totp' }], recoveryCodesLeft: 10 })
    expect(expectOk(await T.admin.delete(`/api/v1/users/${user.id}/second-factors`))).toEqual({ removed: 1 })
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`))).toEqual({ items: [], recoveryCodesLeft: 0 })
    expect(expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD))).toMatchObject({ status: 'signed_in' })
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.second_factors_reset`)).total).toBe(1)

    const leader = await userWithPassword(T, { roleId: T.roles['team-leader'] })
    const leaderBrowser = new Browser(env())
    expectOk(await leaderBrowser.signIn(T.slug, leader.username, PASSWORD))
    const admin = await userWithPassword(T, { roleId: T.roles.administrator })
    expectProblem(await leaderBrowser.call('DELETE', `/api/v1/users/${admin.id}/second-factors`), 403, 'privilege_escalation')
  })

  async function platformPatch(tenant: TenantFixture, settings: Record<string, unknown>) {
    return tenant.admin.patch(`/api/v1/tenants/${tenant.id}`, { settings })
  }
})
