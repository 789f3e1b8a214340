// The audit trail: one event per change with who, where from and what changed (never secrets),
// filters and paging, append-only in the API and in the database, and atomic with the change.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

interface AuditEvent {
  id: string
  tenantId: string
  at: string
  actorId: string | null
  actorUsername: string | null
  clientIp: string | null
  action: string
  entityType: string
  entityId: string
  changes: Record<string, { old: unknown; new: unknown }>
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describeEachEngine('audit', (env) => {
  const platform = () => new Client(env(), env().platformKey)
  let T: TenantFixture
  let admin: { id: string; username: string }
  let platformAdminId: string

  beforeAll(async () => {
    T = await createTenant(env())
    admin = expectOk(await T.admin.get('/api/v1/users?q=admin')).items.find((u: { username: string }) => u.username === 'admin')
    platformAdminId = expectOk(await platform().get('/api/v1/users?tenant=system&q=admin')).items[0].id
  })

  /** Every event about one entity, newest first. */
  async function eventsOf(entityId: string, tenant = T): Promise<AuditEvent[]> {
    const page = expectOk(await platform().get(`/api/v1/audit?tenant=${tenant.slug}&entityId=${entityId}&limit=200`))
    return page.items
  }

  async function auditCount(tenant = T): Promise<number> {
    return expectOk(await platform().get(`/api/v1/audit?tenant=${tenant.slug}&limit=1`)).total
  }

  /** Expects exactly these events (oldest first) about the entity, made by the tenant's administrator. */
  async function expectEvents(entityType: string, entityId: string, expected: Array<[string, Record<string, { old: unknown; new: unknown }>]>) {
    const events = (await eventsOf(entityId)).reverse()
    expect(events.map((e) => e.action)).toEqual(expected.map(([action]) => action))
    events.forEach((event, i) => {
      expect(event).toMatchObject({
        tenantId: T.id, actorId: admin.id, actorUsername: 'admin', clientIp: '127.0.0.1', entityType, entityId,
      })
      expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000)
      expect(event.changes, event.action).toEqual(expected[i]![1])
    })
    return events
  }

  // ---------- one event per change ----------

  it('tenants: create and update each write one event with the changed fields', async () => {
    const slug = unique('aud-')
    const tenant = expectOk(await platform().post('/api/v1/tenants', { slug, name: 'Audited' }), 201)
    expectOk(await platform().patch(`/api/v1/tenants/${tenant.id}`, { name: 'Audited 2', settings: { timeZone: 'Europe/Amsterdam' } }))
    const events = (await eventsOf(tenant.id, { slug } as TenantFixture)).reverse()
    expect(events.map((e) => e.action)).toEqual(['tenant.create', 'tenant.update'])
    for (const e of events) expect(e).toMatchObject({ tenantId: tenant.id, actorId: platformAdminId, actorUsername: 'admin', clientIp: '127.0.0.1', entityType: 'tenant', entityId: tenant.id })
    expect(events[0]!.changes).toMatchObject({ slug: { old: null, new: slug }, name: { old: null, new: 'Audited' }, active: { old: null, new: true }, 'settings.timeZone': { old: null, new: 'UTC' } })
    expect(events[1]!.changes).toEqual({ name: { old: 'Audited', new: 'Audited 2' }, 'settings.timeZone': { old: 'UTC', new: 'Europe/Amsterdam' } })
    // A tenant's own administrator changing its settings is recorded as that administrator.
    expectOk(await T.admin.patch(`/api/v1/tenants/${T.id}`, { settings: { emailRequired: true } }))
    expectOk(await T.admin.patch(`/api/v1/tenants/${T.id}`, { settings: { emailRequired: false } }))
    const own = (await eventsOf(T.id)).filter((e) => e.action === 'tenant.update').reverse()
    expect(own.map((e) => [e.actorId, e.changes])).toEqual([
      [admin.id, { 'settings.emailRequired': { old: false, new: true } }],
      [admin.id, { 'settings.emailRequired': { old: true, new: false } }],
    ])
  })

  it('campaigns and teams: create, update and delete each write one event', async () => {
    const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: 'Audit campaign' }), 201)
    expectOk(await T.admin.patch(`/api/v1/campaigns/${campaign.id}`, { active: false }))
    expect((await T.admin.delete(`/api/v1/campaigns/${campaign.id}`)).status).toBe(204)
    await expectEvents('campaign', campaign.id, [
      ['campaign.create', { name: { old: null, new: 'Audit campaign' }, active: { old: null, new: true } }],
      ['campaign.update', { active: { old: true, new: false } }],
      ['campaign.delete', { name: { old: 'Audit campaign', new: null }, active: { old: false, new: null } }],
    ])
    const team = expectOk(await T.admin.post('/api/v1/teams', { name: 'Audit team' }), 201)
    expectOk(await T.admin.patch(`/api/v1/teams/${team.id}`, { description: 'Quiet corner' }))
    expect((await T.admin.delete(`/api/v1/teams/${team.id}`)).status).toBe(204)
    await expectEvents('team', team.id, [
      ['team.create', { name: { old: null, new: 'Audit team' }, description: { old: null, new: '' } }],
      ['team.update', { description: { old: '', new: 'Quiet corner' } }],
      ['team.delete', { name: { old: 'Audit team', new: null }, description: { old: 'Quiet corner', new: null } }],
    ])
  })

  it('roles: create, update and delete each write one event', async () => {
    const role = expectOk(await T.admin.post('/api/v1/roles', { name: 'Audit role', permissions: ['users:read'] }), 201)
    expectOk(await T.admin.patch(`/api/v1/roles/${role.id}`, { permissions: ['users:read', 'teams:read'] }))
    expect((await T.admin.delete(`/api/v1/roles/${role.id}`)).status).toBe(204)
    await expectEvents('role', role.id, [
      ['role.create', { name: { old: null, new: 'Audit role' }, description: { old: null, new: '' }, permissions: { old: null, new: ['users:read'] } }],
      ['role.update', { permissions: { old: ['users:read'], new: ['users:read', 'teams:read'] } }],
      ['role.delete', { name: { old: 'Audit role', new: null }, description: { old: '', new: null }, permissions: { old: ['users:read', 'teams:read'], new: null } }],
    ])
  })

  it('users: create, update, deactivate, activate and delete each write one event with the changed fields', async () => {
    const username = unique('audited')
    const user = expectOk(await T.admin.post('/api/v1/users', { username, firstName: 'Ann', email: `${username}@example.com` }), 201)
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { jobTitle: 'Agent', mobilePhone: '+31 20 123 4567' }))
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { active: false }))
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { active: true, firstName: 'Anna' }))
    expect((await T.admin.delete(`/api/v1/users/${user.id}`)).status).toBe(204)
    const events = (await eventsOf(user.id)).reverse()
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.update', 'user.deactivate', 'user.activate', 'user.delete'])
    for (const e of events) expect(e).toMatchObject({ tenantId: T.id, actorId: admin.id, clientIp: '127.0.0.1', entityType: 'user', entityId: user.id })
    expect(events[0]!.changes).toMatchObject({
      username: { old: null, new: username }, firstName: { old: null, new: 'Ann' }, email: { old: null, new: `${username}@example.com` }, roleId: { old: null, new: T.roles.agent },
    })
    expect(events[1]!.changes).toEqual({ jobTitle: { old: '', new: 'Agent' }, mobilePhone: { old: null, new: '+31201234567' } })
    expect(events[2]!.changes).toEqual({ active: { old: true, new: false } })
    expect(events[3]!.changes).toEqual({ active: { old: false, new: true }, firstName: { old: 'Ann', new: 'Anna' } })
    expect(events[4]!.changes).toMatchObject({ username: { old: username, new: null }, firstName: { old: 'Anna', new: null } })
  })

  it('API keys: create and revoke each write one event, and no event holds the key or its hash', async () => {
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('keyed') }), 201)
    const created = expectOk(await T.admin.post('/api/v1/api-keys', { name: 'integration', userId: user.id }), 201)
    const key: string = created.key
    expect(expectOk(await T.admin.delete(`/api/v1/api-keys/${created.apiKey.id}`)).revokedAt).toEqual(expect.any(String))
    // Revoking again changes nothing and writes nothing.
    expectOk(await T.admin.delete(`/api/v1/api-keys/${created.apiKey.id}`))
    const events = await expectEvents('api_key', created.apiKey.id, [
      ['api_key.create', { userId: { old: null, new: user.id }, name: { old: null, new: 'integration' }, prefix: { old: null, new: created.apiKey.prefix } }],
      ['api_key.revoke', { revokedAt: { old: null, new: expect.any(String) } }],
    ])
    expect(key.length).toBeGreaterThan(created.apiKey.prefix.length + 20)
    const all = JSON.stringify(expectOk(await platform().get(`/api/v1/audit?tenant=${T.slug}&limit=200`)).items)
    for (const secret of [key, key.slice(created.apiKey.prefix.length), sha256(key)]) {
      expect(JSON.stringify(events)).not.toContain(secret)
      expect(all).not.toContain(secret)
    }
    // Nor the administrators' passwords or their hashes.
    expect(all).not.toContain('tenant-admin-password')
    expect(all).not.toMatch(/\$argon2/)
    const raw = await env().db.selectFrom('audit_events').select('changes').execute()
    const stored = raw.map((r) => r.changes).join('\n')
    expect(stored).not.toContain(key)
    expect(stored).not.toContain(sha256(key))
  })

  it('records the client address the server saw, not one a client claims', async () => {
    const answer = await T.admin.post('/api/v1/campaigns', { name: unique('From afar ') }, { 'x-forwarded-for': '203.0.113.9' })
    const campaign = expectOk(answer, 201)
    const [event] = await eventsOf(campaign.id)
    expect(event!.clientIp).toBe('127.0.0.1')
  })

  // ---------- reading the trail ----------

  it('filters on entityType, entityId, actorId, action and from/to', async () => {
    const F = await createTenant(env())
    const fAdminId = expectOk(await F.admin.get('/api/v1/users?q=admin')).items.find((u: { username: string }) => u.username === 'admin').id
    const other = expectOk(await F.admin.post('/api/v1/users', { username: unique('other-actor'), roleId: F.roles['contact-centre-manager'] }), 201)
    const otherKey = expectOk(await F.admin.post('/api/v1/api-keys', { name: 'other', userId: other.id }), 201)
    const otherClient = new Client(env(), otherKey.key)
    const list = async (query: string): Promise<AuditEvent[]> => expectOk(await platform().get(`/api/v1/audit?tenant=${F.slug}&limit=200&${query}`)).items

    await sleep(5)
    const t0 = new Date().toISOString()
    await sleep(5)
    const c1 = expectOk(await F.admin.post('/api/v1/campaigns', { name: 'C1' }), 201)
    const t1 = expectOk(await F.admin.post('/api/v1/teams', { name: 'T1' }), 201)
    const c2 = expectOk(await otherClient.post('/api/v1/campaigns', { name: 'C2' }), 201)
    expectOk(await otherClient.patch(`/api/v1/campaigns/${c1.id}`, { name: 'C1 renamed' }))
    await sleep(5)
    const t2 = new Date().toISOString()
    await sleep(5)
    expectOk(await F.admin.patch(`/api/v1/teams/${t1.id}`, { name: 'T1 renamed' }))

    const ids = (events: AuditEvent[]) => events.map((e) => `${e.action}:${e.entityId}`)
    expect(ids(await list('entityType=campaign'))).toEqual([`campaign.update:${c1.id}`, `campaign.create:${c2.id}`, `campaign.create:${c1.id}`])
    expect(ids(await list(`entityId=${c1.id}`))).toEqual([`campaign.update:${c1.id}`, `campaign.create:${c1.id}`])
    expect(ids(await list(`actorId=${other.id}`))).toEqual([`campaign.update:${c1.id}`, `campaign.create:${c2.id}`])
    expect((await list(`actorId=${fAdminId}`)).every((e) => e.actorId === fAdminId)).toBe(true)
    expect(ids(await list('action=team.update'))).toEqual([`team.update:${t1.id}`])
    expect(ids(await list('entityType=campaign&actorId=' + fAdminId))).toEqual([`campaign.create:${c1.id}`])
    expect(ids(await list(`from=${t0}&to=${t2}`))).toEqual([`campaign.update:${c1.id}`, `campaign.create:${c2.id}`, `team.create:${t1.id}`, `campaign.create:${c1.id}`])
    expect(ids(await list(`from=${t2}`))).toEqual([`team.update:${t1.id}`])
    const before = await list(`to=${t0}`)
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((e) => Date.parse(e.at) < Date.parse(t0))).toBe(true)
    expect(before.some((e) => e.action === 'campaign.create')).toBe(false)
    expect(await list('action=no.such.action')).toEqual([])
    expect(await list(`entityId=${T.id}`)).toEqual([])
    expectProblem(await platform().get(`/api/v1/audit?tenant=${F.slug}&from=yesterday`), 422, 'validation_failed')
    expectProblem(await platform().get(`/api/v1/audit?tenant=${F.slug}&colour=red`), 422, 'validation_failed')
    // The tenant's own administrator reads the same trail without naming the tenant.
    expect(ids(expectOk(await F.admin.get(`/api/v1/audit?actorId=${other.id}`)).items)).toEqual([`campaign.update:${c1.id}`, `campaign.create:${c2.id}`])
  })

  it('pages newest first by default, with a total, numbered pages and cursors', async () => {
    const P = await createTenant(env())
    for (let i = 0; i < 7; i++) expectOk(await P.admin.post('/api/v1/teams', { name: `Team ${i}` }), 201)
    const all: AuditEvent[] = expectOk(await platform().get(`/api/v1/audit?tenant=${P.slug}&limit=200`)).items
    expect(all.length).toBeGreaterThanOrEqual(8)
    const numeric = all.map((e) => Number(e.id))
    expect(numeric).toEqual([...numeric].sort((a, b) => b - a))
    expect(all.map((e) => Date.parse(e.at))).toEqual(all.map((e) => Date.parse(e.at)).sort((a, b) => b - a))
    expect(all[0]!.changes.name).toEqual({ old: null, new: 'Team 6' })
    expect(all.at(-1)!.action).toBe('tenant.create')

    const first = expectOk(await P.admin.get('/api/v1/audit?limit=3'))
    expect(first).toMatchObject({ total: all.length, page: 1 })
    expect(first.items.map((e: AuditEvent) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id))
    const second = expectOk(await P.admin.get('/api/v1/audit?limit=3&page=2'))
    expect(second.items.map((e: AuditEvent) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id))
    const walked: string[] = []
    let cursor: string | undefined
    do {
      const page = expectOk(await P.admin.get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`))
      expect(page.total).toBe(all.length)
      walked.push(...page.items.map((e: AuditEvent) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(walked).toEqual(all.map((e) => e.id))
    const asc = expectOk(await P.admin.get('/api/v1/audit?limit=200&order=asc'))
    expect(asc.items.map((e: AuditEvent) => e.id)).toEqual([...all].reverse().map((e) => e.id))
  })

  // ---------- append-only ----------

  it('has no route that changes or deletes audit events', async () => {
    const [event] = await eventsOf(T.id)
    expect(event).toBeDefined()
    for (const client of [platform(), T.admin]) {
      for (const [method, url] of [
        ['PATCH', '/api/v1/audit'], ['DELETE', '/api/v1/audit'], ['PUT', '/api/v1/audit'], ['POST', '/api/v1/audit'],
        ['GET', `/api/v1/audit/${event!.id}`], ['PATCH', `/api/v1/audit/${event!.id}`], ['PUT', `/api/v1/audit/${event!.id}`], ['DELETE', `/api/v1/audit/${event!.id}`],
      ] as const) {
        const answer = await client.call(method, url, method === 'PATCH' || method === 'PUT' || method === 'POST' ? { action: 'forged' } : undefined)
        expect([404, 405], `${method} ${url}: ${answer.text}`).toContain(answer.status)
      }
    }
    const doc = JSON.parse((await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).body)
    const auditPaths = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([path]) => path.startsWith('/api/v1/audit'))
    expect(auditPaths.map(([path, ops]) => [path, Object.keys(ops)])).toEqual([['/api/v1/audit', ['get']]])
    expect((await eventsOf(T.id))[0]).toEqual(event)
  })

  it('is refused by the database itself: UPDATE and DELETE on audit_events fail on this engine', async () => {
    const db = env().db
    const count = async () => Number((await sql<{ n: number | string }>`select count(*) as n from audit_events`.execute(db)).rows[0]!.n)
    const snapshot = async () => (await sql`select * from audit_events order by id`.execute(db)).rows
    const before = await snapshot()
    expect(before.length).toBeGreaterThan(0)
    const some = before[0] as { id: number | string }
    const attempts = [
      sql`update audit_events set action = 'forged'`,
      sql`update audit_events set changes = '{}' where id = ${some.id}`,
      sql`update audit_events set tenant_id = 'elsewhere' where tenant_id = ${T.id}`,
      sql`delete from audit_events where id = ${some.id}`,
      sql`delete from audit_events where tenant_id = ${T.id}`,
      sql`delete from audit_events`,
    ]
    for (const attempt of attempts) {
      await expect(attempt.execute(db), attempt.compile(db).sql).rejects.toThrow(/audit events cannot be changed/)
    }
    // Also inside a transaction, through the query builder.
    await expect(db.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_events').where('tenant_id', '=', T.id).execute()
    })).rejects.toThrow(/audit events cannot be changed/)
    expect(await count()).toBe(before.length)
    expect(await snapshot()).toEqual(before)
  })

  // ---------- atomic with the change ----------

  it('a refused change leaves no audit event: a user create that hits 409, a rename to a taken name', async () => {
    const username = unique('dup')
    expectOk(await T.admin.post('/api/v1/users', { username }), 201)
    const c = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Taken ') }), 201)
    const d = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Free ') }), 201)
    const before = await auditCount()
    expectProblem(await T.admin.post('/api/v1/users', { username: username.toUpperCase(), firstName: 'Second' }), 409, 'username_taken')
    expectProblem(await T.admin.patch(`/api/v1/campaigns/${d.id}`, { name: c.name.toLowerCase() }), 409, 'campaign_name_taken')
    expectProblem(await T.admin.post('/api/v1/teams', { name: '' }), 422, 'validation_failed')
    expectProblem(await T.admin.patch(`/api/v1/campaigns/${d.id}`, { name: 'stale' }, { 'if-match': '"v7"' }), 412, 'version_conflict')
    expect(await auditCount()).toBe(before)
    expect(expectOk(await T.admin.get(`/api/v1/users?q=${username}`)).total).toBe(1)
  })

  it('a transaction that fails after writing rolls back the change and its audit event together', async () => {
    const db = env().db
    const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Linked ') }), 201)
    const team = expectOk(await T.admin.post('/api/v1/teams', { name: unique('Linked team ') }), 201)
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('stable'), campaignIds: [campaign.id], teamIds: [team.id] }), 201)
    // A test-only trigger: the audit write fails, after the change's own rows were written, for any
    // change mentioning the marker and for deleting the team.
    const marker = 'rollback-marker'
    const condition = `new.changes like '%${marker}%' or (new.action = 'team.delete' and new.entity_id = '${team.id}')`
    if (env().engine === 'postgres') {
      await sql.raw(`create or replace function test_fail_audit() returns trigger language plpgsql as $$
        begin if ${condition} then raise exception 'test: audit write failed'; end if; return new; end $$`).execute(db)
      await sql.raw('create trigger test_fail_audit after insert on audit_events for each row execute function test_fail_audit()').execute(db)
    } else {
      await sql.raw(`create trigger test_fail_audit after insert on audit_events when ${condition}
        begin select raise(abort, 'test: audit write failed'); end`).execute(db)
    }
    try {
      const before = await auditCount()
      const campaignLinks = async () => db.selectFrom('user_campaigns').select(['user_id', 'campaign_id']).where('campaign_id', '=', campaign.id).execute()
      const teamLinks = async () => db.selectFrom('user_teams').select(['user_id', 'team_id']).where('team_id', '=', team.id).execute()
      const links = { campaigns: await campaignLinks(), teams: await teamLinks() }
      expect(links.campaigns).toHaveLength(1)
      expect(links.teams).toHaveLength(1)

      // A create: the row was inserted, then the audit write failed.
      expectProblem(await T.admin.post('/api/v1/campaigns', { name: `${marker} campaign` }), 500, 'internal_error')
      expect(expectOk(await T.admin.get(`/api/v1/campaigns?q=${marker}`)).total).toBe(0)
      // A user create with links.
      expectProblem(await T.admin.post('/api/v1/users', { username: `${marker}-user`, campaignIds: [campaign.id], teamIds: [team.id] }), 500, 'internal_error')
      expect(expectOk(await T.admin.get(`/api/v1/users?q=${marker}`)).total).toBe(0)
      expect(await db.selectFrom('users').select('id').where('username', '=', `${marker}-user`).execute()).toEqual([])
      // An update: the user row and its links were rewritten, then the audit write failed.
      expectProblem(await T.admin.patch(`/api/v1/users/${user.id}`, { jobTitle: marker, campaignIds: [], teamIds: [] }), 500, 'internal_error')
      expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toEqual(user)
      // A rename that also renamed the users' copy of the name.
      expectProblem(await T.admin.patch(`/api/v1/campaigns/${campaign.id}`, { name: `${marker} renamed` }), 500, 'internal_error')
      expect(expectOk(await T.admin.get(`/api/v1/campaigns/${campaign.id}`))).toEqual(campaign)
      expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).defaultCampaignName).toBe(campaign.name)
      // A delete that had already unlinked the members.
      expectProblem(await T.admin.delete(`/api/v1/teams/${team.id}`), 500, 'internal_error')
      expect(expectOk(await T.admin.get(`/api/v1/teams/${team.id}`))).toEqual(team)

      expect({ campaigns: await campaignLinks(), teams: await teamLinks() }).toEqual(links)
      expect(await auditCount()).toBe(before)
      expect(JSON.stringify(expectOk(await platform().get(`/api/v1/audit?tenant=${T.slug}&limit=200`)).items)).not.toContain(marker)
    } finally {
      if (env().engine === 'postgres') {
        await sql.raw('drop trigger test_fail_audit on audit_events').execute(db)
        await sql.raw('drop function test_fail_audit()').execute(db)
      } else {
        await sql.raw('drop trigger test_fail_audit').execute(db)
      }
    }
    // Without the trigger the same delete goes through, with its event.
    expect((await T.admin.delete(`/api/v1/teams/${team.id}`)).status).toBe(204)
    expect((await eventsOf(team.id))[0]!.action).toBe('team.delete')
  })
})
