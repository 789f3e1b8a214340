// GET /users/{id} reads a user, links and last editor in one statement; the search reads them for a
// page at a time. Both must tell the same user the same way. On both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, unique, userWithRole, type TenantFixture } from './api.js'

describeEachEngine('reading a user', (env) => {
  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('answers the same user from GET /users/{id} as from the search, links in order, last editor named', async () => {
    const campaigns = [expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('c') }), 201).id, expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('c') }), 201).id]
    const teams = [expectOk(await T.admin.post('/api/v1/teams', { name: unique('t') }), 201).id, expectOk(await T.admin.post('/api/v1/teams', { name: unique('t') }), 201).id]
    const username = unique('read')
    const created = expectOk(await T.admin.post('/api/v1/users', {
      username, roleId: T.roles.agent, campaignIds: [...campaigns].reverse(), defaultCampaignId: campaigns[1], teamIds: [...teams].reverse(),
      identities: [{ environment: 'zeta', username: 'z1' }, { environment: 'alpha', username: 'a1' }],
    }), 201)
    // Another administrator edits last: the answer names them.
    const other = await userWithRole(env(), T, T.roles.administrator!)
    expectOk(await other.client.patch(`/api/v1/users/${created.id}`, { jobTitle: 'Night shift' }))

    const read = expectOk(await T.admin.get(`/api/v1/users/${created.id}`))
    expect(read.campaignIds).toEqual([...campaigns].sort())
    expect(read.teamIds).toEqual([...teams].sort())
    expect(read.identities).toEqual([{ environment: 'zeta', username: 'z1' }, { environment: 'alpha', username: 'a1' }])
    expect(read).toMatchObject({ updatedBy: other.user.id, updatedByUsername: other.user.username, jobTitle: 'Night shift', defaultCampaignId: campaigns[1] })
    const listed = expectOk(await T.admin.get(`/api/v1/users?q=${username}`)).items
    expect(listed).toEqual([read])

    // No links at all: empty lists, not nulls.
    const bare = expectOk(await T.admin.post('/api/v1/users', { username: unique('bare'), roleId: T.roles.agent }), 201)
    expect(expectOk(await T.admin.get(`/api/v1/users/${bare.id}`))).toMatchObject({ campaignIds: [], teamIds: [], identities: [] })
  })
})
