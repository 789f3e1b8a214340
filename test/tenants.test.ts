import { expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique } from './api.js'

describeEachEngine('tenants', (env) => {
  const platform = () => new Client(env(), env().platformKey)

  it('creates a tenant with default settings and the six built-in roles', async () => {
    const slug = unique('acme-')
    const created = await platform().post('/api/v1/tenants', { slug, name: 'Acme Contact Centre' })
    const tenant = expectOk(created, 201)
    expect(created.headers.etag).toBe('"v1"')
    expect(tenant.settings).toMatchObject({ timeZone: 'UTC', locale: 'en', usernameRule: 'default', emailRequired: false })
    expect(tenant.settings.passwordPolicy).toMatchObject({ minLength: 8, maxLength: 128 })
    const roles = expectOk(await platform().get(`/api/v1/roles?tenant=${slug}`))
    expect(roles.items.map((r: { name: string }) => r.name).sort()).toEqual([
      'Administrator', 'Agent', 'Campaign Administrator', 'Contact Centre Manager', 'Quality Manager', 'Team Leader / Supervisor',
    ])
  })

  it('refuses a taken slug with 409 slug_taken', async () => {
    const slug = unique('dup-')
    expectOk(await platform().post('/api/v1/tenants', { slug, name: 'One' }), 201)
    const body = expectProblem(await platform().post('/api/v1/tenants', { slug, name: 'Two' }), 409, 'slug_taken')
    expect(body.errors?.[0]?.path).toBe('slug')
  })

  it('validates every setting and reports all failing fields at once', async () => {
    const answer = await platform().post('/api/v1/tenants', {
      slug: 'Not A Slug', name: '', extra: true,
      settings: { timeZone: 'Mars/Olympus', locale: 'not a locale', usernameRule: 'upper', passwordPolicy: { minLength: 4, maxLength: 32 }, lockoutPolicy: { mode: 'forever', maxFailures: 0 } },
    })
    const body = expectProblem(answer, 422, 'validation_failed')
    const byPath = Object.fromEntries(body.errors!.map((e) => [e.path, e.code]))
    expect(byPath).toEqual({
      slug: 'invalid_slug', name: 'required', extra: 'unknown_field',
      'settings.timeZone': 'invalid_timezone', 'settings.locale': 'invalid_locale', 'settings.usernameRule': 'invalid_value',
      'settings.passwordPolicy.minLength': 'out_of_range', 'settings.passwordPolicy.maxLength': 'out_of_range',
      'settings.lockoutPolicy.mode': 'invalid_value', 'settings.lockoutPolicy.maxFailures': 'out_of_range',
    })
  })

  it('refuses a minimum password length above the maximum', async () => {
    const body = expectProblem(await platform().post('/api/v1/tenants', {
      slug: unique('pw-'), name: 'x', settings: { passwordPolicy: { minLength: 100, maxLength: 64 } },
    }), 422, 'validation_failed')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'settings.passwordPolicy.minLength', code: 'out_of_range' })])
  })

  it('merges settings changes, honours If-Match and audits the changed fields', async () => {
    const tenant = await createTenant(env())
    const read = await platform().get(`/api/v1/tenants/${tenant.id}`)
    const etag = String(read.headers.etag)
    const changed = expectOk(await platform().patch(`/api/v1/tenants/${tenant.id}`, { settings: { usernameRule: 'lowercase', passwordPolicy: { minLength: 12 } } }, { 'if-match': etag }))
    expect(changed.settings.usernameRule).toBe('lowercase')
    expect(changed.settings.passwordPolicy).toMatchObject({ minLength: 12, maxLength: 128 })
    expectProblem(await platform().patch(`/api/v1/tenants/${tenant.id}`, { name: 'stale' }, { 'if-match': etag }), 412, 'version_conflict')
    const audit = expectOk(await platform().get(`/api/v1/audit?tenant=${tenant.slug}&entityType=tenant&action=tenant.update`))
    expect(audit.items[0].changes).toEqual({
      'settings.usernameRule': { old: 'default', new: 'lowercase' },
      'settings.passwordPolicy.minLength': { old: 8, new: 12 },
    })
  })

  it('lets a tenant administrator change settings but not slug or active state, and hides other tenants', async () => {
    const tenant = await createTenant(env())
    const other = await createTenant(env())
    expectOk(await tenant.admin.patch(`/api/v1/tenants/${tenant.id}`, { settings: { emailRequired: true } }))
    expectProblem(await tenant.admin.patch(`/api/v1/tenants/${tenant.id}`, { active: false }), 403, 'forbidden')
    expectProblem(await tenant.admin.get(`/api/v1/tenants/${other.id}`), 404, 'tenant_not_found')
    expectProblem(await tenant.admin.get('/api/v1/tenants'), 403, 'forbidden')
  })

  it('protects the platform tenant from deactivation', async () => {
    const list = expectOk(await platform().get('/api/v1/tenants?q=system'))
    const system = list.items.find((t: { slug: string }) => t.slug === 'system')
    expectProblem(await platform().patch(`/api/v1/tenants/${system.id}`, { active: false }), 409, 'platform_tenant_protected')
  })

  it('lists tenants with paging and a total', async () => {
    for (let i = 0; i < 3; i++) await platform().post('/api/v1/tenants', { slug: unique('page-'), name: 'paged' })
    const first = expectOk(await platform().get('/api/v1/tenants?q=page-&limit=2'))
    expect(first.total).toBeGreaterThanOrEqual(3)
    expect(first.items).toHaveLength(2)
    const next = expectOk(await platform().get(`/api/v1/tenants?q=page-&limit=2&cursor=${first.nextCursor}`))
    expect(next.items[0].slug > first.items[1].slug).toBe(true)
  })
})
