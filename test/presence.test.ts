// Queue presence (issue 5, point 3): the telephony's machine account reports users logging on to and
// off the queues; while logged on a user is not deleted; the list shows and filters presence. Both engines.
import { beforeAll, expect, it } from 'vitest'
import { createApiKeyFor } from '../src/setup/service.js'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

describeEachEngine('queue presence', (env) => {
  let T: TenantFixture
  let acd: Client
  beforeAll(async () => {
    T = await createTenant(env())
    // The telephony: an API account whose custom role holds presence:write only.
    const role = expectOk(await T.admin.post('/api/v1/roles', { name: unique('ACD '), permissions: ['presence:write'] }), 201)
    const machine = expectOk(await T.admin.post('/api/v1/users', { username: unique('acd'), kind: 'api', roleId: role.id }), 201)
    acd = new Client(env(), (await createApiKeyFor(env().db, { tenantSlug: T.slug, username: machine.username, name: 'acd' })).key)
  })
  const agent = async () => expectOk(await T.admin.post('/api/v1/users', { username: unique('a'), roleId: T.roles.agent }), 201)
  const report = (id: string, body: object, client = acd) => client.call('PUT', `/api/v1/users/${id}/presence`, body)

  it('records log-on and log-off with the time and profile, keeps the time while logged on, and filters the list', async () => {
    const user = await agent()
    expect(user.presence).toEqual({ state: 'logged_off', since: null, profileId: null })
    const on = expectOk(await report(user.id, { state: 'logged_on', profileId: null }))
    expect(on.presence).toMatchObject({ state: 'logged_on', since: expect.any(String) })
    const again = expectOk(await report(user.id, { state: 'logged_on' }))
    expect(again.presence.since).toBe(on.presence.since)
    expect(again.version).toBe(user.version) // not an edit of the user
    const listed = expectOk(await T.admin.get('/api/v1/users?presence=logged_on&limit=200'))
    expect({ ids: listed.items.map((u: { id: string }) => u.id), total: listed.total }).toEqual({ ids: [user.id], total: 1 })
    expect(expectOk(await report(user.id, { state: 'logged_off' })).presence.state).toBe('logged_off')
    expect(expectOk(await T.admin.get('/api/v1/users?presence=logged_on')).total).toBe(0)
  })

  it('refuses deleting a logged-on user, alone or in bulk, and allows it after log-off', async () => {
    const user = await agent()
    expectOk(await report(user.id, { state: 'logged_on' }))
    expectProblem(await T.admin.delete(`/api/v1/users/${user.id}`), 409, 'logged_on_to_queues')
    const bulk = expectOk(await T.admin.post('/api/v1/users/bulk', { action: 'delete', userIds: [user.id] }))
    expect(bulk.failed).toMatchObject([{ id: user.id, code: 'logged_on_to_queues' }])
    expectOk(await report(user.id, { state: 'logged_off' }))
    expectOk(await T.admin.delete(`/api/v1/users/${user.id}`), 204)
  })

  it('needs presence:write, refuses machines and other tenants\' users', async () => {
    const user = await agent()
    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    expectProblem(await report(user.id, { state: 'logged_on' }, leader.client), 403, 'forbidden')
    const board = expectOk(await T.admin.post('/api/v1/users', { username: unique('wb'), kind: 'wallboard', roleId: T.roles.agent }), 201)
    expectProblem(await report(board.id, { state: 'logged_on' }), 409, 'machine_account')
    const other = await createTenant(env())
    const stranger = expectOk(await other.admin.post('/api/v1/users', { username: unique('s'), roleId: other.roles.agent }), 201)
    expectProblem(await report(stranger.id, { state: 'logged_on' }), 404, 'user_not_found')
    expectProblem(await report(user.id, { state: 'away' }), 422, 'validation_failed')
  })
})
