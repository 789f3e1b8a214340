// Bulk actions on users: by list or by search, each user under the single-user rules in its own
// transaction, refusals listed with the single-user codes, audited per user. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { BULK_LIMITS } from '../src/users/service.js'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

type Json = Record<string, any>

describeEachEngine('bulk actions on users', (env) => {
  let T: TenantFixture
  let campaign: string
  let team: string
  const agents: Json[] = []

  beforeAll(async () => {
    T = await createTenant(env())
    campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('c') }), 201).id
    team = expectOk(await T.admin.post('/api/v1/teams', { name: unique('t') }), 201).id
    for (let i = 0; i < 6; i++) {
      agents.push(expectOk(await T.admin.post('/api/v1/users', { username: unique('bulk'), lastName: i < 4 ? 'Bulkington' : 'Other', roleId: T.roles.agent, campaignIds: i % 2 ? [campaign] : [] }), 201))
    }
  })

  const read = async (id: string) => expectOk(await T.admin.get(`/api/v1/users/${id}`))
  const bulk = (body: Json, client = T.admin) => client.post('/api/v1/users/bulk', body)

  it('deactivates listed users and activates them again, one audit event each', async () => {
    const ids = agents.slice(0, 3).map((a) => a.id)
    expect(expectOk(await bulk({ action: 'deactivate', userIds: ids }))).toEqual({ selected: 3, succeeded: 3, failed: [] })
    for (const id of ids) expect((await read(id)).active).toBe(false)
    expect((await read(agents[3]!.id)).active).toBe(true)
    for (const id of ids) expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${id}&action=user.deactivate`)).items).toHaveLength(1)
    expect(expectOk(await bulk({ action: 'activate', userIds: ids }))).toMatchObject({ succeeded: 3 })
    for (const id of ids) expect((await read(id)).active).toBe(true)
  })

  it('acts on every user a search matches: add and remove a campaign and a team, set a role, require an action', async () => {
    const query = { q: 'bulkington' }
    expect(expectOk(await bulk({ action: 'add_campaign', campaignId: campaign, query }))).toEqual({ selected: 4, succeeded: 4, failed: [] })
    for (const a of agents.slice(0, 4)) expect((await read(a.id)).campaignIds).toEqual([campaign])
    expect((await read(agents[4]!.id)).campaignIds).toEqual([])
    // Filters combine: the Bulkingtons in the campaign who are active.
    expect(expectOk(await bulk({ action: 'add_team', teamId: team, query: { ...query, campaign, active: true } }))).toMatchObject({ selected: 4, succeeded: 4 })
    expect(expectOk(await bulk({ action: 'remove_team', teamId: team, userIds: [agents[0]!.id] }))).toMatchObject({ succeeded: 1 })
    expect((await read(agents[0]!.id)).teamIds).toEqual([])
    expect((await read(agents[1]!.id)).teamIds).toEqual([team])
    expect(expectOk(await bulk({ action: 'remove_campaign', campaignId: campaign, query }))).toMatchObject({ succeeded: 4 })
    for (const a of agents.slice(0, 4)) expect((await read(a.id)).campaignIds).toEqual([])
    expect(expectOk(await bulk({ action: 'set_role', roleId: T.roles['quality-manager'], userIds: [agents[4]!.id] }))).toMatchObject({ succeeded: 1 })
    expect((await read(agents[4]!.id)).roleId).toBe(T.roles['quality-manager'])
    expect(expectOk(await bulk({ action: 'require_action', requiredAction: 'update_profile', query }))).toMatchObject({ succeeded: 4 })
    for (const a of agents.slice(0, 4)) expect((await read(a.id)).requiredActions).toEqual(['update_profile'])
  })

  it('lists what it refused with the single-user codes and carries on with the rest', async () => {
    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    const manager = expectOk(await T.admin.post('/api/v1/users', { username: unique('mgr'), roleId: T.roles['contact-centre-manager'] }), 201)
    const other = await createTenant(env())
    const stranger = expectOk(await other.admin.post('/api/v1/users', { username: unique('str'), roleId: other.roles.agent }), 201)
    const result = expectOk(await bulk({ action: 'deactivate', userIds: [agents[5]!.id, leader.user.id, manager.id, stranger.id] }, leader.client))
    expect(result).toMatchObject({ selected: 4, succeeded: 1 })
    const byId = Object.fromEntries(result.failed.map((f: Json) => [f.id, f]))
    expect(byId[leader.user.id]).toMatchObject({ status: 409, code: 'cannot_remove_self', username: leader.user.username })
    expect(byId[manager.id]).toMatchObject({ status: 403, code: 'privilege_escalation', username: manager.username })
    // Another tenant's user is as unknown as a made-up id: no name.
    expect(byId[stranger.id]).toMatchObject({ status: 404, code: 'user_not_found', username: null })
    expect((await read(agents[5]!.id)).active).toBe(false)
    expect((await read(manager.id)).active).toBe(true)
    expect(expectOk(await other.admin.get(`/api/v1/users/${stranger.id}`)).active).toBe(true)
  })

  it('needs users:delete to delete, the parameter of each action, ids or a query, and a small enough selection', async () => {
    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    expectProblem(await bulk({ action: 'delete', userIds: [agents[5]!.id] }, leader.client), 403, 'forbidden')
    expect((await read(agents[5]!.id)).id).toBe(agents[5]!.id)
    const missing = expectProblem(await bulk({ action: 'set_role', userIds: [agents[5]!.id] }), 422, 'validation_failed')
    expect(missing.errors!.map((e) => [e.path, e.code])).toEqual([['roleId', 'required']])
    expectProblem(await bulk({ action: 'activate' }), 422, 'validation_failed')
    expectProblem(await bulk({ action: 'activate', userIds: [agents[5]!.id], query: { q: 'x' } }), 422, 'validation_failed')
    expectProblem(await bulk({ action: 'nap', userIds: [agents[5]!.id] }), 422, 'validation_failed')
    const saved = BULK_LIMITS.users
    BULK_LIMITS.users = 3
    try {
      expectProblem(await bulk({ action: 'deactivate', query: { q: 'bulkington' } }), 422, 'bulk_too_large')
      for (const a of agents.slice(0, 4)) expect((await read(a.id)).active).toBe(true)
    } finally {
      BULK_LIMITS.users = saved
    }
    expect(expectOk(await bulk({ action: 'delete', userIds: [agents[5]!.id] }))).toMatchObject({ succeeded: 1 })
    expectProblem(await T.admin.get(`/api/v1/users/${agents[5]!.id}`), 404, 'user_not_found')
  })
})
