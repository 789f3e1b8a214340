// Kinds of account (Puzzel's user types): people (agent) and machines (wallboard, bot, api), which
// authenticate with API keys only; the list filters by kind and by quality monitoring, with exact
// totals through changes. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Browser, Client, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

type Json = Record<string, any>

describeEachEngine('kinds of account', (env) => {
  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
    // After its administrator (who has no address) exists.
    expectOk(await new Client(env(), env().platformKey).patch(`/api/v1/tenants/${T.id}`, { settings: { emailRequired: true } }))
  })
  const create = async (body: Json) => expectOk(await T.admin.post('/api/v1/users', { username: unique('k'), roleId: T.roles.agent, email: `${unique('e')}@example.com`, ...body }), 201)

  it('makes machine accounts without email, keeps the kind, and gives them API keys only', async () => {
    const bot = expectOk(await T.admin.post('/api/v1/users', { username: unique('bot'), kind: 'bot', roleId: T.roles.agent }), 201)
    expect(bot).toMatchObject({ kind: 'bot', email: null })
    expect((await create({})).kind).toBe('agent')
    // People still need the address the tenant requires.
    expectProblem(await T.admin.post('/api/v1/users', { username: unique('p'), roleId: T.roles.agent }), 422, 'validation_failed')
    // The kind is set once.
    const changed = expectProblem(await T.admin.patch(`/api/v1/users/${bot.id}`, { kind: 'agent' }), 422, 'validation_failed')
    expect(changed.errors!.map((e) => e.path)).toEqual(['kind'])

    expectProblem(await T.admin.call('PUT', `/api/v1/users/${bot.id}/password`, { password: 'Correct horse battery 9' }), 409, 'machine_account')
    expectProblem(await T.admin.call('PUT', `/api/v1/users/${bot.id}/password`, { generate: true }), 409, 'machine_account')
    const wallboard = expectOk(await T.admin.post('/api/v1/users', { username: unique('wb'), kind: 'wallboard', roleId: T.roles.agent, email: `${unique('w')}@example.com` }), 201)
    expectProblem(await T.admin.post(`/api/v1/users/${wallboard.id}/invitation`, { channel: 'email' }), 409, 'machine_account')
    const actions = expectProblem(await T.admin.patch(`/api/v1/users/${wallboard.id}`, { requiredActions: ['verify_email'] }), 422, 'validation_failed')
    expect(actions.errors!.map((e) => [e.path, e.code])).toEqual([['requiredActions', 'machine_account']])
    expectProblem(await new Browser(env()).signIn(T.slug, bot.username, 'anything at all'), 401, 'invalid_credentials')

    const key = expectOk(await T.admin.post('/api/v1/api-keys', { name: 'bot key', userId: bot.id }), 201).key
    const asBot = new Client(env(), key)
    expect(expectOk(await asBot.get('/api/v1/me')).user).toMatchObject({ id: bot.id, kind: 'bot' })
    expectProblem(await asBot.post('/api/v1/me/totp', {}), 409, 'machine_account')
    expectProblem(await asBot.post('/api/v1/me/passkeys/options', {}), 409, 'machine_account')
    expect(expectOk(await asBot.get('/api/v1/me/second-factors')).items).toEqual([])
  })

  it('filters by kind and by quality monitoring, totals exact through changes and deletes, both in the CSV', async () => {
    const t = await createTenant(env())
    const made: Json[] = []
    for (const [kind, qm] of [['agent', true], ['agent', false], ['agent', true], ['bot', false], ['api', true], ['wallboard', false], ['bot', true]] as const) {
      made.push(expectOk(await t.admin.post('/api/v1/users', { username: unique('f'), kind, qualityMonitoring: qm, roleId: t.roles.agent }), 201))
    }
    expectOk(await t.admin.patch(`/api/v1/users/${made[0]!.id}`, { qualityMonitoring: false, active: false }))
    expectOk(await t.admin.patch(`/api/v1/users/${made[3]!.id}`, { qualityMonitoring: true }))
    expectOk(await t.admin.delete(`/api/v1/users/${made[6]!.id}`), 204)
    const failures: string[] = []
    const expected: Record<string, number> = {
      'kind=bot': 1, 'kind=agent': 4 /* with the tenant's administrator */, 'kind=api': 1, 'kind=wallboard': 1,
      'qualityMonitoring=true': 3, 'qualityMonitoring=false': 4, 'kind=bot&qualityMonitoring=true': 1, 'kind=agent&active=false': 1,
      'qualityMonitoring=true&active=true': 3, [`kind=agent&role=${t.roles.agent}`]: 3,
    }
    for (const [query, n] of Object.entries(expected)) {
      const page = expectOk(await t.admin.get(`/api/v1/users?${query}&limit=200`))
      if (page.total !== n || page.items.length !== n) failures.push(`${query}: total ${page.total}, listed ${page.items.length}, expected ${n}`)
    }
    expect(failures).toEqual([])
    const csv = (await t.admin.get('/api/v1/users?qualityMonitoring=true', { accept: 'text/csv' })).text.trim().split('\r\n')
    expect(csv[0]).toMatch(/,kind,qualityMonitoring$/)
    expect(csv.slice(1).every((line) => line.endsWith(',true'))).toBe(true)
    expect(csv).toHaveLength(4)
  })
})
