// Required actions (Eleveo's list) that an administrator sets on a user: validated and audited, done
// once after the credentials and before the session opens, each taken off the list when done. The
// automatic ones (a password set by an administrator, an expired password, a required second factor)
// go on as before. verify_email with one-time codes from the outbox; update_profile checked as an
// administrator's edit. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { totpCode } from '../src/second-factors/totp.js'
import { readOutbox } from '../src/messages/service.js'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'

describeEachEngine('required actions', (env) => {
  let T: TenantFixture

  async function userWith(fields: Record<string, unknown> = {}, tenant = T) {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('ra'), roleId: tenant.roles.agent, ...fields }), 201)
    expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))
    return user as { id: string; username: string; email: string | null }
  }

  async function pending(user: { username: string }, tenant = T) {
    const browser = new Browser(env())
    const answer = expectOk(await browser.signIn(tenant.slug, user.username, PASSWORD))
    return { browser, answer }
  }

  const codeTo = (to: string) => {
    const messages = readOutbox(env().outboxFile).filter((m) => m.to === to)
    return /\b(\d{8})\b/.exec(messages[messages.length - 1]?.text ?? '')?.[1]
  }
  const audit = async (userId: string, action: string) =>
    expectOk(await T.admin.get(`/api/v1/audit?entityId=${userId}&action=${action}&limit=200`)).items as Array<{ changes: Record<string, { old: unknown; new: unknown }> }>

  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('lets an administrator set and clear required actions from the catalogue, validated and audited with old and new values', async () => {
    const bad = expectProblem(await T.admin.post('/api/v1/users', { username: unique('bad'), requiredActions: ['verify_email', 'dance', 'verify_email'] }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['requiredActions[1]']))
    expect(bad.errors!.some((e) => e.path === 'requiredActions' && e.code === 'duplicate')).toBe(true)
    expectProblem(await T.admin.post('/api/v1/users', { username: unique('bad'), requiredActions: 'verify_email' }), 422, 'validation_failed')

    const created = expectOk(await T.admin.post('/api/v1/users', { username: unique('ra'), requiredActions: ['update_profile', 'verify_email'] }), 201)
    expect(created.requiredActions).toEqual(['verify_email', 'update_profile'])
    expect((await audit(created.id, 'user.create'))[0]!.changes.requiredActions).toEqual({ old: null, new: ['verify_email', 'update_profile'] })

    const patched = expectOk(await T.admin.patch(`/api/v1/users/${created.id}`, { requiredActions: ['configure_totp', 'update_password', 'verify_email', 'update_profile'] }))
    expect(patched.requiredActions).toEqual(['update_password', 'configure_totp', 'verify_email', 'update_profile'])
    expectProblem(await T.admin.patch(`/api/v1/users/${created.id}`, { requiredActions: ['update_profile', 'nope'] }), 422, 'validation_failed')
    const cleared = expectOk(await T.admin.patch(`/api/v1/users/${created.id}`, { requiredActions: [] }))
    expect(cleared.requiredActions).toEqual([])
    const updates = await audit(created.id, 'user.update')
    expect(updates.map((e) => e.changes.requiredActions)).toEqual([
      { old: ['update_password', 'configure_totp', 'verify_email', 'update_profile'], new: [] },
      { old: ['verify_email', 'update_profile'], new: ['update_password', 'configure_totp', 'verify_email', 'update_profile'] },
    ])

    // users:write is needed; an agent's key cannot set them.
    const agent = await userWith()
    const agentKey = expectOk(await T.admin.post('/api/v1/api-keys', { name: 'agent', userId: agent.id }), 201).key
    const answer = await env().app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.id}`, payload: { requiredActions: [] }, headers: { authorization: `Bearer ${agentKey}` } })
    expect(answer.statusCode).toBe(403)
    // Another tenant's administrator: as if the user did not exist.
    const other = await createTenant(env())
    expectProblem(await other.admin.patch(`/api/v1/users/${agent.id}`, { requiredActions: ['verify_email'] }), 404, 'user_not_found')
    expect(expectOk(await T.admin.get(`/api/v1/users/${agent.id}`)).requiredActions).toEqual([])
  })

  it('asks for each action once, after the second factor and before the campaign, in a fixed order; the session opens after the last', async () => {
    const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Inbound ') }), 201)
    const user = await userWith({ email: `${unique('o')}@example.com` })
    // A second factor first (on the account page), then every action.
    const own = new Browser(env())
    expectOk(await own.signIn(T.slug, user.username, PASSWORD))
    const enrolment = expectOk(await own.post('/api/v1/me/totp', { name: 'Phone' }))
    expectOk(await own.post(`/api/v1/me/totp/${enrolment.id}/confirm`, { code: totpCode(enrolment.secret, Date.now() - 30_000) }))
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, {
      requiredActions: ['verify_email', 'update_profile', 'configure_totp', 'update_password'], campaignIds: [campaign.id], chooseCampaignAtLogin: true,
    }))

    const { browser, answer } = await pending(user)
    expect(answer).toMatchObject({ status: 'pending', steps: ['second_factor', 'update_password', 'configure_totp', 'update_profile', 'verify_email', 'choose_campaign'] })
    expectProblem(await browser.post('/api/v1/sign-in/profile', { firstName: 'Early' }), 409, 'wrong_sign_in_step')
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expect(expectOk(await browser.post('/api/v1/sign-in/second-factor', { method: 'totp', code: totpCode(enrolment.secret) })).nextStep).toBe('update_password')
    const afterPassword = expectOk(await browser.post('/api/v1/sign-in/password', { newPassword: 'A brand new passphrase 7' }))
    expect(afterPassword).toMatchObject({ nextStep: 'configure_totp', configureMethods: ['totp'] })
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual(['configure_totp', 'verify_email', 'update_profile'])
    const second = expectOk(await browser.post('/api/v1/sign-in/totp', {}))
    const afterTotp = expectOk(await browser.post('/api/v1/sign-in/totp/confirm', { id: second.id, code: totpCode(second.secret) }))
    expect(afterTotp).toMatchObject({ nextStep: 'update_profile', profile: { email: user.email, firstName: '', locale: null } })
    const afterProfile = expectOk(await browser.post('/api/v1/sign-in/profile', { firstName: 'Ria', lastName: 'de Vries', email: user.email, mobilePhone: null, locale: 'nl', timeZone: 'Europe/Amsterdam' }))
    expect(afterProfile).toMatchObject({ nextStep: 'verify_email', email: user.email })
    expectOk(await browser.post('/api/v1/sign-in/email/code', {}))
    const afterEmail = expectOk(await browser.post('/api/v1/sign-in/email/verify', { code: codeTo(user.email!) }))
    expect(afterEmail).toMatchObject({ nextStep: 'choose_campaign' })
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expect(expectOk(await browser.post('/api/v1/sign-in/campaign', { campaignId: campaign.id })).status).toBe('signed_in')

    const after = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(after).toMatchObject({ requiredActions: [], firstName: 'Ria', lastName: 'de Vries', locale: 'nl', timeZone: 'Europe/Amsterdam', emailVerified: true })
    const completed = (await audit(user.id, 'user.required_action_complete')).map((e) => e.changes.completed!.new).reverse()
    expect(completed).toEqual(['update_password', 'configure_totp', 'update_profile', 'verify_email'])
    // Done once: the next sign-in asks only for the second factor and the campaign.
    const next = await new Browser(env()).signIn(T.slug, user.username, 'A brand new passphrase 7')
    expect(expectOk(next)).toMatchObject({ steps: ['second_factor', 'choose_campaign'] })
  })

  it('checks update_profile as an administrator\'s edit would, every failing field at once; a changed email is unverified again', async () => {
    const taken = await userWith({ email: `${unique('t')}@example.com` })
    const user = await userWith({ email: `${unique('p')}@example.com`, emailVerified: true, requiredActions: ['update_profile'] })
    const { browser, answer } = await pending(user)
    expect(answer).toMatchObject({ nextStep: 'update_profile', profile: { email: user.email } })
    const bad = expectProblem(await browser.post('/api/v1/sign-in/profile', { firstName: 'R0b<ert>', email: 'not-an-email', mobilePhone: '12', timeZone: 'Mars/Olympus', locale: 'xx-invalid-' }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['email', 'firstName', 'locale', 'mobilePhone', 'timeZone'])
    expectProblem(await browser.post('/api/v1/sign-in/profile', { email: taken.email }), 409, 'email_taken')
    expectProblem(await browser.post('/api/v1/sign-in/profile', { roleId: T.roles.administrator }), 422, 'validation_failed')
    const done = expectOk(await browser.post('/api/v1/sign-in/profile', { firstName: 'Robert', lastName: 'Jansen', email: `${unique('new')}@example.com`, mobilePhone: '+31 6 1234 5678', locale: 'en', timeZone: 'UTC' }))
    expect(done.status).toBe('signed_in')
    const after = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(after).toMatchObject({ firstName: 'Robert', lastName: 'Jansen', mobilePhone: '+31612345678', emailVerified: false, requiredActions: [] })
    const update = (await audit(user.id, 'user.update'))[0]!.changes
    expect(update).toMatchObject({ firstName: { old: '', new: 'Robert' }, emailVerified: { old: true, new: false } })
    expect((await audit(user.id, 'user.required_action_complete'))[0]!.changes.requiredActions).toEqual({ old: ['update_profile'], new: [] })
  })

  it('verifies the email address with a one-time code: single use, five tries, fifteen minutes, one a minute; asks for an address when there is none', async () => {
    const user = await userWith({ email: `${unique('v')}@example.com`, requiredActions: ['verify_email'] })
    const { browser, answer } = await pending(user)
    expect(answer).toMatchObject({ nextStep: 'verify_email', email: user.email })
    expectProblem(await browser.post('/api/v1/sign-in/email/code', { email: 'another@example.com' }), 422, 'validation_failed')
    const sent = expectOk(await browser.post('/api/v1/sign-in/email/code', {}))
    expect(sent.sentTo).toBe(user.email)
    expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000)
    const code = codeTo(user.email!)!
    expect(code).toMatch(/^\d{8}$/)
    const stored = await env().db.selectFrom('one_time_codes').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.purpose).toBe('verify_email')
    expect(stored.code_hash).not.toContain(code)
    // One a minute.
    const again = expectProblem(await browser.post('/api/v1/sign-in/email/code', {}), 429, 'too_many_attempts')
    expect(again).toBeDefined()
    // Five tries: four wrong ones leave the right one working…
    const wrong = code === '00000000' ? '11111111' : '00000000'
    for (let i = 0; i < 4; i++) expectProblem(await browser.post('/api/v1/sign-in/email/verify', { code: wrong }), 422, 'validation_failed')
    expect(expectOk(await browser.post('/api/v1/sign-in/email/verify', { code: ` ${code.slice(0, 4)} ${code.slice(4)} ` })).status).toBe('signed_in')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ emailVerified: true, requiredActions: [] })
    expect(await audit(user.id, 'user.email_verify')).toHaveLength(1)
    // …and it is spent.
    const reused = await userWith({ email: `${unique('w')}@example.com`, requiredActions: ['verify_email'] })
    const r = await pending(reused)
    expectOk(await r.browser.post('/api/v1/sign-in/email/code', {}))
    const reusedCode = codeTo(reused.email!)!
    for (let i = 0; i < 5; i++) expectProblem(await r.browser.post('/api/v1/sign-in/email/verify', { code: reusedCode === '12345678' ? '87654321' : '12345678' }), 422, 'validation_failed')
    // The sixth try, even with the right code, is refused: the code died at the fifth.
    expect(expectProblem(await r.browser.post('/api/v1/sign-in/email/verify', { code: reusedCode }), 422, 'validation_failed').errors![0]!.code).toBe('invalid_code')

    // Fifteen minutes.
    const late = await userWith({ email: `${unique('l')}@example.com`, requiredActions: ['verify_email'] })
    const l = await pending(late)
    expectOk(await l.browser.post('/api/v1/sign-in/email/code', {}))
    await env().db.updateTable('one_time_codes').set({ expires_at: Date.now() - 1 }).where('user_id', '=', late.id).execute()
    expectProblem(await l.browser.post('/api/v1/sign-in/email/verify', { code: codeTo(late.email!) }), 422, 'validation_failed')
    expect(expectOk(await T.admin.get(`/api/v1/users/${late.id}`)).emailVerified).toBe(false)

    // No address: the step asks for one (checked as an administrator's edit), then sends the code there.
    const bare = await userWith({ requiredActions: ['verify_email'] })
    const b = await pending(bare)
    expect(b.answer).toMatchObject({ nextStep: 'verify_email', email: null })
    expect(expectProblem(await b.browser.post('/api/v1/sign-in/email/code', {}), 422, 'validation_failed').errors![0]).toMatchObject({ path: 'email', code: 'required' })
    expectProblem(await b.browser.post('/api/v1/sign-in/email/code', { email: 'nope' }), 422, 'validation_failed')
    expectProblem(await b.browser.post('/api/v1/sign-in/email/code', { email: user.email }), 409, 'email_taken')
    const address = `${unique('bare')}@example.com`
    expect(expectOk(await b.browser.post('/api/v1/sign-in/email/code', { email: address })).sentTo).toBe(address)
    expect(expectOk(await T.admin.get(`/api/v1/users/${bare.id}`))).toMatchObject({ email: address, emailVerified: false })
    expect(expectOk(await b.browser.post('/api/v1/sign-in/email/verify', { code: codeTo(address) })).status).toBe('signed_in')
    expect(expectOk(await T.admin.get(`/api/v1/users/${bare.id}`)).emailVerified).toBe(true)
  })

  it('does not let a code sent to an old address verify a new one', async () => {
    const user = await userWith({ email: `${unique('old')}@example.com`, requiredActions: ['verify_email'] })
    const { browser } = await pending(user)
    expectOk(await browser.post('/api/v1/sign-in/email/code', {}))
    const code = codeTo(user.email!)
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { email: `${unique('new')}@example.com` }))
    expectProblem(await browser.post('/api/v1/sign-in/email/verify', { code }), 422, 'validation_failed')
  })

  it('keeps the automatic actions: a password set by an administrator, an expired password, a second factor the tenant requires', async () => {
    const tenant = await createTenant(env(), { passwordPolicy: { maxAgeDays: 30 }, secondFactorPolicy: { requiredForAll: true } })
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('auto'), roleId: tenant.roles.agent }), 201)
    const { generatedPassword } = expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { generate: true }))
    expect(expectOk(await tenant.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual(['update_password'])
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(tenant.slug, user.username, generatedPassword))).toMatchObject({ steps: ['update_password', 'configure_totp'], })
    expectOk(await browser.post('/api/v1/sign-in/password', { newPassword: PASSWORD }))
    expect(expectOk(await tenant.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual([])
    // Past the maximum age: a new password again, though no action is listed.
    await env().db.updateTable('users').set({ password_changed_at: Date.now() - 31 * 86_400_000 }).where('id', '=', user.id).execute()
    const expired = expectOk(await new Browser(env()).signIn(tenant.slug, user.username, PASSWORD))
    expect(expired, JSON.stringify(expired)).toMatchObject({ steps: ['update_password', 'configure_totp'] })
  })
})
