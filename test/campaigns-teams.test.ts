// Campaigns and teams: CRUD, validation, names unique per tenant, lists, versions and audit.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, userWithRole, type Answer, type TenantFixture } from './api.js'

type Kind = 'campaigns' | 'teams'
const KINDS: Array<{ kind: Kind; entity: string; taken: string; notFound: string }> = [
  { kind: 'campaigns', entity: 'campaign', taken: 'campaign_name_taken', notFound: 'campaign_not_found' },
  { kind: 'teams', entity: 'team', taken: 'team_name_taken', notFound: 'team_not_found' },
]

const fieldCodes = (answer: Answer) => Object.fromEntries(expectProblem(answer, 422, 'validation_failed').errors!.map((e) => [e.path, e.code]))

describeEachEngine('campaigns and teams', (env) => {
  const platform = () => new Client(env(), env().platformKey)
  let T: TenantFixture
  let adminId: string

  beforeAll(async () => {
    T = await createTenant(env())
    adminId = expectOk(await T.admin.get('/api/v1/users?q=admin')).items.find((u: { username: string }) => u.username === 'admin').id
  })

  const auditOf = async (entityId: string) =>
    expectOk(await platform().get(`/api/v1/audit?tenant=${T.slug}&entityId=${entityId}`)).items as Array<{ action: string; actorId: string; tenantId: string; entityType: string; changes: Record<string, unknown> }>

  for (const { kind, entity, taken, notFound } of KINDS) {
    it(`${kind}: creates, reads, changes and deletes, writing one audit event each`, async () => {
      const name = unique(`${entity} `)
      const created = await T.admin.post(`/api/v1/${kind}`, kind === 'teams' ? { name, description: 'North floor' } : { name })
      const row = expectOk(created, 201)
      expect(created.headers.etag).toBe('"v1"')
      expect(row).toMatchObject({ tenantId: T.id, name, version: 1, ...(kind === 'campaigns' ? { active: true } : { description: 'North floor' }) })
      expect(expectOk(await T.admin.get(`/api/v1/${kind}/${row.id}`))).toEqual(row)

      const patch = kind === 'campaigns' ? { name: `${name} 2`, active: false } : { name: `${name} 2`, description: 'South floor' }
      const changed = await T.admin.patch(`/api/v1/${kind}/${row.id}`, patch)
      expect(expectOk(changed)).toMatchObject({ ...patch, version: 2 })
      expect(changed.headers.etag).toBe('"v2"')
      expect(expectOk(await T.admin.get(`/api/v1/${kind}/${row.id}`))).toMatchObject({ ...patch, version: 2 })

      expect((await T.admin.delete(`/api/v1/${kind}/${row.id}`)).status).toBe(204)
      expectProblem(await T.admin.get(`/api/v1/${kind}/${row.id}`), 404, notFound)
      expectProblem(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: 'gone' }), 404, notFound)
      expectProblem(await T.admin.delete(`/api/v1/${kind}/${row.id}`), 404, notFound)

      const events = await auditOf(row.id)
      expect(events.map((e) => e.action)).toEqual([`${entity}.delete`, `${entity}.update`, `${entity}.create`])
      for (const e of events) expect(e).toMatchObject({ actorId: adminId, tenantId: T.id, entityType: entity })
      if (kind === 'campaigns') {
        expect(events[2]!.changes).toEqual({ name: { old: null, new: name }, active: { old: null, new: true } })
        expect(events[1]!.changes).toEqual({ name: { old: name, new: `${name} 2` }, active: { old: true, new: false } })
        expect(events[0]!.changes).toEqual({ name: { old: `${name} 2`, new: null }, active: { old: false, new: null } })
      } else {
        expect(events[2]!.changes).toEqual({ name: { old: null, new: name }, description: { old: null, new: 'North floor' } })
        expect(events[1]!.changes).toEqual({ name: { old: name, new: `${name} 2` }, description: { old: 'North floor', new: 'South floor' } })
        expect(events[0]!.changes).toEqual({ name: { old: `${name} 2`, new: null }, description: { old: 'South floor', new: null } })
      }
    })

    it(`${kind}: an update that changes nothing but one field audits only that field`, async () => {
      const row = expectOk(await T.admin.post(`/api/v1/${kind}`, { name: unique(`${entity} `) }), 201)
      const renamed = `${row.name} renamed`
      expectOk(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: renamed }))
      const [update] = await auditOf(row.id)
      expect(update).toMatchObject({ action: `${entity}.update`, changes: { name: { old: row.name, new: renamed } } })
      expect(Object.keys(update!.changes)).toEqual(['name'])
    })

    it(`${kind}: validates the name (required, at most 100 characters) and refuses unknown fields`, async () => {
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, {}))).toEqual({ name: 'required' })
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, { name: '' }))).toEqual({ name: 'required' })
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, { name: 'x'.repeat(101) }))).toEqual({ name: 'too_long' })
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, { name: 42 }))).toEqual({ name: 'invalid_type' })
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, { name: 'ok', colour: 'red' }))).toEqual({ colour: 'unknown_field' })
      expect(fieldCodes(await T.admin.post(`/api/v1/${kind}`, { colour: 'red', name: '' }))).toEqual({ name: 'required', colour: 'unknown_field' })
      if (kind === 'teams') expect(fieldCodes(await T.admin.post('/api/v1/teams', { name: 'ok', description: 'd'.repeat(1001) }))).toEqual({ description: 'too_long' })
      else expect(fieldCodes(await T.admin.post('/api/v1/campaigns', { name: 'ok', active: 'yes' }))).toEqual({ active: 'invalid_type' })
      // Exactly 100 characters is fine.
      const long = unique('L').padEnd(100, 'x')
      expect(expectOk(await T.admin.post(`/api/v1/${kind}`, { name: long }), 201).name).toBe(long)

      const row = expectOk(await T.admin.post(`/api/v1/${kind}`, { name: unique(`${entity} `) }), 201)
      expect(fieldCodes(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: '' }))).toEqual({ name: 'required' })
      expect(fieldCodes(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: 'y'.repeat(101) }))).toEqual({ name: 'too_long' })
      expect(fieldCodes(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { tenantId: T.id }))).toEqual({ tenantId: 'unknown_field' })
      expect(expectOk(await T.admin.get(`/api/v1/${kind}/${row.id}`))).toEqual(row)
      // Nothing invalid was created.
      expect(expectOk(await T.admin.get(`/api/v1/${kind}?q=ok`)).items.filter((r: { name: string }) => r.name === 'ok')).toEqual([])
      expect((await auditOf(row.id)).length).toBe(1)
    })

    it(`${kind}: names are unique per tenant, case-insensitively (409 ${taken}); another tenant may reuse one`, async () => {
      const name = unique(`Sales ${entity} `)
      const first = expectOk(await T.admin.post(`/api/v1/${kind}`, { name }), 201)
      for (const variant of [name, name.toUpperCase(), name.toLowerCase()]) {
        const body = expectProblem(await T.admin.post(`/api/v1/${kind}`, { name: variant }), 409, taken)
        expect(body.errors).toEqual([expect.objectContaining({ path: 'name', code: taken })])
      }
      const accented = unique('Équipe ')
      expectOk(await T.admin.post(`/api/v1/${kind}`, { name: accented }), 201)
      expectProblem(await T.admin.post(`/api/v1/${kind}`, { name: accented.toLocaleLowerCase() }), 409, taken)

      const second = expectOk(await T.admin.post(`/api/v1/${kind}`, { name: `${name} B` }), 201)
      expectProblem(await T.admin.patch(`/api/v1/${kind}/${second.id}`, { name: name.toUpperCase() }), 409, taken)
      expect(expectOk(await T.admin.get(`/api/v1/${kind}/${second.id}`))).toMatchObject({ name: `${name} B`, version: 1 })
      // Its own name in another case is no conflict.
      expect(expectOk(await T.admin.patch(`/api/v1/${kind}/${first.id}`, { name: name.toUpperCase() })).name).toBe(name.toUpperCase())
      // A deleted name is free again.
      expect((await T.admin.delete(`/api/v1/${kind}/${second.id}`)).status).toBe(204)
      expectOk(await T.admin.post(`/api/v1/${kind}`, { name: `${name} b` }), 201)

      const other = await createTenant(env())
      expect(expectOk(await other.admin.post(`/api/v1/${kind}`, { name }), 201).tenantId).toBe(other.id)
      expect(expectOk(await platform().post(`/api/v1/${kind}`, { tenantId: other.id, name: `${name} B` }), 201).tenantId).toBe(other.id)
      // The refused creates wrote no audit event.
      const events = expectOk(await platform().get(`/api/v1/audit?tenant=${T.slug}&action=${entity}.create&limit=200`)).items
      expect(events.filter((e: { changes: { name?: { new: string } } }) => e.changes.name?.new.toLowerCase() === name.toLowerCase())).toHaveLength(1)
    })

    it(`${kind}: lists with q (case-insensitive), paging and a total`, async () => {
      const marker = unique('pg')
      const names = ['Delta', 'alpha', 'Echo', 'charlie', 'Bravo'].map((n) => `${marker} ${n}`)
      for (const name of names) expectOk(await T.admin.post(`/api/v1/${kind}`, { name }), 201)
      const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))

      const all = expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker.toUpperCase()}`))
      expect(all.total).toBe(5)
      expect(all.items.map((r: { name: string }) => r.name)).toEqual(sorted)
      expect(expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}%20CHAR`)).items.map((r: { name: string }) => r.name)).toEqual([`${marker} charlie`])

      const first = expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}&limit=2`))
      expect(first).toMatchObject({ total: 5, page: 1 })
      expect(first.items.map((r: { name: string }) => r.name)).toEqual(sorted.slice(0, 2))
      const third = expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}&limit=2&page=3`))
      expect(third).toMatchObject({ total: 5, page: 3 })
      expect(third.items.map((r: { name: string }) => r.name)).toEqual(sorted.slice(4))
      expect(third.nextCursor).toBeUndefined()

      const walked: string[] = []
      let cursor: string | undefined
      do {
        const page = expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}&limit=2${cursor ? `&cursor=${cursor}` : ''}`))
        expect(page.total).toBe(5)
        walked.push(...page.items.map((r: { name: string }) => r.name))
        cursor = page.nextCursor
      } while (cursor)
      expect(walked).toEqual(sorted)
      const desc = expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}&order=desc`))
      expect(desc.items.map((r: { name: string }) => r.name)).toEqual([...sorted].reverse())
      // LIKE wildcards in q are taken literally.
      expect(expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}%25`)).total).toBe(0)
      expect(expectOk(await T.admin.get(`/api/v1/${kind}?q=${marker}_`)).total).toBe(0)
      expectProblem(await T.admin.get(`/api/v1/${kind}?limit=201`), 422, 'validation_failed')
      expectProblem(await T.admin.get(`/api/v1/${kind}?cursor=nonsense`), 400, 'invalid_cursor')
    })

    it(`${kind}: q matches names with accented capitals whatever their case`, async () => {
      const marker = unique('ac')
      const row = expectOk(await T.admin.post(`/api/v1/${kind}`, { name: `${marker} Équipe Øst` }), 201)
      for (const q of ['Équipe Øst', 'équipe øst', 'ÉQUIPE ØST', 'équipe Øst', 'ÉQUIPE øst']) {
        const found = expectOk(await T.admin.get(`/api/v1/${kind}?q=${encodeURIComponent(`${marker} ${q}`)}`)).items.map((r: { id: string }) => r.id)
        expect(found, q).toEqual([row.id])
      }
    })

    it(`${kind}: honours If-Match (412 version_conflict on a stale version)`, async () => {
      const created = await T.admin.post(`/api/v1/${kind}`, { name: unique(`${entity} `) })
      const row = expectOk(created, 201)
      const v1 = String(created.headers.etag)
      expect((await T.admin.get(`/api/v1/${kind}/${row.id}`)).headers.etag).toBe(v1)
      const changed = await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: `${row.name} x` }, { 'if-match': v1 })
      expectOk(changed)
      expectProblem(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: `${row.name} y` }, { 'if-match': v1 }), 412, 'version_conflict')
      expectProblem(await T.admin.delete(`/api/v1/${kind}/${row.id}`, { 'if-match': v1 }), 412, 'version_conflict')
      expectProblem(await T.admin.delete(`/api/v1/${kind}/${row.id}`, { 'if-match': '"v99"' }), 412, 'version_conflict')
      expect(expectOk(await T.admin.get(`/api/v1/${kind}/${row.id}`))).toMatchObject({ name: `${row.name} x`, version: 2 })
      expect((await auditOf(row.id)).map((e) => e.action)).toEqual([`${entity}.update`, `${entity}.create`])
      expectOk(await T.admin.patch(`/api/v1/${kind}/${row.id}`, { name: `${row.name} z` }, { 'if-match': '*' }))
      expect((await T.admin.delete(`/api/v1/${kind}/${row.id}`, { 'if-match': String(changed.headers.etag).replace('v2', 'v3') })).status).toBe(204)
    })
  }

  it('campaigns: filters on active, alone and with q', async () => {
    const marker = unique('act')
    const on = expectOk(await T.admin.post('/api/v1/campaigns', { name: `${marker} on` }), 201)
    const off = expectOk(await T.admin.post('/api/v1/campaigns', { name: `${marker} off`, active: false }), 201)
    expect(off.active).toBe(false)
    const ids = async (query: string) => expectOk(await T.admin.get(`/api/v1/campaigns?${query}`)).items.map((c: { id: string }) => c.id)
    expect(await ids(`q=${marker}`)).toEqual([off.id, on.id])
    expect(await ids(`q=${marker}&active=true`)).toEqual([on.id])
    expect(await ids(`q=${marker}&active=false`)).toEqual([off.id])
    const inactive = expectOk(await T.admin.get('/api/v1/campaigns?active=false&limit=200'))
    expect(inactive.items.every((c: { active: boolean }) => !c.active)).toBe(true)
    expect(inactive.total).toBe(inactive.items.length)
    expectOk(await T.admin.patch(`/api/v1/campaigns/${on.id}`, { active: false }))
    expect(await ids(`q=${marker}&active=true`)).toEqual([])
    expectProblem(await T.admin.get('/api/v1/campaigns?active=perhaps'), 422, 'validation_failed')
  })

  it('renaming a campaign renames it as users\' default campaign, and sorting by campaign follows', async () => {
    const prefix = unique('dc')
    const zulu = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Zulu ') }), 201)
    const mike = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Mike ') }), 201)
    const u1 = expectOk(await T.admin.post('/api/v1/users', { username: `${prefix}-1`, campaignIds: [zulu.id, mike.id], defaultCampaignId: zulu.id }), 201)
    const u2 = expectOk(await T.admin.post('/api/v1/users', { username: `${prefix}-2`, campaignIds: [mike.id] }), 201)
    expect(u1.defaultCampaignName).toBe(zulu.name)
    expect(u2).toMatchObject({ defaultCampaignId: mike.id, defaultCampaignName: mike.name })
    const order = async () => expectOk(await T.admin.get(`/api/v1/users?q=${prefix}&sort=campaign`)).items.map((u: { id: string }) => u.id)
    expect(await order()).toEqual([u2.id, u1.id])

    const renamed = unique('Alpha ')
    expectOk(await T.admin.patch(`/api/v1/campaigns/${zulu.id}`, { name: renamed }))
    expect(expectOk(await T.admin.get(`/api/v1/users/${u1.id}`))).toMatchObject({ defaultCampaignId: zulu.id, defaultCampaignName: renamed })
    expect(expectOk(await T.admin.get(`/api/v1/users/${u2.id}`)).defaultCampaignName).toBe(mike.name)
    expect(await order()).toEqual([u1.id, u2.id])
    const csv = await T.admin.get(`/api/v1/users?q=${prefix}`, { accept: 'text/csv' })
    expect(csv.text).toContain(renamed)
    expect(csv.text).not.toContain(zulu.name)
  })

  it('deleting a campaign or a team unlinks its users, clearing a default campaign', async () => {
    const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Doomed ') }), 201)
    const keep = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Kept ') }), 201)
    const team = expectOk(await T.admin.post('/api/v1/teams', { name: unique('Doomed team ') }), 201)
    const user = expectOk(await T.admin.post('/api/v1/users', {
      username: unique('linked'), campaignIds: [campaign.id, keep.id], defaultCampaignId: campaign.id, teamIds: [team.id],
    }), 201)
    expect((await T.admin.delete(`/api/v1/campaigns/${campaign.id}`)).status).toBe(204)
    expect((await T.admin.delete(`/api/v1/teams/${team.id}`)).status).toBe(204)
    const after = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(after).toMatchObject({ campaignIds: [keep.id], defaultCampaignId: null, defaultCampaignName: null, teamIds: [] })
    expect(expectOk(await T.admin.get(`/api/v1/users?campaign=${campaign.id}`)).total).toBe(0)
    expect(expectOk(await T.admin.get(`/api/v1/users?team=${team.id}`)).total).toBe(0)
    // The user stays editable.
    expect(expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { defaultCampaignId: keep.id })).defaultCampaignName).toBe(keep.name)
  })

  it('asks for the permissions: campaigns:manage and teams:manage to change, :read to see', async () => {
    const campaignAdmin = await userWithRole(env(), T, T.roles['campaign-administrator']!)
    const qualityManager = await userWithRole(env(), T, T.roles['quality-manager']!)
    const campaign = expectOk(await campaignAdmin.client.post('/api/v1/campaigns', { name: unique('By campaign admin ') }), 201)
    expectProblem(await campaignAdmin.client.post('/api/v1/teams', { name: unique('Not allowed ') }), 403, 'forbidden')
    expectOk(await campaignAdmin.client.get('/api/v1/teams'))
    expectOk(await qualityManager.client.get(`/api/v1/campaigns/${campaign.id}`))
    expectProblem(await qualityManager.client.patch(`/api/v1/campaigns/${campaign.id}`, { name: 'nope' }), 403, 'forbidden')
    expectProblem(await qualityManager.client.delete(`/api/v1/campaigns/${campaign.id}`), 403, 'forbidden')
    expect(expectOk(await T.admin.get(`/api/v1/campaigns/${campaign.id}`)).version).toBe(1)
  })
})
