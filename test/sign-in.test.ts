// Signing in with a password: sessions, the generic failure answer, throttling, the lockout policies,
// the sign-in steps, CSRF, and sessions ending when the account changes. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'

describeEachEngine('sign-in', (env) => {
  let T: TenantFixture

  /** A user of tenant T (or another) with a password that needs no change at the next sign-in. */
  async function userWithPassword(tenant = T, fields: Record<string, unknown> = {}, password = PASSWORD) {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('s'), roleId: tenant.roles.agent, ...fields }), 201)
    expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password, temporary: false }))
    return user as { id: string; username: string }
  }

  async function signedIn(user: { username: string }, tenant = T): Promise<Browser> {
    const browser = new Browser(env())
    const answer = expectOk(await browser.signIn(tenant.slug, user.username, PASSWORD))
    expect(answer.status).toBe('signed_in')
    return browser
  }

  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('signs in with a password: an HttpOnly SameSite=Lax cookie, then /me, the last sign-in fields and an audit event', async () => {
    const user = await userWithPassword()
    const browser = new Browser(env())
    const answer = await browser.signIn(T.slug, user.username.toUpperCase(), PASSWORD)
    expect(expectOk(answer)).toMatchObject({ status: 'signed_in', nextStep: null, steps: [], csrfToken: expect.any(String) })
    const cookie = String(answer.headers['set-cookie'])
    expect(cookie).toMatch(/^gatehouse_session=[A-Za-z0-9_-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/) // plain HTTP here; HTTPS (or a trusted proxy saying so) adds it

    const me = expectOk(await browser.get('/api/v1/me'))
    expect(me).toMatchObject({ user: { id: user.id, username: user.username }, tenantSlug: T.slug, sessionId: expect.any(String), campaignId: null })
    expect(me.permissions).not.toContain('users:read')

    const read = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(read.lastLoginBrowser).toBe('Chrome 131 on Windows')
    expect(read.lastLoginIp).toBe(browser.address)
    expect(Date.now() - Date.parse(read.lastLoginAt)).toBeLessThan(60_000)

    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.sign_in`))
    expect(audit.items).toHaveLength(1)
    expect(audit.items[0]).toMatchObject({ actorId: user.id, clientIp: browser.address })

    // The account page lists the user's own sign-ins, failures included.
    expectProblem(await new Browser(env()).signIn(T.slug, user.username, 'not the password'), 401, 'invalid_credentials')
    const history = expectOk(await browser.get('/api/v1/me/sign-ins')).items
    expect(history).toHaveLength(2)
    expect(history[0]).toMatchObject({ outcome: 'failure', reason: 'wrong_password', browser: 'Chrome 131 on Windows' })
    expect(history[1]).toMatchObject({ outcome: 'success', reason: null, clientIp: browser.address, browser: 'Chrome 131 on Windows' })
  })

  it('gives one answer to every failed sign-in, whatever was wrong, and audits the real reason', async () => {
    const user = await userWithPassword()
    const inactive = await userWithPassword()
    expectOk(await T.admin.patch(`/api/v1/users/${inactive.id}`, { active: false }))
    const noPassword = expectOk(await T.admin.post('/api/v1/users', { username: unique('np'), roleId: T.roles.agent }), 201)
    const attempts: Array<[string, string, string]> = [
      [T.slug, user.username, 'wrong password 1'],
      [T.slug, unique('nobody'), PASSWORD],
      [T.slug, inactive.username, PASSWORD],
      [T.slug, noPassword.username, PASSWORD],
      [unique('no-tenant-'), user.username, PASSWORD],
    ]
    const details = new Set<string>()
    for (const [tenant, username, password] of attempts) {
      const answer = await new Browser(env()).signIn(tenant, username, password)
      const problem = expectProblem(answer, 401, 'invalid_credentials')
      expect(answer.headers['set-cookie']).toBeUndefined()
      details.add(JSON.stringify({ ...problem, instance: undefined }))
    }
    expect(details.size).toBe(1)
    const reasons = expectOk(await T.admin.get('/api/v1/audit?action=user.sign_in_failed&limit=200')).items
      .map((e: { changes: { reason: { new: string } } }) => e.changes.reason.new)
    expect(reasons).toEqual(expect.arrayContaining(['wrong_password', 'unknown_user', 'inactive', 'no_password']))
  })

  it('opens nothing but the sign-in steps until they are done: a temporary password must be changed first', async () => {
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('tmp'), roleId: T.roles.agent, firstName: 'Tamara' }), 201)
    const set = expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { generate: true }))
    expect(set.generatedPassword).toMatch(/^.{20}$/)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual(['update_password'])

    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(T.slug, user.username, set.generatedPassword))).toMatchObject({ status: 'pending', nextStep: 'update_password' })
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expect(expectOk(await browser.get('/api/v1/sign-in'))).toMatchObject({ status: 'pending', nextStep: 'update_password' })
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).lastLoginAt).toBeNull()

    // Every broken rule at once; the old password is refused as well.
    const weak = expectProblem(await browser.post('/api/v1/sign-in/password', { newPassword: 'tamara' }), 422, 'validation_failed')
    expect(weak.errors!.map((e) => e.code).sort()).toEqual(['password_contains_personal_info', 'password_too_short'])
    expect(weak.errors!.every((e) => e.path === 'newPassword')).toBe(true)
    expectProblem(await browser.post('/api/v1/sign-in/password', { newPassword: 'password1' }), 422, 'validation_failed')

    expect(expectOk(await browser.post('/api/v1/sign-in/password', { newPassword: PASSWORD }))).toMatchObject({ status: 'signed_in', nextStep: null })
    expectOk(await browser.get('/api/v1/me'))
    const after = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(after.requiredActions).toEqual([])
    expect(after.lastLoginAt).not.toBeNull()
    expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD))
  })

  it('lets a user with "choose campaign at login" pick one of their campaigns, part of the session and /me', async () => {
    const c1 = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Inbound ') }), 201)
    const c2 = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Outbound ') }), 201)
    const other = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Other ') }), 201)
    const user = await userWithPassword(T, { campaignIds: [c1.id, c2.id], chooseCampaignAtLogin: true })
    const browser = new Browser(env())
    const first = expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    expect(first).toMatchObject({ status: 'pending', nextStep: 'choose_campaign' })
    expect(first.campaigns.map((c: { id: string }) => c.id).sort()).toEqual([c1.id, c2.id].sort())
    expectProblem(await browser.post('/api/v1/sign-in/campaign', { campaignId: other.id }), 422, 'validation_failed')
    expectProblem(await browser.post('/api/v1/sign-in/password', { newPassword: 'Another good one 77' }), 409, 'wrong_sign_in_step')
    expect(expectOk(await browser.post('/api/v1/sign-in/campaign', { campaignId: c2.id }))).toMatchObject({ status: 'signed_in' })
    expect(expectOk(await browser.get('/api/v1/me')).campaignId).toBe(c2.id)
  })

  it('refuses a state-changing request made with the cookie but without the CSRF token', async () => {
    const user = await userWithPassword()
    const browser = await signedIn(user)
    const token = browser.csrfToken!
    const sessions = expectOk(await browser.get('/api/v1/me/sessions')).items
    browser.csrfToken = null
    expectProblem(await browser.call('DELETE', `/api/v1/me/sessions/${sessions[0].id}`), 403, 'csrf_failed')
    expectProblem(await browser.post('/api/v1/sign-out'), 403, 'csrf_failed')
    browser.csrfToken = 'x'.repeat(token.length)
    expectProblem(await browser.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'Some other one 42' }), 403, 'csrf_failed')
    expectOk(await browser.get('/api/v1/me'))
    browser.csrfToken = token
    expect((await browser.post('/api/v1/sign-out')).status).toBe(204)
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
  })

  it('lists and ends the user\'s own sessions, and lets an administrator end them all', async () => {
    const user = await userWithPassword()
    const first = await signedIn(user)
    const second = await signedIn(user)
    const listed = expectOk(await first.get('/api/v1/me/sessions')).items
    expect(listed).toHaveLength(2)
    expect(listed.filter((s: { current: boolean }) => s.current)).toHaveLength(1)
    expect(listed[0]).toMatchObject({ browser: 'Chrome 131 on Windows', authenticatedWith: 'password', state: 'active' })
    const secondId = listed.find((s: { current: boolean }) => !s.current).id
    expect((await first.call('DELETE', `/api/v1/me/sessions/${secondId}`)).status).toBe(204)
    expectProblem(await second.get('/api/v1/me'), 401, 'unauthenticated')
    expectOk(await first.get('/api/v1/me'))

    const third = await signedIn(user)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/sessions`)).items).toHaveLength(2)
    expect(expectOk(await T.admin.delete(`/api/v1/users/${user.id}/sessions`))).toEqual({ ended: 2 })
    expectProblem(await first.get('/api/v1/me'), 401, 'unauthenticated')
    expectProblem(await third.get('/api/v1/me'), 401, 'unauthenticated')
  })

  it('ends every session of a user whose password is changed, who is deactivated, or who is deleted', async () => {
    const user = await userWithPassword()
    let browser = await signedIn(user)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD + 'x', temporary: false }))
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: 'Back to the first 1', temporary: false }))
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))

    browser = await signedIn(user)
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { active: false }))
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { active: true }))
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')

    browser = await signedIn(user)
    expect((await T.admin.delete(`/api/v1/users/${user.id}`)).status).toBe(204)
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    const left = await env().db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
    expect(left).toEqual([])
  })

  it('keeps the session a user changes their own password in, and ends the others', async () => {
    const user = await userWithPassword()
    const here = await signedIn(user)
    const elsewhere = await signedIn(user)
    expectProblem(await here.post('/api/v1/me/password', { currentPassword: 'not it', newPassword: 'A new one for me 5' }), 422, 'validation_failed')
    expect((await here.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'A new one for me 5' })).status).toBe(204)
    expectOk(await here.get('/api/v1/me'))
    expectProblem(await elsewhere.get('/api/v1/me'), 401, 'unauthenticated')
    expectProblem(await new Browser(env()).signIn(T.slug, user.username, PASSWORD), 401, 'invalid_credentials')
    expectOk(await new Browser(env()).signIn(T.slug, user.username, 'A new one for me 5'))
  })

  it('ends a session that has been idle too long or reached its end', async () => {
    const user = await userWithPassword()
    const idle = await signedIn(user)
    const old = await signedIn(user)
    const rows = await env().db.selectFrom('sessions').select(['id', 'created_at']).where('user_id', '=', user.id).orderBy('created_at').execute()
    await env().db.updateTable('sessions').set({ idle_expires_at: Date.now() - 1 }).where('id', '=', rows[0]!.id).execute()
    await env().db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).where('id', '=', rows[1]!.id).execute()
    expectProblem(await idle.get('/api/v1/me'), 401, 'unauthenticated')
    expectProblem(await old.get('/api/v1/me'), 401, 'unauthenticated')
  })

  it('sets the session time-outs from the tenant\'s session policy', async () => {
    const tenant = await createTenant(env(), { sessionPolicy: { idleMinutes: 5, maxHours: 1 } })
    const user = await userWithPassword(tenant)
    const before = Date.now()
    await signedIn(user, tenant)
    const row = await env().db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.idle_expires_at - before).toBeGreaterThanOrEqual(5 * 60_000)
    expect(row.idle_expires_at - before).toBeLessThan(5 * 60_000 + 30_000)
    expect(row.expires_at - before).toBeGreaterThanOrEqual(3_600_000)
    expect(row.expires_at - before).toBeLessThan(3_600_000 + 30_000)
    // Only the hash of the cookie's secret is stored.
    const browser = new Browser(env())
    await browser.signIn(tenant.slug, user.username, PASSWORD)
    const stored = await env().db.selectFrom('sessions').select('secret_hash').execute()
    expect(stored.some((s) => s.secret_hash === browser.cookie)).toBe(false)
  })

  it('throttles a username after three failures with 429 and Retry-After, known or not', async () => {
    const tenant = await createTenant(env(), { lockoutPolicy: { mode: 'none' } })
    const user = await userWithPassword(tenant)
    for (const username of [user.username, unique('ghost')]) {
      const browser = new Browser(env())
      for (let i = 0; i < 4; i++) expectProblem(await browser.signIn(tenant.slug, username, `wrong ${i}`), 401, 'invalid_credentials')
      const throttled = await browser.signIn(tenant.slug, username, PASSWORD)
      expectProblem(throttled, 429, 'too_many_attempts')
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      // Another address is throttled as well: the count belongs to the username.
      expectProblem(await new Browser(env()).signIn(tenant.slug, username, PASSWORD), 429, 'too_many_attempts')
    }
    // Once the wait is over (here: set back), the right password goes through and clears the count.
    await env().db.updateTable('sign_in_counters').set({ blocked_until: 0 }).where('key', 'like', `name:${tenant.id}:%`).execute()
    expectOk(await new Browser(env()).signIn(tenant.slug, user.username, PASSWORD))
    const counter = await env().db.selectFrom('sign_in_counters').selectAll().where('key', '=', `name:${tenant.id}:${user.username.toLowerCase()}`).executeTakeFirstOrThrow()
    expect(counter.failures).toBe(0)
  })

  it('lets a whole floor sign in at once from one address (parallel right passwords are never throttled)', async () => {
    const users = await Promise.all(Array.from({ length: 16 }, () => userWithPassword()))
    const floor = new Browser(env()).address
    const answers = await Promise.all(users.map((u) => new Browser(env(), floor).signIn(T.slug, u.username, PASSWORD)))
    expect(answers.map((a) => a.status)).toEqual(users.map(() => 200))
    const counter = await env().db.selectFrom('sign_in_counters').selectAll().where('key', '=', `ip:${floor}`).executeTakeFirstOrThrow()
    expect(counter.failures).toBe(0)
  })

  it('counts 50 parallel wrong passwords as exactly 50, and checks only the first few', async () => {
    const tenant = await createTenant(env(), { lockoutPolicy: { mode: 'none' } })
    const user = await userWithPassword(tenant)
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => new Browser(env()).signIn(tenant.slug, user.username, `guess ${i}`)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(50)
    // Only attempts that no delay held back reached the password check.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4)
    const counter = await env().db.selectFrom('sign_in_counters').selectAll().where('key', '=', `name:${tenant.id}:${user.username.toLowerCase()}`).executeTakeFirstOrThrow()
    expect(counter.failures).toBe(50)
    const failures = expectOk(await tenant.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.sign_in_failed&limit=100`))
    expect(failures.total).toBe(50)
    // Lockout "none": the account is not locked, only throttled.
    const read = expectOk(await tenant.admin.get(`/api/v1/users/${user.id}`))
    expect(read).toMatchObject({ active: true, locked: false })
  })

  it('locks after N failures until an administrator unlocks ("lock"), even for the right password', async () => {
    const tenant = await createTenant(env(), { lockoutPolicy: { mode: 'lock', maxFailures: 5 } })
    const user = await userWithPassword(tenant)
    await Promise.all(Array.from({ length: 5 }, (_, i) => new Browser(env()).signIn(tenant.slug, user.username, `guess ${i}`)))
    const read = expectOk(await tenant.admin.get(`/api/v1/users/${user.id}`))
    expect(read).toMatchObject({ locked: true, lockedUntil: null, active: true })
    expect(expectOk(await tenant.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.lock`)).total).toBe(1)
    expectProblem(await new Browser(env()).signIn(tenant.slug, user.username, PASSWORD), 401, 'invalid_credentials')

    expect(expectOk(await tenant.admin.post(`/api/v1/users/${user.id}/unlock`, {}))).toEqual({ locked: false, lockedAt: null, lockedUntil: null })
    expectOk(await new Browser(env()).signIn(tenant.slug, user.username, PASSWORD))
    expect(expectOk(await tenant.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.unlock`)).total).toBe(1)
  })

  it('locks for T minutes ("temporary") and deactivates ("disable"), each after N failures', async () => {
    const temporary = await createTenant(env(), { lockoutPolicy: { mode: 'temporary', maxFailures: 3, lockMinutes: 20 } })
    const a = await userWithPassword(temporary)
    const a1 = await signedIn(a, temporary)
    const before = Date.now()
    await Promise.all(Array.from({ length: 3 }, (_, i) => new Browser(env()).signIn(temporary.slug, a.username, `guess ${i}`)))
    const locked = expectOk(await temporary.admin.get(`/api/v1/users/${a.id}`))
    expect(locked.locked).toBe(true)
    expect(Date.parse(locked.lockedUntil) - before).toBeGreaterThanOrEqual(20 * 60_000 - 1000)
    expect(Date.parse(locked.lockedUntil) - before).toBeLessThan(20 * 60_000 + 30_000)
    expectProblem(await a1.get('/api/v1/me'), 401, 'unauthenticated') // locking ends the sessions
    // When the time is up, the account opens by itself.
    await env().db.updateTable('users').set({ locked_until: Date.now() - 1 }).where('id', '=', a.id).execute()
    await env().db.updateTable('sign_in_counters').set({ blocked_until: 0 }).where('key', 'like', `name:${temporary.id}:%`).execute()
    expectOk(await new Browser(env()).signIn(temporary.slug, a.username, PASSWORD))

    const disable = await createTenant(env(), { lockoutPolicy: { mode: 'disable', maxFailures: 3 } })
    const b = await userWithPassword(disable)
    const counted = expectOk(await disable.admin.get('/api/v1/users?active=true')).total
    await Promise.all(Array.from({ length: 3 }, (_, i) => new Browser(env()).signIn(disable.slug, b.username, `guess ${i}`)))
    expect(expectOk(await disable.admin.get(`/api/v1/users/${b.id}`))).toMatchObject({ active: false, locked: false })
    expect(expectOk(await disable.admin.get('/api/v1/users?active=true')).total).toBe(counted - 1)
    expect(expectOk(await disable.admin.get(`/api/v1/audit?entityId=${b.id}&action=user.deactivate`)).total).toBe(1)
  })

  it('refuses a password that breaks the tenant\'s policy, every rule at once, and one of the last N', async () => {
    const tenant = await createTenant(env(), {
      passwordPolicy: { minLength: 12, requireUppercase: true, requireDigit: true, requireSymbol: true, historyCount: 2 },
    })
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('pol'), roleId: tenant.roles.agent, lastName: 'Vermeulen' }), 201)
    const url = `/api/v1/users/${user.id}/password`
    const bad = expectProblem(await tenant.admin.call('PUT', url, { password: 'vermeulen' }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => e.code).sort()).toEqual([
      'password_contains_personal_info', 'password_needs_digit', 'password_needs_symbol', 'password_needs_uppercase', 'password_too_short',
    ])
    expect(expectProblem(await T.admin.call('PUT', `/api/v1/users/${(await userWithPassword()).id}/password`, { password: 'TrustNo1' }), 422, 'validation_failed').errors!.map((e) => e.code)).toEqual(['password_too_common'])
    expectOk(await tenant.admin.call('PUT', url, { password: 'First-Good-One-1' }))
    expectOk(await tenant.admin.call('PUT', url, { password: 'Second-Good-One-2' }))
    expect(expectProblem(await tenant.admin.call('PUT', url, { password: 'First-Good-One-1' }), 422, 'validation_failed').errors!.map((e) => e.code)).toEqual(['password_reused'])
    expectOk(await tenant.admin.call('PUT', url, { password: 'Third-Good-One-3' }))
    expectOk(await tenant.admin.call('PUT', url, { password: 'First-Good-One-1' }))
    // Generated passwords meet the policy.
    const generated = expectOk(await tenant.admin.get('/api/v1/password-generator')).password as string
    expect(generated.length).toBeGreaterThanOrEqual(20)
    expectOk(await tenant.admin.call('PUT', url, { password: generated }))
    expectProblem(await tenant.admin.call('PUT', url, { password: 'x', generate: true }), 422, 'validation_failed')
  })

  it('lets the session routes ignore API keys: the steps belong to a browser', async () => {
    expectProblem(await T.admin.get('/api/v1/sign-in'), 401, 'no_sign_in')
    expectProblem(await T.admin.post('/api/v1/sign-out', {}), 401, 'no_sign_in')
    const browser = new Browser(env())
    browser.cookie = 'a'.repeat(43)
    expectProblem(await browser.get('/api/v1/sign-in'), 401, 'no_sign_in')
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
  })
})
