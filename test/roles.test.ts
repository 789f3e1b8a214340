// Roles: the permission catalogue, built-in and custom roles, and the no-escalation rule for
// roles, users and API keys.
import { beforeAll, describe, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

const CATALOGUE = [
  'users:read', 'users:write', 'users:delete', 'users:credentials', 'roles:read', 'roles:manage', 'campaigns:read',
  'campaigns:manage', 'teams:read', 'teams:manage', 'groups:manage', 'skills:manage', 'settings:manage', 'audit:read', 'presence:write', 'voice:export', 'tenants:manage',
]
const TEAM_LEADER = ['users:read', 'users:write', 'users:credentials', 'roles:read', 'campaigns:read', 'teams:read']

describeEachEngine('roles', (env) => {
  const platform = () => new Client(env(), env().platformKey)

  /** Every audit event of the tenant (read by the platform administrator). */
  async function auditOf(tenant: TenantFixture) {
    const page = expectOk(await platform().get(`/api/v1/audit?tenant=${tenant.slug}&limit=200`))
    expect(page.total).toBeLessThanOrEqual(200)
    return page.items as Array<{ id: string; action: string; entityType: string; entityId: string; actorId: string; changes: Record<string, { old: unknown; new: unknown }> }>
  }

  /** A user of the role and a key its tenant's administrator made for it through the API. */
  async function userWithKeyByAdmin(tenant: TenantFixture, roleId: string, fields: Record<string, unknown> = {}) {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('k'), roleId, ...fields }), 201)
    const created = expectOk(await tenant.admin.post('/api/v1/api-keys', { name: 'by admin', userId: user.id }), 201)
    return { user, client: new Client(env(), created.key), keyId: created.apiKey.id as string }
  }

  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
  })

  // ---------- catalogue and built-in roles ----------

  it('lists the permission catalogue to anyone with roles:read, and to nobody else', async () => {
    const reader = await userWithRole(env(), T, T.roles['quality-manager']!)
    const list = expectOk(await reader.client.get('/api/v1/permissions'))
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(CATALOGUE)
    for (const p of list.items) {
      expect(p.description, p.name).toMatch(/\S/)
      expect(p.platformOnly, p.name).toBe(p.name === 'tenants:manage')
    }
    const agent = await userWithRole(env(), T, T.roles.agent!)
    expectProblem(await agent.client.get('/api/v1/permissions'), 403, 'forbidden')
  })

  it('seeds six built-in roles with fixed keys and permissions', async () => {
    const roles = expectOk(await T.admin.get('/api/v1/roles?limit=200')).items as Array<{ key: string | null; builtin: boolean; permissions: string[]; version: number }>
    const builtins = Object.fromEntries(roles.filter((r) => r.builtin).map((r) => [r.key, r.permissions]))
    expect(Object.keys(builtins).sort()).toEqual(['administrator', 'agent', 'campaign-administrator', 'contact-centre-manager', 'quality-manager', 'team-leader'])
    expect([...builtins.administrator!].sort()).toEqual(CATALOGUE.filter((p) => p !== 'tenants:manage').sort())
    expect(builtins.agent).toEqual([])
    expect([...builtins['team-leader']!].sort()).toEqual([...TEAM_LEADER].sort())
  })

  it('keeps built-in roles read-only: PATCH and DELETE answer 409 builtin_role_read_only and change nothing', async () => {
    const eventsBefore = (await auditOf(T)).length
    for (const [key, id] of Object.entries(T.roles)) {
      const before = expectOk(await T.admin.get(`/api/v1/roles/${id}`))
      if (!before.builtin) continue
      expectProblem(await T.admin.patch(`/api/v1/roles/${id}`, { name: `${key} renamed` }), 409, 'builtin_role_read_only')
      expectProblem(await T.admin.patch(`/api/v1/roles/${id}`, { permissions: ['users:read'] }), 409, 'builtin_role_read_only')
      expectProblem(await T.admin.patch(`/api/v1/roles/${id}`, { description: 'changed' }, { 'if-match': '"v1"' }), 409, 'builtin_role_read_only')
      expectProblem(await T.admin.delete(`/api/v1/roles/${id}`), 409, 'builtin_role_read_only')
      expect(expectOk(await T.admin.get(`/api/v1/roles/${id}`))).toEqual(before)
    }
    // Not even the platform administrator may change them.
    expectProblem(await platform().patch(`/api/v1/roles/${T.roles.agent}`, { permissions: ['users:read'] }), 409, 'builtin_role_read_only')
    expectProblem(await platform().delete(`/api/v1/roles/${T.roles.agent}`), 409, 'builtin_role_read_only')
    expect((await auditOf(T)).length).toBe(eventsBefore)
  })

  // ---------- custom roles ----------

  it('creates, changes and deletes a custom role, writing one audit event each', async () => {
    const name = unique('Night shift ')
    const created = await T.admin.post('/api/v1/roles', { name, description: 'Works at night', permissions: ['users:read', 'campaigns:read'] })
    const role = expectOk(created, 201)
    expect(created.headers.etag).toBe('"v1"')
    expect(role).toMatchObject({ tenantId: T.id, key: null, name, description: 'Works at night', builtin: false, permissions: ['users:read', 'campaigns:read'], version: 1 })
    expect(expectOk(await T.admin.get(`/api/v1/roles/${role.id}`))).toEqual(role)
    expect(expectOk(await T.admin.get(`/api/v1/roles?q=${encodeURIComponent(name)}`)).items).toEqual([role])

    const changed = await T.admin.patch(`/api/v1/roles/${role.id}`, { name: `${name} 2`, permissions: ['users:read', 'teams:read'] })
    expect(expectOk(changed)).toMatchObject({ name: `${name} 2`, description: 'Works at night', permissions: ['users:read', 'teams:read'], version: 2 })
    expect(changed.headers.etag).toBe('"v2"')

    expect((await T.admin.delete(`/api/v1/roles/${role.id}`)).status).toBe(204)
    expectProblem(await T.admin.get(`/api/v1/roles/${role.id}`), 404, 'role_not_found')

    const events = (await auditOf(T)).filter((e) => e.entityId === role.id)
    expect(events.map((e) => e.action)).toEqual(['role.delete', 'role.update', 'role.create'])
    const adminId = expectOk(await T.admin.get('/api/v1/users?q=admin')).items.find((u: { username: string }) => u.username === 'admin').id
    for (const e of events) expect(e).toMatchObject({ entityType: 'role', actorId: adminId })
    expect(events[2]!.changes).toEqual({
      name: { old: null, new: name }, description: { old: null, new: 'Works at night' }, permissions: { old: null, new: ['users:read', 'campaigns:read'] },
    })
    expect(events[1]!.changes).toEqual({
      name: { old: name, new: `${name} 2` }, permissions: { old: ['users:read', 'campaigns:read'], new: ['users:read', 'teams:read'] },
    })
    expect(events[0]!.changes).toEqual({
      name: { old: `${name} 2`, new: null }, description: { old: 'Works at night', new: null }, permissions: { old: ['users:read', 'teams:read'], new: null },
    })
  })

  it('validates a custom role: name, known permissions, no repeats, no unknown fields', async () => {
    const body = expectProblem(await T.admin.post('/api/v1/roles', { name: '', permissions: ['users:read', 'users:read', 'users:fly'], colour: 'red' }), 422, 'validation_failed')
    const byPath = Object.fromEntries(body.errors!.map((e) => [e.path, e.code]))
    expect(byPath).toMatchObject({ name: 'required', colour: 'unknown_field' })
    expect(Object.keys(byPath).some((p) => p.startsWith('permissions'))).toBe(true)
    expectProblem(await T.admin.post('/api/v1/roles', { name: 'x'.repeat(101), permissions: [] }), 422, 'validation_failed')
    expectProblem(await T.admin.post('/api/v1/roles', { name: 'No permissions field' }), 422, 'validation_failed')
    expect(expectOk(await T.admin.get('/api/v1/roles?q=No%20permissions%20field')).total).toBe(0)
  })

  it('refuses a taken role name, case-insensitively, with 409 role_name_taken; another tenant may use it', async () => {
    const name = unique('Escalations ')
    const first = expectOk(await T.admin.post('/api/v1/roles', { name, permissions: [] }), 201)
    const body = expectProblem(await T.admin.post('/api/v1/roles', { name: name.toUpperCase(), permissions: [] }), 409, 'role_name_taken')
    expect(body.errors?.[0]?.path).toBe('name')
    expectProblem(await T.admin.post('/api/v1/roles', { name: 'administrator', permissions: [] }), 409, 'role_name_taken')
    const second = expectOk(await T.admin.post('/api/v1/roles', { name: `${name} two`, permissions: [] }), 201)
    expectProblem(await T.admin.patch(`/api/v1/roles/${second.id}`, { name: name.toLowerCase() }), 409, 'role_name_taken')
    expectProblem(await T.admin.patch(`/api/v1/roles/${second.id}`, { name: 'AGENT' }), 409, 'role_name_taken')
    expect(expectOk(await T.admin.get(`/api/v1/roles/${second.id}`))).toMatchObject({ name: `${name} two`, version: 1 })
    // Changing only the case of its own name is fine.
    expect(expectOk(await T.admin.patch(`/api/v1/roles/${first.id}`, { name: name.toUpperCase() })).name).toBe(name.toUpperCase())
    const other = await createTenant(env())
    expectOk(await other.admin.post('/api/v1/roles', { name, permissions: [] }), 201)
  })

  it('keeps tenants:manage for roles of the platform tenant (422 platform_only_permission)', async () => {
    const name = unique('Tenant maker ')
    const body = expectProblem(await platform().post('/api/v1/roles', { tenantId: T.id, name, permissions: ['users:read', 'tenants:manage'] }), 422, 'validation_failed')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'permissions[1]', code: 'platform_only_permission' })])
    const custom = expectOk(await platform().post('/api/v1/roles', { tenantId: T.id, name, permissions: ['users:read'] }), 201)
    const patched = expectProblem(await platform().patch(`/api/v1/roles/${custom.id}`, { permissions: ['tenants:manage'] }), 422, 'validation_failed')
    expect(patched.errors).toEqual([expect.objectContaining({ path: 'permissions[0]', code: 'platform_only_permission' })])
    expect(expectOk(await platform().get(`/api/v1/roles/${custom.id}`))).toMatchObject({ permissions: ['users:read'], version: 1 })
    // A tenant's administrator does not hold it either, so it is refused to them too.
    const refused = await T.admin.post('/api/v1/roles', { name: `${name} own`, permissions: ['tenants:manage'] })
    expect([403, 422]).toContain(refused.status)
    expect(expectOk(await T.admin.get(`/api/v1/roles?q=${encodeURIComponent(`${name} own`)}`)).total).toBe(0)
    // The platform tenant's own roles may hold it.
    expect(expectOk(await platform().post('/api/v1/roles', { name: unique('Operators '), permissions: ['tenants:manage'] }), 201).permissions).toEqual(['tenants:manage'])
  })

  it('refuses to delete a role that users hold (409 role_in_use)', async () => {
    const role = expectOk(await T.admin.post('/api/v1/roles', { name: unique('Held '), permissions: ['users:read'] }), 201)
    const holder = expectOk(await T.admin.post('/api/v1/users', { username: unique('holder'), roleId: role.id }), 201)
    expectProblem(await T.admin.delete(`/api/v1/roles/${role.id}`), 409, 'role_in_use')
    // Deactivated holders still hold it.
    expectOk(await T.admin.patch(`/api/v1/users/${holder.id}`, { active: false }))
    expectProblem(await T.admin.delete(`/api/v1/roles/${role.id}`), 409, 'role_in_use')
    expectOk(await T.admin.get(`/api/v1/roles/${role.id}`))
    expect((await auditOf(T)).filter((e) => e.entityId === role.id).map((e) => e.action)).toEqual(['role.create'])
    expectOk(await T.admin.patch(`/api/v1/users/${holder.id}`, { roleId: T.roles.agent }))
    expect((await T.admin.delete(`/api/v1/roles/${role.id}`)).status).toBe(204)
  })

  it('renaming a role renames it on its users, and sorting by role follows', async () => {
    const prefix = unique('rs')
    const role = expectOk(await T.admin.post('/api/v1/roles', { name: unique('Zz custom '), permissions: [] }), 201)
    const custom = expectOk(await T.admin.post('/api/v1/users', { username: `${prefix}-c`, roleId: role.id }), 201)
    expectOk(await T.admin.post('/api/v1/users', { username: `${prefix}-a`, roleId: T.roles.agent }), 201)
    expectOk(await T.admin.post('/api/v1/users', { username: `${prefix}-q`, roleId: T.roles['quality-manager'] }), 201)
    const order = async () => expectOk(await T.admin.get(`/api/v1/users?q=${prefix}&sort=role`)).items.map((u: { roleName: string }) => u.roleName)
    expect(await order()).toEqual(['Agent', 'Quality Manager', role.name])

    const newName = unique('Aa custom ')
    expectOk(await T.admin.patch(`/api/v1/roles/${role.id}`, { name: newName }))
    expect(expectOk(await T.admin.get(`/api/v1/users/${custom.id}`)).roleName).toBe(newName)
    expect(await order()).toEqual([newName, 'Agent', 'Quality Manager'])
    const desc = expectOk(await T.admin.get(`/api/v1/users?q=${prefix}&sort=role&order=desc`)).items.map((u: { roleName: string }) => u.roleName)
    expect(desc).toEqual(['Quality Manager', 'Agent', newName])
    expect(expectOk(await T.admin.get(`/api/v1/users?q=${prefix}&role=${role.id}`)).items.map((u: { id: string }) => u.id)).toEqual([custom.id])
  })

  it('honours If-Match on roles: a stale version answers 412 version_conflict', async () => {
    const created = await T.admin.post('/api/v1/roles', { name: unique('Versioned '), permissions: [] })
    const role = expectOk(created, 201)
    const v1 = String(created.headers.etag)
    expect((await T.admin.get(`/api/v1/roles/${role.id}`)).headers.etag).toBe(v1)
    const changed = await T.admin.patch(`/api/v1/roles/${role.id}`, { description: 'first' }, { 'if-match': v1 })
    expect(expectOk(changed).version).toBe(2)
    const v2 = String(changed.headers.etag)
    expectProblem(await T.admin.patch(`/api/v1/roles/${role.id}`, { description: 'stale' }, { 'if-match': v1 }), 412, 'version_conflict')
    expectProblem(await T.admin.patch(`/api/v1/roles/${role.id}`, { description: 'garbage' }, { 'if-match': 'not an etag' }), 412, 'version_conflict')
    expectProblem(await T.admin.delete(`/api/v1/roles/${role.id}`, { 'if-match': v1 }), 412, 'version_conflict')
    expect(expectOk(await T.admin.get(`/api/v1/roles/${role.id}`))).toMatchObject({ description: 'first', version: 2 })
    expect((await T.admin.delete(`/api/v1/roles/${role.id}`, { 'if-match': v2 })).status).toBe(204)
  })

  // ---------- no privilege escalation ----------

  describe('no privilege escalation', () => {
    let E: TenantFixture
    let leader: Client
    let admin2: { id: string; version: number }
    let manager: { id: string; version: number }
    let agentUser: { id: string; version: number }

    /** The state of the tenant that a refused attempt must leave as it was. */
    async function snapshot() {
      const users = expectOk(await E.admin.get('/api/v1/users?limit=200'))
      const roles = expectOk(await E.admin.get('/api/v1/roles?limit=200'))
      const audit = expectOk(await platform().get(`/api/v1/audit?tenant=${E.slug}&limit=1`))
      return { users: users.items, roles: roles.items, auditTotal: audit.total, auditNewest: audit.items[0]?.id }
    }

    beforeAll(async () => {
      E = await createTenant(env())
      leader = (await userWithKeyByAdmin(E, E.roles['team-leader']!)).client
      admin2 = expectOk(await E.admin.post('/api/v1/users', { username: unique('admin2'), roleId: E.roles.administrator }), 201)
      manager = expectOk(await E.admin.post('/api/v1/users', { username: unique('ccm'), roleId: E.roles['contact-centre-manager'] }), 201)
      agentUser = expectOk(await E.admin.post('/api/v1/users', { username: unique('agent'), roleId: E.roles.agent }), 201)
    })

    it('a Team Leader cannot create an Administrator or a Contact Centre Manager (403 privilege_escalation)', async () => {
      const before = await snapshot()
      for (const key of ['administrator', 'contact-centre-manager', 'campaign-administrator']) {
        const username = unique('climber')
        expectProblem(await leader.post('/api/v1/users', { username, roleId: E.roles[key] }), 403, 'privilege_escalation')
      }
      expect(await snapshot()).toEqual(before)
    })

    it('a Team Leader cannot turn an Agent into an Administrator, nor itself', async () => {
      const before = await snapshot()
      expectProblem(await leader.patch(`/api/v1/users/${agentUser.id}`, { roleId: E.roles.administrator }), 403, 'privilege_escalation')
      expectProblem(await leader.patch(`/api/v1/users/${agentUser.id}`, { roleId: E.roles['contact-centre-manager'], jobTitle: 'Boss' }), 403, 'privilege_escalation')
      const self = expectOk(await E.admin.get('/api/v1/users?role=' + E.roles['team-leader'])).items[0]
      expectProblem(await leader.patch(`/api/v1/users/${self.id}`, { roleId: E.roles.administrator }), 403, 'privilege_escalation')
      expect(await snapshot()).toEqual(before)
    })

    it('a Team Leader cannot change, deactivate or delete an Administrator or a Contact Centre Manager', async () => {
      const before = await snapshot()
      for (const target of [admin2, manager]) {
        expectProblem(await leader.patch(`/api/v1/users/${target.id}`, { jobTitle: 'demoted' }), 403, 'privilege_escalation')
        expectProblem(await leader.patch(`/api/v1/users/${target.id}`, { active: false }), 403, 'privilege_escalation')
        expectProblem(await leader.patch(`/api/v1/users/${target.id}`, { roleId: E.roles.agent }), 403, 'privilege_escalation')
        // Deleting needs users:delete, which a Team Leader lacks altogether.
        expectProblem(await leader.delete(`/api/v1/users/${target.id}`), 403, 'forbidden')
      }
      expect(await snapshot()).toEqual(before)

      // With users:delete but still less than an Administrator, deleting one is escalation.
      const deleters = expectOk(await E.admin.post('/api/v1/roles', { name: unique('Deleting leaders '), permissions: [...TEAM_LEADER, 'users:delete'] }), 201)
      const deleter = (await userWithKeyByAdmin(E, deleters.id)).client
      const before2 = await snapshot()
      for (const target of [admin2, manager]) {
        expectProblem(await deleter.delete(`/api/v1/users/${target.id}`), 403, 'privilege_escalation')
        expectProblem(await deleter.patch(`/api/v1/users/${target.id}`, { active: false }), 403, 'privilege_escalation')
      }
      expect(await snapshot()).toEqual(before2)
      const victim = expectOk(await E.admin.post('/api/v1/users', { username: unique('victim'), roleId: E.roles.agent }), 201)
      expect((await deleter.delete(`/api/v1/users/${victim.id}`)).status).toBe(204)
    })

    it('a Team Leader can create, edit and deactivate an Agent', async () => {
      const created = expectOk(await leader.post('/api/v1/users', { username: unique('new-agent'), roleId: E.roles.agent, firstName: 'Ann' }), 201)
      expect(created.roleId).toBe(E.roles.agent)
      const edited = expectOk(await leader.patch(`/api/v1/users/${agentUser.id}`, { jobTitle: 'Senior agent' }))
      expect(edited).toMatchObject({ jobTitle: 'Senior agent', version: agentUser.version + 1 })
      expect(expectOk(await leader.patch(`/api/v1/users/${created.id}`, { active: false })).active).toBe(false)
      // A role with exactly the leader's permissions is not escalation either.
      expect(expectOk(await leader.patch(`/api/v1/users/${created.id}`, { roleId: E.roles['team-leader'] })).roleId).toBe(E.roles['team-leader'])
      const actions = expectOk(await platform().get(`/api/v1/audit?tenant=${E.slug}&entityId=${created.id}`)).items.map((e: { action: string }) => e.action)
      expect(actions).toEqual(['user.update', 'user.deactivate', 'user.create'])
    })

    it('a role manager without audit:read cannot create, widen, change or delete a role with audit:read', async () => {
      const managers = expectOk(await E.admin.post('/api/v1/roles', { name: unique('Role managers '), permissions: ['roles:read', 'roles:manage', 'users:read'] }), 201)
      const auditors = expectOk(await E.admin.post('/api/v1/roles', { name: unique('Auditors '), permissions: ['audit:read', 'users:read'] }), 201)
      const roleManager = (await userWithKeyByAdmin(E, managers.id)).client
      const before = await snapshot()
      const name = unique('Sneaky ')
      expectProblem(await roleManager.post('/api/v1/roles', { name, permissions: ['audit:read'] }), 403, 'privilege_escalation')
      expectProblem(await roleManager.post('/api/v1/roles', { name, permissions: ['users:read', 'audit:read', 'roles:manage'] }), 403, 'privilege_escalation')
      // Its own role cannot grow either.
      expectProblem(await roleManager.patch(`/api/v1/roles/${managers.id}`, { permissions: ['roles:read', 'roles:manage', 'users:read', 'audit:read'] }), 403, 'privilege_escalation')
      // A role that holds more than the manager is out of its reach, even for a rename or a delete.
      expectProblem(await roleManager.patch(`/api/v1/roles/${auditors.id}`, { name: 'Renamed auditors' }), 403, 'privilege_escalation')
      expectProblem(await roleManager.patch(`/api/v1/roles/${auditors.id}`, { permissions: ['users:read'] }), 403, 'privilege_escalation')
      expectProblem(await roleManager.delete(`/api/v1/roles/${auditors.id}`), 403, 'privilege_escalation')
      expect(await snapshot()).toEqual(before)
      // Within its own permissions it works.
      const allowed = expectOk(await roleManager.post('/api/v1/roles', { name, permissions: ['users:read'] }), 201)
      expect((await roleManager.delete(`/api/v1/roles/${allowed.id}`)).status).toBe(204)
    })

    it('a users:credentials holder cannot create or revoke the API keys of a more privileged user', async () => {
      const adminKey = expectOk(await E.admin.post('/api/v1/api-keys', { name: 'admin2 key', userId: admin2.id }), 201)
      const before = await snapshot()
      expectProblem(await leader.post('/api/v1/api-keys', { name: 'mine now', userId: admin2.id }), 403, 'privilege_escalation')
      expectProblem(await leader.post('/api/v1/api-keys', { name: 'mine now', userId: manager.id }), 403, 'privilege_escalation')
      expectProblem(await leader.delete(`/api/v1/api-keys/${adminKey.apiKey.id}`), 403, 'privilege_escalation')
      expectProblem(await leader.get(`/api/v1/api-keys?user=${admin2.id}`), 403, 'privilege_escalation')
      expect(await snapshot()).toEqual(before)
      const keys = expectOk(await E.admin.get(`/api/v1/api-keys?user=${admin2.id}&revoked=true`)).items
      expect(keys.map((k: { id: string; revokedAt: string | null }) => [k.id, k.revokedAt])).toEqual([[adminKey.apiKey.id, null]])
      expectOk(await new Client(env(), adminKey.key).get('/api/v1/audit?limit=1'))
      // An Agent's keys it may manage.
      const agentKey = expectOk(await leader.post('/api/v1/api-keys', { name: 'for the agent', userId: agentUser.id }), 201)
      expect(agentKey.apiKey.userId).toBe(agentUser.id)
      expect(expectOk(await leader.delete(`/api/v1/api-keys/${agentKey.apiKey.id}`)).revokedAt).toEqual(expect.any(String))
    })

    it('an Agent lists, creates and revokes its own API keys, but not another user\'s (403)', async () => {
      const me = await userWithKeyByAdmin(E, E.roles.agent!)
      const other = await userWithKeyByAdmin(E, E.roles.agent!)
      const mine = expectOk(await me.client.get('/api/v1/api-keys'))
      expect(mine.items.map((k: { id: string }) => k.id)).toEqual([me.keyId])
      const created = await me.client.post('/api/v1/api-keys', { name: 'second' })
      const second = expectOk(created, 201)
      expect(created.headers['cache-control']).toBe('no-store')
      expect(second.apiKey).toMatchObject({ userId: me.user.id, name: 'second', revokedAt: null })
      expect(second.key).toMatch(/^ghk_/)
      expect(second.apiKey.prefix).toBe(second.key.slice(0, second.apiKey.prefix.length))
      const viaSecond = new Client(env(), second.key)
      expect(expectOk(await viaSecond.get('/api/v1/api-keys')).total).toBe(2)
      expect(expectOk(await me.client.delete(`/api/v1/api-keys/${second.apiKey.id}`)).revokedAt).toEqual(expect.any(String))
      expectProblem(await viaSecond.get('/api/v1/api-keys'), 401, 'unauthenticated')
      expect(expectOk(await me.client.get('/api/v1/api-keys?revoked=true')).total).toBe(2)
      expect(expectOk(await me.client.get('/api/v1/api-keys')).total).toBe(1)

      const before = await snapshot()
      expectProblem(await me.client.get(`/api/v1/api-keys?user=${other.user.id}`), 403, 'forbidden')
      expectProblem(await me.client.post('/api/v1/api-keys', { name: 'theirs', userId: other.user.id }), 403, 'forbidden')
      expectProblem(await me.client.delete(`/api/v1/api-keys/${other.keyId}`), 403, 'forbidden')
      expect(await snapshot()).toEqual(before)
      expect(expectOk(await other.client.get('/api/v1/api-keys')).items[0].revokedAt).toBeNull()
    })
  })
})
