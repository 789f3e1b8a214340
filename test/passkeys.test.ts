// Passkeys (WebAuthn) through the API with real responses from a software authenticator (ES256,
// "none" attestation): registration on the account page, the second-factor step, the configure step,
// signing in with a passkey alone, the challenges (bound, single use, expiring), sign counters, audit
// and tenant isolation. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type Answer, type TenantFixture } from './api.js'
import { SoftAuthenticator } from './webauthn.js'

const PASSWORD = 'Correct horse battery 9'

/** The attempt cookie a passwordless options answer sets, as a Cookie header. */
function attemptCookie(answer: Answer): Record<string, string> {
  const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? [])
  const cookie = cookies.find((c) => c.startsWith('gatehouse_passkey_attempt='))
  expect(cookie, String(cookies)).toBeDefined()
  expect(cookie).toMatch(/HttpOnly/)
  expect(cookie).toMatch(/SameSite=Strict/)
  expect(cookie).toMatch(/Path=\/api\/v1\/sign-in\/passkey/)
  return { cookie: cookie!.split(';')[0]! }
}

describeEachEngine('passkeys', (env) => {
  let T: TenantFixture

  async function userWithPassword(tenant = T, fields: Record<string, unknown> = {}) {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('pk'), roleId: tenant.roles.agent, ...fields }), 201)
    expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))
    return user as { id: string; username: string }
  }

  async function signedIn(user: { username: string }, tenant = T): Promise<Browser> {
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(tenant.slug, user.username, PASSWORD)).status).toBe('signed_in')
    return browser
  }

  /** Registers a passkey on the account page of a signed-in browser. */
  async function addPasskey(browser: Browser, authenticator: SoftAuthenticator, name = 'Laptop') {
    const options = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    const { response, credential } = authenticator.register(options)
    return { added: expectOk(await browser.post('/api/v1/me/passkeys', { name, response })), credential, options }
  }

  const audit = async (tenant: TenantFixture, userId: string, action: string) =>
    expectOk(await tenant.admin.get(`/api/v1/audit?entityId=${userId}&action=${action}&limit=200`)).items as Array<{ changes: Record<string, { old: unknown; new: unknown }> }>

  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('registers several passkeys on the account page, names, renames and removes them, every change audited', async () => {
    const user = await userWithPassword()
    const browser = await signedIn(user)
    const authenticator = new SoftAuthenticator()
    const options = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expect(options).toMatchObject({ rp: { id: 'localhost', name: 'Gatehouse' }, user: { name: user.username }, attestation: 'none', timeout: 60_000 })
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(user.id)
    const { response } = authenticator.register(options)
    const first = expectOk(await browser.post('/api/v1/me/passkeys', { name: 'Laptop', response }))
    expect(first.factor).toMatchObject({ kind: 'webauthn', name: 'Laptop', lastUsedAt: null })
    expect(first.recoveryCodes).toHaveLength(10)

    // A second one: the first is excluded from the options, and no recovery codes come again.
    const second = await addPasskey(browser, authenticator, '  ')
    expect(second.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([response.id])
    expect(second.added).toMatchObject({ factor: { kind: 'webauthn', name: 'Passkey' }, recoveryCodes: null })
    const listed = expectOk(await browser.get('/api/v1/me/second-factors'))
    expect(listed.items.map((f: { name: string }) => f.name)).toEqual(['Laptop', 'Passkey'])
    expect(listed.recoveryCodesLeft).toBe(10)
    const stored = await env().db.selectFrom('second_factors').selectAll().where('user_id', '=', user.id).orderBy('created_at').execute()
    expect(stored[0]).toMatchObject({ kind: 'webauthn', confirmed: 1, sign_count: 0, secret: null, credential_id: response.id, transports: '["internal"]' })

    // The same authenticator again: refused.
    const again = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    const copy = authenticator.register(again)
    await env().db.updateTable('second_factors').set({ credential_id: copy.response.id }).where('id', '=', second.added.factor.id).execute()
    expectProblem(await browser.post('/api/v1/me/passkeys', { response: copy.response }), 409, 'passkey_already_registered')

    const renamed = expectOk(await browser.patch(`/api/v1/me/second-factors/${first.factor.id}`, { name: 'Work laptop' }))
    expect(renamed).toMatchObject({ id: first.factor.id, name: 'Work laptop', kind: 'webauthn' })
    expectProblem(await browser.patch(`/api/v1/me/second-factors/${first.factor.id}`, { name: '   ' }), 422, 'validation_failed')
    expectProblem(await browser.patch(`/api/v1/me/second-factors/${first.factor.id}`, { name: '' }), 422, 'validation_failed')
    expect((await audit(T, user.id, 'user.second_factor_rename'))[0]!.changes.name).toEqual({ old: 'Laptop', new: 'Work laptop' })
    expect(await audit(T, user.id, 'user.second_factor_add')).toHaveLength(2)

    expectOk(await browser.call('DELETE', `/api/v1/me/second-factors/${second.added.factor.id}`), 204)
    expect((await audit(T, user.id, 'user.second_factor_remove'))[0]!.changes.secondFactor).toEqual({ old: 'webauthn: Passkey', new: null })
    expect(expectOk(await browser.get('/api/v1/me/second-factors')).items).toHaveLength(1)

    // Another user cannot rename or remove it: as if it did not exist.
    const other = await signedIn(await userWithPassword())
    expectProblem(await other.patch(`/api/v1/me/second-factors/${first.factor.id}`, { name: 'mine' }), 404, 'second_factor_not_found')
    expectProblem(await other.call('DELETE', `/api/v1/me/second-factors/${first.factor.id}`), 404, 'second_factor_not_found')
  })

  it('uses each challenge once, for its own session only, until it expires; a response for another origin is refused', async () => {
    const user = await userWithPassword()
    const browser = await signedIn(user)
    const elsewhere = await signedIn(user)
    const authenticator = new SoftAuthenticator()
    // Single use: the same response twice.
    const options = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    const { response } = authenticator.register(options)
    expectOk(await browser.post('/api/v1/me/passkeys', { response }))
    expectProblem(await browser.post('/api/v1/me/passkeys', { response }), 422, 'passkey_expired')

    // Another session of the same user cannot answer this session's challenge.
    const mine = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expectProblem(await elsewhere.post('/api/v1/me/passkeys', { response: authenticator.register(mine).response }), 422, 'passkey_expired')
    // Only the newest challenge of a session works.
    const older = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expectProblem(await browser.post('/api/v1/me/passkeys', { response: authenticator.register(older).response }), 422, 'passkey_expired')

    // Expired (after the minute the browser was given).
    const late = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    await env().db.updateTable('webauthn_challenges').set({ expires_at: Date.now() - 1 }).where('challenge', '=', late.challenge).execute()
    expectProblem(await browser.post('/api/v1/me/passkeys', { response: authenticator.register(late).response }), 422, 'passkey_expired')

    // A challenge the server never gave, and a response made for another site.
    const made = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expectProblem(await browser.post('/api/v1/me/passkeys', { response: authenticator.register(made, { challenge: 'bm90LWdpdmVu' }).response }), 422, 'passkey_expired')
    const phishing = expectOk(await browser.post('/api/v1/me/passkeys/options', {}))
    expectProblem(await browser.post('/api/v1/me/passkeys', { response: authenticator.register(phishing, { origin: 'http://evil.example' }).response }), 422, 'passkey_refused')
    expect(expectOk(await browser.get('/api/v1/me/second-factors')).items).toHaveLength(1)
  })

  it('answers the second-factor step with a passkey; a clone (a sign counter that did not go up) is refused and audited', async () => {
    const user = await userWithPassword()
    const authenticator = new SoftAuthenticator()
    await addPasskey(await signedIn(user), authenticator)

    const browser = new Browser(env())
    const first = expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    expect(first).toMatchObject({ status: 'pending', nextStep: 'second_factor', secondFactorMethods: ['webauthn', 'recovery_code'] })
    const options = expectOk(await browser.post('/api/v1/sign-in/second-factor/passkey-options', {}))
    expect(options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentials[0]!.id.toString('base64url')])
    expect(options).toMatchObject({ rpId: 'localhost', timeout: 60_000 })
    const done = expectOk(await browser.post('/api/v1/sign-in/second-factor/passkey', { response: authenticator.assert(options) }))
    expect(done.status).toBe('signed_in')
    const session = expectOk(await browser.get('/api/v1/me/sessions')).items.find((s: { current: boolean }) => s.current)
    expect(session.authenticatedWith).toBe('password+webauthn')
    expect(expectOk(await browser.get('/api/v1/me/second-factors')).items[0].lastUsedAt).not.toBeNull()
    expect((await env().db.selectFrom('second_factors').select('sign_count').where('user_id', '=', user.id).executeTakeFirstOrThrow()).sign_count).toBe(1)

    // A copy of the key whose counter stays behind.
    const cloned = new Browser(env())
    expectOk(await cloned.signIn(T.slug, user.username, PASSWORD))
    const cloneOptions = expectOk(await cloned.post('/api/v1/sign-in/second-factor/passkey-options', {}))
    expectProblem(await cloned.post('/api/v1/sign-in/second-factor/passkey', { response: authenticator.assert(cloneOptions, { counter: 1 }) }), 422, 'passkey_refused')
    const failures = await audit(T, user.id, 'user.second_factor_failed')
    expect(failures[0]!.changes).toMatchObject({ reason: { new: 'passkey_cloned' }, method: { new: 'webauthn' } })
    // The step's challenge is spent; a new one and a counter ahead work.
    expectProblem(await cloned.post('/api/v1/sign-in/second-factor/passkey', { response: authenticator.assert(cloneOptions, { counter: 5 }) }), 422, 'passkey_expired')
    const retry = expectOk(await cloned.post('/api/v1/sign-in/second-factor/passkey-options', {}))
    expect(expectOk(await cloned.post('/api/v1/sign-in/second-factor/passkey', { response: authenticator.assert(retry, { counter: 6 }) })).status).toBe('signed_in')

    // Someone else's passkey does not answer this user's step; nor the step of another session.
    const stranger = new SoftAuthenticator()
    await addPasskey(await signedIn(await userWithPassword()), stranger)
    const third = new Browser(env())
    expectOk(await third.signIn(T.slug, user.username, PASSWORD))
    const thirdOptions = expectOk(await third.post('/api/v1/sign-in/second-factor/passkey-options', {}))
    expectProblem(await third.post('/api/v1/sign-in/second-factor/passkey', { response: stranger.assert({ ...thirdOptions, allowCredentials: [] }) }), 422, 'passkey_refused')
    const fourth = new Browser(env())
    expectOk(await fourth.signIn(T.slug, user.username, PASSWORD))
    const fourthOptions = expectOk(await fourth.post('/api/v1/sign-in/second-factor/passkey-options', {}))
    expectProblem(await third.post('/api/v1/sign-in/second-factor/passkey', { response: authenticator.assert(fourthOptions) }), 422, 'passkey_expired')
    expectProblem(await third.get('/api/v1/me'), 401, 'unauthenticated')

    // Not the step now: refused.
    const fresh = await signedIn(await userWithPassword())
    expectProblem(await fresh.post('/api/v1/sign-in/second-factor/passkey-options', {}), 409, 'wrong_sign_in_step')
  })

  it('lets a user whose tenant requires a second factor set up a passkey instead of an app, unless an administrator asked for an app', async () => {
    const tenant = await createTenant(env(), { secondFactorPolicy: { requiredForAll: true } })
    const user = await userWithPassword(tenant)
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(tenant.slug, user.username, PASSWORD))).toMatchObject({ nextStep: 'configure_totp', configureMethods: ['totp', 'webauthn'] })
    const authenticator = new SoftAuthenticator()
    const options = expectOk(await browser.post('/api/v1/sign-in/passkey-registration', {}))
    const done = expectOk(await browser.post('/api/v1/sign-in/passkey-registration/confirm', { name: 'Phone', response: authenticator.register(options).response }))
    expect(done).toMatchObject({ status: 'signed_in' })
    expect(done.recoveryCodes).toHaveLength(10)
    // The passkey is the second factor from now on.
    const next = new Browser(env())
    expect(expectOk(await next.signIn(tenant.slug, user.username, PASSWORD))).toMatchObject({ nextStep: 'second_factor', secondFactorMethods: ['webauthn', 'recovery_code'] })

    const asked = await userWithPassword(tenant, { requiredActions: ['configure_totp'] })
    const other = new Browser(env())
    expect(expectOk(await other.signIn(tenant.slug, asked.username, PASSWORD))).toMatchObject({ nextStep: 'configure_totp', configureMethods: ['totp'] })
    expectProblem(await other.post('/api/v1/sign-in/passkey-registration', {}), 409, 'authenticator_app_required')
  })

  it('signs in with a passkey alone where the tenant allows it: discoverable, the generic failure, throttled and audited; required actions follow', async () => {
    const off = await createTenant(env())
    expect(expectOk(await new Browser(env()).get(`/api/v1/sign-in/methods?tenant=${off.slug}`))).toEqual({ passkey: false })
    expect(expectOk(await new Browser(env()).get(`/api/v1/sign-in/methods?tenant=${unique('nope-')}`))).toEqual({ passkey: false })
    expectProblem(await new Browser(env()).post('/api/v1/sign-in/passkey/options', { tenant: off.slug }), 403, 'passkey_sign_in_off')
    expectProblem(await new Browser(env()).post('/api/v1/sign-in/passkey/options', { tenant: unique('nope-') }), 403, 'passkey_sign_in_off')
    expectProblem(await off.admin.patch(`/api/v1/tenants/${off.id}`, { settings: { passwordlessSignIn: 'yes' } }), 422, 'validation_failed')

    const tenant = await createTenant(env(), { passwordlessSignIn: true })
    expect(expectOk(await tenant.admin.get(`/api/v1/tenants/${tenant.id}`)).settings.passwordlessSignIn).toBe(true)
    expect(expectOk(await new Browser(env()).get(`/api/v1/sign-in/methods?tenant=${tenant.slug}`))).toEqual({ passkey: true })
    const user = await userWithPassword(tenant)
    const authenticator = new SoftAuthenticator()
    await addPasskey(await signedIn(user, tenant), authenticator)

    const browser = new Browser(env())
    const optionsAnswer = await browser.post('/api/v1/sign-in/passkey/options', { tenant: tenant.slug })
    const options = expectOk(optionsAnswer)
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required', timeout: 60_000 })
    expect(options.allowCredentials ?? []).toEqual([])
    const cookie = attemptCookie(optionsAnswer)
    const answer = await browser.call('POST', '/api/v1/sign-in/passkey', { response: authenticator.assert(options) }, cookie)
    expect(expectOk(answer)).toMatchObject({ status: 'signed_in', steps: [] })
    expect(String(answer.headers['set-cookie'])).toMatch(/gatehouse_session=/)
    const me = expectOk(await browser.get('/api/v1/me'))
    expect(me.user.id).toBe(user.id)
    expect(expectOk(await browser.get('/api/v1/me/sessions')).items.find((s: { current: boolean }) => s.current).authenticatedWith).toBe('passkey')
    expect(await audit(tenant, user.id, 'user.sign_in')).toHaveLength(2)

    // Without the attempt's cookie (another browser), or a second time: the challenge is not there.
    const other = new Browser(env())
    const theirs = expectOk(await other.post('/api/v1/sign-in/passkey/options', { tenant: tenant.slug }))
    expectProblem(await other.call('POST', '/api/v1/sign-in/passkey', { response: authenticator.assert(theirs) }), 422, 'passkey_expired')
    expectProblem(await browser.call('POST', '/api/v1/sign-in/passkey', { response: authenticator.assert(options) }, cookie), 422, 'passkey_expired')

    // Every failure: the one answer, the reason audited.
    const tryWith = async (make: (options: never) => object) => {
      const b = new Browser(env())
      const o = await b.post('/api/v1/sign-in/passkey/options', { tenant: tenant.slug })
      return b.call('POST', '/api/v1/sign-in/passkey', { response: make(expectOk(o) as never) }, attemptCookie(o))
    }
    const unknown = new SoftAuthenticator()
    unknown.register({ challenge: 'x', rp: {}, user: { id: Buffer.from(user.id).toString('base64url') } })
    expectProblem(await tryWith((o) => unknown.assert(o)), 401, 'invalid_credentials')
    expectProblem(await tryWith((o) => authenticator.assert(o, { userVerified: false })), 401, 'invalid_credentials')
    expectProblem(await tryWith((o) => authenticator.assert(o, { counter: 1 })), 401, 'invalid_credentials')
    // A user handle that is not the passkey's user.
    expectProblem(await tryWith((o) => {
      const assertion = authenticator.assert(o)
      return { ...assertion, response: { ...assertion.response, userHandle: Buffer.from(T.id).toString('base64url') } }
    }), 401, 'invalid_credentials')
    expectOk(await tenant.admin.patch(`/api/v1/users/${user.id}`, { active: false }))
    expectProblem(await tryWith((o) => authenticator.assert(o)), 401, 'invalid_credentials')
    expectOk(await tenant.admin.patch(`/api/v1/users/${user.id}`, { active: true }))
    const reasons = (await audit(tenant, user.id, 'user.sign_in_failed')).map((e) => e.changes.reason!.new)
    expect(reasons).toEqual(expect.arrayContaining(['wrong_passkey', 'passkey_cloned', 'inactive']))
    expect(reasons).not.toContain('unknown_passkey')
    const unknownEvents = expectOk(await tenant.admin.get('/api/v1/audit?action=user.sign_in_failed&entityType=passkey&limit=50'))
    expect(unknownEvents.items.map((e: { changes: { reason: { new: string } } }) => e.changes.reason.new)).toContain('unknown_passkey')

    // The same throttle as passwords: after the free attempts, 429 with Retry-After.
    let throttled: Answer | undefined
    for (let i = 0; i < 6 && !throttled; i++) {
      const result = await tryWith((o) => authenticator.assert(o, { userVerified: false }))
      if (result.status === 429) throttled = result
    }
    expect(throttled?.headers['retry-after']).toMatch(/^\d+$/)
    await env().db.updateTable('sign_in_counters').set({ failures: 0, blocked_until: 0 }).where('key', 'like', `name:${tenant.id}:%`).execute()

    // A passkey of a user of another tenant does not open this one (tenant isolation).
    const elsewhere = await createTenant(env(), { passwordlessSignIn: true })
    const stranger = await userWithPassword(elsewhere)
    const strangerKey = new SoftAuthenticator()
    await addPasskey(await signedIn(stranger, elsewhere), strangerKey)
    expectProblem(await tryWith((o) => strangerKey.assert(o)), 401, 'invalid_credentials')

    // Required actions and the campaign choice still follow.
    const campaign = expectOk(await tenant.admin.post('/api/v1/campaigns', { name: unique('Inbound ') }), 201)
    expectOk(await tenant.admin.patch(`/api/v1/users/${user.id}`, { requiredActions: ['update_profile'], campaignIds: [campaign.id], chooseCampaignAtLogin: true }))
    const withSteps = await tryWith((o) => authenticator.assert(o))
    expect(expectOk(withSteps)).toMatchObject({ status: 'pending', steps: ['update_profile', 'choose_campaign'] })
  })

  it('removes passkeys when an administrator resets a user\'s second factors', async () => {
    const user = await userWithPassword()
    const authenticator = new SoftAuthenticator()
    const browser = await signedIn(user)
    await addPasskey(browser, authenticator)
    await addPasskey(browser, authenticator, 'Key 2')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`)).items.map((f: { kind: string }) => f.kind)).toEqual(['webauthn', 'webauthn'])
    expect(expectOk(await T.admin.delete(`/api/v1/users/${user.id}/second-factors`))).toEqual({ removed: 2 })
    expect(expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
  })

  it('keeps the passkey routes of the sign-in to this browser\'s session: no cookie, an API key, or no CSRF token are refused', async () => {
    const sessionRoutes = ['/api/v1/sign-in/second-factor/passkey-options', '/api/v1/sign-in/second-factor/passkey', '/api/v1/sign-in/passkey-registration',
      '/api/v1/sign-in/passkey-registration/confirm', '/api/v1/sign-in/profile', '/api/v1/sign-in/email/code', '/api/v1/sign-in/email/verify']
    const user = await userWithPassword(T, { requiredActions: ['update_profile'] })
    const pending = new Browser(env())
    expectOk(await pending.signIn(T.slug, user.username, PASSWORD))
    const token = pending.csrfToken
    for (const url of sessionRoutes) {
      expectProblem(await new Browser(env()).post(url, {}), 401, 'no_sign_in')
      expectProblem(await T.admin.post(url, {}), 401, 'no_sign_in')
      pending.csrfToken = null
      expectProblem(await pending.post(url, {}), 403, 'csrf_failed')
      pending.csrfToken = token
    }
    // The account routes want a signed-in user; a pending session is not one.
    expectProblem(await pending.post('/api/v1/me/passkeys/options', {}), 401, 'unauthenticated')
  })
})
