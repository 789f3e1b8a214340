// The self-service account: a user changes their own locale, time zone and the profile fields the
// tenant allows, and nothing else. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'

describeEachEngine('account', (env) => {
  let T: TenantFixture

  async function signedInUser(fields: Record<string, unknown> = {}) {
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('a'), roleId: T.roles.agent, ...fields }), 201)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
    return { user, browser }
  }

  beforeAll(async () => {
    T = await createTenant(env(), { selfService: { editableFields: ['displayName', 'mobilePhone', 'email'] }, locale: 'de', timeZone: 'Europe/Berlin' })
  })

  it('tells which fields the user may edit, and changes locale, time zone and allowed fields, audited', async () => {
    const { user, browser } = await signedInUser()
    const me = expectOk(await browser.get('/api/v1/me'))
    expect(me.editableFields).toEqual(['locale', 'timeZone', 'displayName', 'mobilePhone', 'email'])
    // What applies while the user's own are null (the pages' language and time zone).
    expect(me).toMatchObject({ tenantLocale: 'de', tenantTimeZone: 'Europe/Berlin', user: { locale: null, timeZone: null } })

    const changed = expectOk(await browser.patch('/api/v1/me', { locale: 'nl', timeZone: 'Europe/Amsterdam', displayName: 'Annie', mobilePhone: '0031612345678' }))
    expect(changed).toMatchObject({ locale: 'nl', timeZone: 'Europe/Amsterdam', displayName: 'Annie', mobilePhone: '+31612345678' })
    const read = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(read).toMatchObject({ locale: 'nl', displayName: 'Annie', updatedBy: user.id })
    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.update`)).items
    expect(audit[0]).toMatchObject({ actorId: user.id })
    expect(Object.keys(audit[0].changes).sort()).toEqual(['displayName', 'locale', 'mobilePhone', 'timeZone'])
  })

  it('refuses fields the tenant does not let users edit, and every invalid value, all at once, changing nothing', async () => {
    const { user, browser } = await signedInUser({ firstName: 'Ann' })
    const before = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    const refused = expectProblem(await browser.patch('/api/v1/me', { firstName: 'Queen', jobTitle: 'Boss', displayName: 'ok' }), 422, 'validation_failed')
    expect(refused.errors!.map((e) => [e.path, e.code]).sort()).toEqual([['firstName', 'not_editable'], ['jobTitle', 'not_editable']])
    const invalid = expectProblem(await browser.patch('/api/v1/me', { timeZone: 'Mars/Olympus', locale: 'no such locale!' }), 422, 'validation_failed')
    expect(invalid.errors!.map((e) => e.path).sort()).toEqual(['locale', 'timeZone'])
    // Role, activity and the like are not part of the own-profile schema at all.
    expectProblem(await browser.patch('/api/v1/me', { roleId: T.roles.administrator }), 422, 'validation_failed')
    expectProblem(await browser.patch('/api/v1/me', { active: false }), 422, 'validation_failed')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toEqual(before)
  })

  it('marks a changed email address unverified again, and keeps it verified when it stays the same', async () => {
    const { user, browser } = await signedInUser({ email: `${unique('m')}@example.com`, emailVerified: true })
    expect(expectOk(await browser.patch('/api/v1/me', { email: user.email.toUpperCase() })).emailVerified).toBe(true)
    const changed = expectOk(await browser.patch('/api/v1/me', { email: `${unique('n')}@example.com` }))
    expect(changed.emailVerified).toBe(false)
  })

  it('needs a signed-in user and the CSRF token with a cookie', async () => {
    expectProblem(await new Browser(env()).patch('/api/v1/me', { locale: 'de' }), 401, 'unauthenticated')
    const { browser } = await signedInUser()
    browser.csrfToken = null
    expectProblem(await browser.patch('/api/v1/me', { locale: 'de' }), 403, 'csrf_failed')
  })
})
