// User groups with inherited properties (issue 5, point 1): a tenant starts with a default group;
// users inherit its values unless they have their own; a move keeps the own values and the user's
// resource filters and changes the inherited ones; a logged-on user is not moved. Both engines.
import { beforeAll, describe, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

describeEachEngine('user groups', (env) => {
  let T: TenantFixture
  let defaultGroup: { id: string; name: string; properties: Record<string, unknown> }
  beforeAll(async () => {
    T = await createTenant(env())
    const groups = expectOk(await T.admin.get('/api/v1/user-groups'))
    expect(groups.items.map((g: { name: string; isDefault: boolean }) => [g.name, g.isDefault])).toEqual([['Default', true]])
    defaultGroup = groups.items[0]
  })
  const newGroup = async (body: object = {}) => expectOk(await T.admin.post('/api/v1/user-groups', { name: unique('Group '), ...body }), 201)
  const campaign = async () => expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Queue ') }), 201)

  it('puts new users in the default group, with every value inherited', async () => {
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('u') }), 201)
    expect(user.groupId).toBe(defaultGroup.id)
    expect(user.groupName).toBe('Default')
    expect(user.properties.wrapUpSecondsPhone).toEqual({ effective: 30, override: null, inherited: true })
    expect(user.properties.maxContactsChat).toEqual({ effective: 3, override: null, inherited: true })
    expect(user.properties.language).toEqual({ effective: null, override: null, inherited: true })
    expect(user.resourceFilters).toEqual({ user: [], group: [], effective: [] })
  })

  it('keeps user-specific values and resource filters across a move, and changes the inherited ones', async () => {
    const [q1, q2, q3] = [await campaign(), await campaign(), await campaign()]
    const sales = await newGroup({ properties: { language: 'nl', wrapUpSecondsPhone: 45, maxContactsChat: 2 }, resourceFilterIds: [q1.id] })
    const service = await newGroup({ properties: { language: 'de', wrapUpSecondsPhone: 90, maxContactsChat: 4, wrapUpSecondsEmail: 300 }, resourceFilterIds: [q2.id] })
    expect(sales.properties).toMatchObject({ language: 'nl', wrapUpSecondsPhone: 45, wrapUpSecondsChat: 30, maxContactsChat: 2 })

    const created = expectOk(await T.admin.post('/api/v1/users', {
      username: unique('u'), groupId: sales.id, propertyOverrides: { maxContactsChat: 5 }, resourceFilterIds: [q3.id],
    }), 201)
    expect(created.properties.maxContactsChat).toEqual({ effective: 5, override: 5, inherited: false })
    expect(created.properties.wrapUpSecondsPhone).toEqual({ effective: 45, override: null, inherited: true })
    expect(created.properties.language).toEqual({ effective: 'nl', override: null, inherited: true })
    expect(created.resourceFilters).toEqual({ user: [q3.id], group: [q1.id], effective: [q1.id, q3.id] })

    const moved = expectOk(await T.admin.patch(`/api/v1/users/${created.id}`, { groupId: service.id }))
    expect(moved.groupName).toBe(service.name)
    expect(moved.properties.maxContactsChat).toEqual({ effective: 5, override: 5, inherited: false }) // kept
    expect(moved.properties.wrapUpSecondsPhone).toEqual({ effective: 90, override: null, inherited: true }) // the new group's
    expect(moved.properties.wrapUpSecondsEmail.effective).toBe(300)
    expect(moved.properties.language.effective).toBe('de')
    expect(moved.resourceFilters).toEqual({ user: [q3.id], group: [q2.id], effective: [q2.id, q3.id] })

    // A change of the group reaches its users at once; the own value still wins.
    const g = expectOk(await T.admin.get(`/api/v1/user-groups/${service.id}`))
    expectOk(await T.admin.patch(`/api/v1/user-groups/${service.id}`, { properties: { maxContactsChat: 7, wrapUpSecondsPhone: 15 } }, { 'If-Match': `"v${g.version}"` }))
    const read = expectOk(await T.admin.get(`/api/v1/users/${created.id}`))
    expect(read.properties.wrapUpSecondsPhone.effective).toBe(15)
    expect(read.properties.maxContactsChat.effective).toBe(5)

    // Overrides change one at a time; null clears one, and the group's value is inherited again.
    const cleared = expectOk(await T.admin.patch(`/api/v1/users/${created.id}`, { propertyOverrides: { maxContactsChat: null, wrapUpSecondsChat: 10 } }))
    expect(cleared.properties.maxContactsChat).toEqual({ effective: 7, override: null, inherited: true })
    expect(cleared.properties.wrapUpSecondsChat).toEqual({ effective: 10, override: 10, inherited: false })
    // The language's own value is the user's locale.
    const own = expectOk(await T.admin.patch(`/api/v1/users/${created.id}`, { locale: 'en-GB' }))
    expect(own.properties.language).toEqual({ effective: 'en-GB', override: 'en-GB', inherited: false })

    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${created.id}&limit=50`))
    const move = audit.items.find((e: { changes: Record<string, unknown> }) => e.changes.groupId)
    expect(move.changes.groupId).toEqual({ old: sales.id, new: service.id })
  })

  it('lists users by group with totals, and counts each group\'s users', async () => {
    const group = await newGroup()
    const ids = []
    for (let i = 0; i < 3; i++) ids.push(expectOk(await T.admin.post('/api/v1/users', { username: unique('g'), groupId: group.id }), 201).id)
    expectOk(await T.admin.patch(`/api/v1/users/${ids[2]}`, { active: false }))
    const listed = expectOk(await T.admin.get(`/api/v1/users?group=${group.id}&limit=2`))
    expect(listed.total).toBe(3)
    expect(expectOk(await T.admin.get(`/api/v1/users?group=${group.id}&active=true`)).total).toBe(2)
    expect(expectOk(await T.admin.get(`/api/v1/user-groups/${group.id}`)).userCount).toBe(3)
    expectOk(await T.admin.patch(`/api/v1/users/${ids[0]}`, { groupId: defaultGroup.id }))
    expect(expectOk(await T.admin.get(`/api/v1/user-groups/${group.id}`)).userCount).toBe(2)
  })

  it('refuses a move while the user is logged on to the queues, and allows it after log-off', async () => {
    const group = await newGroup()
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('p') }), 201)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/presence`, { state: 'logged_on' }))
    expectProblem(await T.admin.patch(`/api/v1/users/${user.id}`, { groupId: group.id }), 409, 'logged_on_to_queues')
    // Other edits still go through while logged on.
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { jobTitle: 'Agent', groupId: defaultGroup.id }))
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/presence`, { state: 'logged_off' }))
    expect(expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { groupId: group.id })).groupId).toBe(group.id)
  })

  it('validates groups and their use: unknown ids at their fields, names unique, default and used groups kept', async () => {
    const other = await createTenant(env())
    const foreignGroup = expectOk(await other.admin.get('/api/v1/user-groups')).items[0]
    const foreignCampaign = expectOk(await other.admin.post('/api/v1/campaigns', { name: unique('Q') }), 201)
    const bad = expectProblem(await T.admin.post('/api/v1/users', { username: unique('x'), groupId: foreignGroup.id, resourceFilterIds: [foreignCampaign.id] }), 422, 'validation_failed')
    expect(bad.errors!.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['groupId', 'unknown_group'], ['resourceFilterIds[0]', 'unknown_campaign']])
    expectProblem(await T.admin.get(`/api/v1/user-groups/${foreignGroup.id}`), 404, 'group_not_found')
    const range = expectProblem(await T.admin.post('/api/v1/user-groups', { name: unique('G'), properties: { wrapUpSecondsPhone: -1, maxContactsChat: 51 } }), 422, 'validation_failed')
    expect(range.errors!.map((e: { path: string }) => e.path).sort()).toEqual(['properties.maxContactsChat', 'properties.wrapUpSecondsPhone'])
    const badFilter = expectProblem(await T.admin.post('/api/v1/user-groups', { name: unique('G'), resourceFilterIds: [foreignCampaign.id] }), 422, 'validation_failed')
    expect(badFilter.errors![0]!.path).toBe('resourceFilterIds[0]')
    expectProblem(await T.admin.post('/api/v1/user-groups', { name: 'default' }), 409, 'group_name_taken')
    expectProblem(await T.admin.delete(`/api/v1/user-groups/${defaultGroup.id}`), 409, 'default_group_required')

    const used = await newGroup()
    const member = expectOk(await T.admin.post('/api/v1/users', { username: unique('m'), groupId: used.id }), 201)
    expectProblem(await T.admin.delete(`/api/v1/user-groups/${used.id}`), 409, 'group_in_use')
    expectOk(await T.admin.patch(`/api/v1/users/${member.id}`, { groupId: defaultGroup.id }))
    expectOk(await T.admin.delete(`/api/v1/user-groups/${used.id}`), 204)
    expectProblem(await T.admin.get(`/api/v1/user-groups/${used.id}`), 404, 'group_not_found')
  })

  it('makes another group the default for new users', async () => {
    const tenant = await createTenant(env())
    const first = expectOk(await tenant.admin.get('/api/v1/user-groups')).items[0]
    const second = expectOk(await tenant.admin.post('/api/v1/user-groups', { name: 'Night shift', isDefault: true }), 201)
    const groups = expectOk(await tenant.admin.get('/api/v1/user-groups')).items
    expect(groups.map((g: { id: string; isDefault: boolean }) => [g.id, g.isDefault])).toEqual([[first.id, false], [second.id, true]])
    expect(expectOk(await tenant.admin.post('/api/v1/users', { username: unique('n') }), 201).groupId).toBe(second.id)
    // The first group is a plain one now, but its users (the administrator) keep it from going.
    expectProblem(await tenant.admin.delete(`/api/v1/user-groups/${first.id}`), 409, 'group_in_use')
  })

  it('drops a deleted campaign from the resource filters of groups and users', async () => {
    const q = await campaign()
    const group = await newGroup({ resourceFilterIds: [q.id] })
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('r'), groupId: group.id, resourceFilterIds: [q.id] }), 201)
    expect(user.resourceFilters.effective).toEqual([q.id])
    expectOk(await T.admin.delete(`/api/v1/campaigns/${q.id}`), 204)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).resourceFilters).toEqual({ user: [], group: [], effective: [] })
    expect(expectOk(await T.admin.get(`/api/v1/user-groups/${group.id}`)).resourceFilterIds).toEqual([])
    // First, middle and last of a longer list: the others stay, in their order.
    const [a, b, c, d] = [await campaign(), await campaign(), await campaign(), await campaign()]
    const many = expectOk(await T.admin.post('/api/v1/users', { username: unique('r'), groupId: group.id, resourceFilterIds: [a.id, b.id, c.id, d.id] }), 201)
    for (const [gone, left] of [[b, [a.id, c.id, d.id]], [a, [c.id, d.id]], [d, [c.id]]] as const) {
      expectOk(await T.admin.delete(`/api/v1/campaigns/${gone.id}`), 204)
      expect(expectOk(await T.admin.get(`/api/v1/users/${many.id}`)).resourceFilters.user).toEqual(left)
    }
  })

  it('gives the group\'s language to users without their own (GET /me)', async () => {
    const group = await newGroup({ properties: { language: 'de' } })
    const { client } = await userWithRole(env(), T, T.roles.agent!, { groupId: group.id })
    expect(expectOk(await client.get('/api/v1/me')).tenantLocale).toBe('de')
  })

  describe('permissions', () => {
    it('lets users:read see groups and only groups:manage change them', async () => {
      const { client: leader } = await userWithRole(env(), T, T.roles['team-leader']!)
      expectOk(await leader.get('/api/v1/user-groups'))
      expectProblem(await leader.post('/api/v1/user-groups', { name: unique('G') }), 403, 'forbidden')
      const { client: agent } = await userWithRole(env(), T, T.roles.agent!)
      expectProblem(await agent.get('/api/v1/user-groups'), 403, 'forbidden')
      const { client: manager } = await userWithRole(env(), T, T.roles['contact-centre-manager']!)
      expectOk(await manager.post('/api/v1/user-groups', { name: unique('G') }), 201)
    })
  })
})
