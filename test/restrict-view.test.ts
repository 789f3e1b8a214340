// "Restrict view" (Leap Connect): a user with it sees only the campaigns they are linked to, the
// users linked to one of those and the audit of both, on every route that lists or names them;
// the rest answers 404 as if it were not there. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type Client, type TenantFixture } from './api.js'

type Json = Record<string, any>

describeEachEngine('restrict view', (env) => {
  let T: TenantFixture
  let c1: string
  let c2: string
  let viewer: { user: Json; client: Client }
  let open: { user: Json; client: Client }
  const users: Record<string, Json> = {}

  beforeAll(async () => {
    T = await createTenant(env())
    c1 = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('mine') }), 201).id
    c2 = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('theirs') }), 201).id
    viewer = await userWithRole(env(), T, T.roles['contact-centre-manager']!, { restrictView: true, campaignIds: [c1], lastName: 'Visible' })
    open = await userWithRole(env(), T, T.roles['contact-centre-manager']!, { campaignIds: [c1] })
    for (const [name, campaignIds] of [['inMine', [c1]], ['inTheirs', [c2]], ['inBoth', [c1, c2]], ['inNone', []]] as const) {
      users[name] = expectOk(await T.admin.post('/api/v1/users', { username: unique(name), lastName: 'Visible', roleId: T.roles.agent, campaignIds }), 201)
    }
  })

  const names = (items: Json[]) => items.map((u) => u.username as string).sort()

  it('lists only its campaigns and the users linked to them, with totals, in search, filters and the CSV', async () => {
    expect(expectOk(await viewer.client.get('/api/v1/campaigns')).items.map((c: Json) => c.id)).toEqual([c1])
    expectProblem(await viewer.client.get(`/api/v1/campaigns/${c2}`), 404, 'campaign_not_found')
    expectProblem(await viewer.client.patch(`/api/v1/campaigns/${c2}`, { name: 'x' }), 404, 'campaign_not_found')
    expectOk(await viewer.client.get(`/api/v1/campaigns/${c1}`))

    const visible = [viewer.user.username, open.user.username, users.inMine!.username, users.inBoth!.username].sort()
    const all = expectOk(await viewer.client.get('/api/v1/users?limit=200'))
    expect({ names: names(all.items), total: all.total }).toEqual({ names: visible, total: 4 })
    const searched = expectOk(await viewer.client.get('/api/v1/users?q=visible&limit=200'))
    expect({ names: names(searched.items), total: searched.total }).toEqual({ names: [viewer.user.username, users.inMine!.username, users.inBoth!.username].sort(), total: 3 })
    const inTheirs = expectOk(await viewer.client.get(`/api/v1/users?campaign=${c2}&limit=200`))
    expect({ names: names(inTheirs.items), total: inTheirs.total }).toEqual({ names: [users.inBoth!.username], total: 1 })
    const csv = (await viewer.client.get('/api/v1/users', { accept: 'text/csv' })).text.trim().split('\r\n')
    expect(csv).toHaveLength(1 + 4)
    // Without the option, the same role sees everyone.
    expect(expectOk(await open.client.get('/api/v1/users?limit=200')).total).toBeGreaterThanOrEqual(7)
  })

  it('answers 404 on every route that names a user it may not see', async () => {
    const hidden = users.inTheirs!.id
    const calls: Array<[string, string, unknown?]> = [
      // (DELETE needs users:delete, which this role lacks: it answers 403 before looking.)
      ['GET', `/api/v1/users/${hidden}`], ['PATCH', `/api/v1/users/${hidden}`, { jobTitle: 'x' }],
      ['GET', `/api/v1/users/${hidden}/sessions`], ['DELETE', `/api/v1/users/${hidden}/sessions`], ['GET', `/api/v1/users/${hidden}/second-factors`],
      ['DELETE', `/api/v1/users/${hidden}/second-factors`], ['PUT', `/api/v1/users/${hidden}/password`, { generate: true }],
      ['POST', `/api/v1/users/${hidden}/lock`, {}], ['POST', `/api/v1/users/${hidden}/unlock`, {}], ['POST', `/api/v1/users/${hidden}/invitation`, { channel: 'email' }],
      ['GET', `/api/v1/api-keys?user=${hidden}`], ['POST', '/api/v1/api-keys', { name: 'k', userId: hidden }],
      ['GET', `/api/v1/users/${hidden}/voice`], ['PATCH', `/api/v1/users/${hidden}/voice`, { context: 'x' }],
      ['GET', `/api/v1/users/${hidden}/skills`], ['PATCH', `/api/v1/users/${hidden}/skills`, { profiles: {} }],
      ['GET', `/api/v1/users/${hidden}/avatar`], ['DELETE', `/api/v1/users/${hidden}/avatar`],
      ['GET', `/api/v1/profiles?user=${hidden}`], ['POST', '/api/v1/profiles', { name: 'P', userId: hidden }],
    ]
    const wrong: string[] = []
    for (const [method, url, body] of calls) {
      const answer = await viewer.client.call(method, url, body)
      if (answer.status !== 404 || answer.body?.code !== 'user_not_found') wrong.push(`${method} ${url}: ${answer.status} ${answer.body?.code}`)
    }
    expect(wrong).toEqual([])
    expect(expectOk(await T.admin.get(`/api/v1/users/${hidden}`)).jobTitle).toBe('')
    expectOk(await viewer.client.get(`/api/v1/users/${users.inBoth!.id}`))
    expectOk(await viewer.client.patch(`/api/v1/users/${users.inMine!.id}`, { jobTitle: 'Seen' }))
    // A bulk action reaches only what it sees.
    const bulk = expectOk(await viewer.client.post('/api/v1/users/bulk', { action: 'add_campaign', campaignId: c1, userIds: [hidden, users.inBoth!.id] }))
    expect(bulk).toMatchObject({ selected: 2, succeeded: 1, failed: [{ id: hidden, code: 'user_not_found', username: null }] })
  })

  it('lists the personal profiles of the users it sees only', async () => {
    const mine = expectOk(await T.admin.post('/api/v1/profiles', { name: unique('P'), userId: users.inMine!.id }), 201)
    const theirs = expectOk(await T.admin.post('/api/v1/profiles', { name: unique('P'), userId: users.inTheirs!.id }), 201)
    const group = expectOk(await T.admin.get('/api/v1/user-groups')).items[0] as Json
    const shared = expectOk(await T.admin.post('/api/v1/profiles', { name: unique('P'), groupId: group.id }), 201)
    const listed = expectOk(await viewer.client.get('/api/v1/profiles?limit=200'))
    const ids = (listed.items as Json[]).map((p) => p.id)
    expect({ mine: ids.includes(mine.id), shared: ids.includes(shared.id), theirs: ids.includes(theirs.id), total: listed.total }).toEqual({ mine: true, shared: true, theirs: false, total: ids.length })
    expectProblem(await viewer.client.get(`/api/v1/profiles/${theirs.id}`), 404, 'profile_not_found')
    expect((expectOk(await open.client.get('/api/v1/profiles?limit=200')).items as Json[]).some((p) => p.id === theirs.id)).toBe(true)
  })

  it('shows the audit of its campaigns and their users only', async () => {
    expectOk(await T.admin.patch(`/api/v1/users/${users.inTheirs!.id}`, { jobTitle: 'Hidden change' }))
    expectOk(await T.admin.patch(`/api/v1/campaigns/${c2}`, { name: unique('renamed') }))
    const events = expectOk(await viewer.client.get('/api/v1/audit?limit=200')).items as Json[]
    expect(events.length).toBeGreaterThan(0)
    const visibleUsers = new Set([viewer.user.id, open.user.id, users.inMine!.id, users.inBoth!.id])
    const outside = events.filter((e) => !(e.entityType === 'campaign' && e.entityId === c1) && !(e.entityType === 'user' && visibleUsers.has(e.entityId)))
    expect(outside).toEqual([])
    expect(events.some((e) => e.entityId === users.inMine!.id)).toBe(true)
    expect(expectOk(await open.client.get(`/api/v1/audit?entityId=${users.inTheirs!.id}`)).items.length).toBeGreaterThan(0)
  })
})
