// Who may call what: a route matrix built from the OpenAPI document (authentication, permissions),
// tenant isolation, the document itself, and the answers of the HTTP layer.
import { randomBytes, randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, userWithRole, type Answer, type TenantFixture } from './api.js'

interface Route { method: string; path: string }

// Signing in needs no key (POST /sign-in, a passkey alone) or this browser's session cookie (the steps,
// sign-out): test/sign-in.test.ts, test/passkeys.test.ts and test/required-actions.test.ts cover them.
const SIGN_IN_ROUTES = [
  'POST /api/v1/sign-in', 'GET /api/v1/sign-in', 'POST /api/v1/sign-in/campaign', 'POST /api/v1/sign-in/password',
  'POST /api/v1/sign-in/second-factor', 'POST /api/v1/sign-in/totp', 'POST /api/v1/sign-in/totp/confirm', 'POST /api/v1/sign-out',
  'POST /api/v1/password-reset', 'POST /api/v1/password-reset/confirm',
  'POST /api/v1/sign-in/second-factor/passkey-options', 'POST /api/v1/sign-in/second-factor/passkey', 'POST /api/v1/sign-in/passkey-registration',
  'POST /api/v1/sign-in/passkey-registration/confirm', 'POST /api/v1/sign-in/profile', 'POST /api/v1/sign-in/email/code', 'POST /api/v1/sign-in/email/verify',
  'GET /api/v1/sign-in/methods', 'POST /api/v1/sign-in/passkey/options', 'POST /api/v1/sign-in/passkey',
]

// Every route of /api/v1, as the code defines them. The OpenAPI document must list exactly these.
const EXPECTED_ROUTES = [
  'GET /api/v1/tenants', 'POST /api/v1/tenants', 'GET /api/v1/tenants/{id}', 'PATCH /api/v1/tenants/{id}',
  'GET /api/v1/permissions',
  'GET /api/v1/roles', 'POST /api/v1/roles', 'GET /api/v1/roles/{id}', 'PATCH /api/v1/roles/{id}', 'DELETE /api/v1/roles/{id}',
  'GET /api/v1/campaigns', 'POST /api/v1/campaigns', 'GET /api/v1/campaigns/{id}', 'PATCH /api/v1/campaigns/{id}', 'DELETE /api/v1/campaigns/{id}',
  'GET /api/v1/teams', 'POST /api/v1/teams', 'GET /api/v1/teams/{id}', 'PATCH /api/v1/teams/{id}', 'DELETE /api/v1/teams/{id}',
  'GET /api/v1/user-groups', 'POST /api/v1/user-groups', 'GET /api/v1/user-groups/{id}', 'PATCH /api/v1/user-groups/{id}', 'DELETE /api/v1/user-groups/{id}',
  'GET /api/v1/skills', 'POST /api/v1/skills', 'GET /api/v1/skills/{id}', 'PATCH /api/v1/skills/{id}', 'DELETE /api/v1/skills/{id}',
  'GET /api/v1/profiles', 'POST /api/v1/profiles', 'GET /api/v1/profiles/{id}', 'PATCH /api/v1/profiles/{id}', 'DELETE /api/v1/profiles/{id}',
  'GET /api/v1/users/{id}/skills', 'PATCH /api/v1/users/{id}/skills',
  'GET /api/v1/users', 'POST /api/v1/users', 'POST /api/v1/users/bulk', 'PUT /api/v1/users/{id}/presence', 'GET /api/v1/users/agent-ids', 'GET /api/v1/users/{id}', 'PATCH /api/v1/users/{id}', 'DELETE /api/v1/users/{id}',
  'GET /api/v1/api-keys', 'POST /api/v1/api-keys', 'DELETE /api/v1/api-keys/{id}',
  'GET /api/v1/audit',
  'GET /api/v1/me', 'PATCH /api/v1/me', 'GET /api/v1/me/sessions', 'DELETE /api/v1/me/sessions/{id}', 'POST /api/v1/me/password', 'GET /api/v1/me/sign-ins',
  'GET /api/v1/users/{id}/sessions', 'DELETE /api/v1/users/{id}/sessions', 'PUT /api/v1/users/{id}/password', 'POST /api/v1/users/{id}/lock', 'POST /api/v1/users/{id}/unlock',
  'GET /api/v1/password-generator',
  'GET /api/v1/users/{id}/voice', 'PATCH /api/v1/users/{id}/voice', 'POST /api/v1/users/{id}/sip-password', 'GET /api/v1/tenants/{tenant}/pjsip.conf',
  'POST /api/v1/users/{id}/avatar', 'GET /api/v1/users/{id}/avatar', 'DELETE /api/v1/users/{id}/avatar',
  'GET /api/v1/me/second-factors', 'POST /api/v1/me/totp', 'POST /api/v1/me/totp/{id}/confirm', 'DELETE /api/v1/me/second-factors/{id}', 'POST /api/v1/me/recovery-codes',
  'PATCH /api/v1/me/second-factors/{id}', 'POST /api/v1/me/passkeys/options', 'POST /api/v1/me/passkeys',
  'GET /api/v1/users/{id}/second-factors', 'DELETE /api/v1/users/{id}/second-factors', 'POST /api/v1/users/{id}/invitation',
  ...SIGN_IN_ROUTES,
].sort()

// Routes for what callers do to themselves: any valid key or session may call them.
const SELF_SERVICE = new Set([
  'GET /api/v1/api-keys', 'POST /api/v1/api-keys', 'DELETE /api/v1/api-keys/{id}',
  'GET /api/v1/me', 'PATCH /api/v1/me', 'GET /api/v1/me/sessions', 'DELETE /api/v1/me/sessions/{id}', 'POST /api/v1/me/password', 'GET /api/v1/me/sign-ins',
  'GET /api/v1/me/second-factors', 'POST /api/v1/me/totp', 'POST /api/v1/me/totp/{id}/confirm', 'DELETE /api/v1/me/second-factors/{id}', 'POST /api/v1/me/recovery-codes',
  'PATCH /api/v1/me/second-factors/{id}', 'POST /api/v1/me/passkeys/options', 'POST /api/v1/me/passkeys',
])

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const routeName = (r: Route) => `${r.method} ${r.path}`
/** "/api/v1/users/{id}" → "users" */
const kindOf = (path: string) => path.split('/')[3]!

describeEachEngine('access', (env) => {
  const platform = () => new Client(env(), env().platformKey)
  const anonymous = () => new Client(env(), null)

  let doc: any
  /** Every route the document lists. */
  let documented: string[]
  /** The routes that need an API key or a signed-in session (all but the sign-in ones). */
  let routes: Route[]
  let A: TenantFixture
  let B: TenantFixture
  /** Real objects of tenant B, by the path segment of their kind. */
  let bIds: Record<string, string>
  let bUser: { id: string; username: string }
  let aUser: { id: string; version: number }
  let revokedKey: string
  let deactivatedUserKey: string
  let deactivatedTenantKey: string
  let bAgent: Client

  async function call(client: Client, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
    return client.call(method, url, body, headers)
  }

  /**
   * A user and a key its administrator made through the API. (Keys made by userWithRole come from the
   * command-line path; see 'lists and revokes keys made on the command line'.)
   */
  async function userWithKeyByAdmin(tenant: TenantFixture, roleId: string): Promise<Client> {
    const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('k'), roleId }), 201)
    const created = expectOk(await tenant.admin.post('/api/v1/api-keys', { name: 'by admin', userId: user.id }), 201)
    return new Client(env(), created.key)
  }

  const urlOf = (route: Route, id: string) => route.path.replace('{id}', id)
  const bodyFor = (method: string) => (method === 'POST' || method === 'PATCH' ? { name: 'x' } : undefined)

  beforeAll(async () => {
    const answer = await env().app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(answer.statusCode).toBe(200)
    doc = answer.json()
    routes = []
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith('/api/v1/')) continue
      for (const method of Object.keys(item)) if (HTTP_METHODS.includes(method)) routes.push({ method: method.toUpperCase(), path })
    }
    documented = routes.map(routeName).sort()
    routes = routes.filter((r) => !SIGN_IN_ROUTES.includes(routeName(r)))

    A = await createTenant(env())
    B = await createTenant(env())
    aUser = expectOk(await A.admin.post('/api/v1/users', { username: unique('a-user'), roleId: A.roles.agent, agentId: 101 }), 201)
    expectOk(await A.admin.post('/api/v1/campaigns', { name: unique('A campaign ') }), 201)
    expectOk(await A.admin.post('/api/v1/teams', { name: unique('A team ') }), 201)

    const campaign = expectOk(await B.admin.post('/api/v1/campaigns', { name: unique('B campaign ') }), 201)
    const team = expectOk(await B.admin.post('/api/v1/teams', { name: unique('B team ') }), 201)
    const role = expectOk(await B.admin.post('/api/v1/roles', { name: unique('B role '), permissions: ['users:read'] }), 201)
    bUser = expectOk(await B.admin.post('/api/v1/users', {
      username: unique('b-user'), roleId: B.roles.agent, campaignIds: [campaign.id], teamIds: [team.id], agentId: 202,
    }), 201)
    const key = expectOk(await B.admin.post('/api/v1/api-keys', { name: 'b key', userId: bUser.id }), 201)
    // 'me': a session id; nobody's, so the self-service route answers 404 once past authentication.
    bIds = { tenants: B.id, roles: role.id, campaigns: campaign.id, teams: team.id, users: bUser.id, 'api-keys': key.apiKey.id, me: randomUUID() }

    // A key that its own user revoked.
    const holder = await userWithRole(env(), B, B.roles.agent!)
    const own = expectOk(await holder.client.post('/api/v1/api-keys', { name: 'to revoke' }), 201)
    // Accepted (403, not 401): the key works until it is revoked.
    expectProblem(await new Client(env(), own.key).get('/api/v1/permissions'), 403, 'forbidden')
    expectOk(await holder.client.delete(`/api/v1/api-keys/${own.apiKey.id}`))
    revokedKey = own.key

    // The key of an administrator who was then deactivated.
    const leaver = await userWithRole(env(), B, B.roles.administrator!)
    expectOk(await leaver.client.get('/api/v1/users'))
    expectOk(await B.admin.patch(`/api/v1/users/${leaver.user.id}`, { active: false }))
    deactivatedUserKey = leaver.client.key!

    // The administrator's key of a tenant that was then deactivated.
    const C = await createTenant(env())
    expectOk(await C.admin.get('/api/v1/users'))
    expectOk(await platform().patch(`/api/v1/tenants/${C.id}`, { active: false }))
    deactivatedTenantKey = C.admin.key!

    bAgent = await userWithKeyByAdmin(B, B.roles.agent!)
  })

  // ---------- the document ----------

  it('serves an OpenAPI 3.1 document that lists every route', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(documented).toEqual(EXPECTED_ROUTES)
    for (const route of routes) {
      const op = doc.paths[route.path][route.method.toLowerCase()]
      expect(op.summary, routeName(route)).toEqual(expect.any(String))
      expect(op.responses['401'], routeName(route)).toBeDefined()
    }
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('serves the API docs page, /healthz and /readyz without a key', async () => {
    const docs = await env().app.inject({ method: 'GET', url: '/api/docs' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-type']).toMatch(/^text\/html/)
    expect(docs.body).toMatch(/<html/i)
    const health = await env().app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })
    const ready = await env().app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
  })

  // ---------- authentication ----------

  const badCredentials: Array<[string, () => Record<string, string>]> = [
    ['no Authorization header', () => ({})],
    ['an empty Authorization header', () => ({ authorization: '' })],
    ['a Basic Authorization header', () => ({ authorization: 'Basic YWRtaW46cGxhdGZvcm0tYWRtaW4tcGFzc3dvcmQ=' })],
    ['"Bearer" without a key', () => ({ authorization: 'Bearer' })],
    ['a key without "Bearer"', () => ({ authorization: env().platformKey })],
    ['a Bearer value with two words', () => ({ authorization: `Bearer ${env().platformKey} extra` })],
    ['a Bearer value that is not a Gatehouse key', () => ({ authorization: 'Bearer not-a-key' })],
    ['an unknown key', () => ({ authorization: `Bearer ghk_${randomBytes(32).toString('base64url')}` })],
    ['an overlong key', () => ({ authorization: `Bearer ghk_${'a'.repeat(5000)}` })],
    ['a revoked key', () => ({ authorization: `Bearer ${revokedKey}` })],
    ['the key of a deactivated user', () => ({ authorization: `Bearer ${deactivatedUserKey}` })],
    ['the key of a user of a deactivated tenant', () => ({ authorization: `Bearer ${deactivatedTenantKey}` })],
  ]

  for (const [name, headers] of badCredentials) {
    it(`answers 401 unauthenticated on every route with ${name}`, async () => {
      expect(routes.length).toBe(EXPECTED_ROUTES.length - SIGN_IN_ROUTES.length)
      const wrong: string[] = []
      for (const route of routes) {
        for (const id of route.path.includes('{id}') ? [bIds[kindOf(route.path)]!, randomUUID()] : ['']) {
          const url = urlOf(route, id)
          const answer = await call(anonymous(), route.method, url, bodyFor(route.method), headers())
          const ok = answer.status === 401 && answer.body?.code === 'unauthenticated'
            && /^application\/problem\+json/.test(String(answer.headers['content-type']))
            && /^Bearer\b/.test(String(answer.headers['www-authenticate']))
          if (!ok) wrong.push(`${route.method} ${url} → ${answer.status} ${answer.text.slice(0, 200)} www-authenticate=${answer.headers['www-authenticate']}`)
        }
      }
      expect(wrong).toEqual([])
    })
  }

  it('answers 401 to HEAD requests of every GET route without a valid key', async () => {
    const wrong: string[] = []
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const headers of [{}, { authorization: `Bearer ${revokedKey}` }] as Array<Record<string, string>>) {
        const url = urlOf(route, bIds[kindOf(route.path)] ?? '')
        const answer = await call(anonymous(), 'HEAD', url, undefined, headers)
        if (answer.status !== 401) wrong.push(`HEAD ${url} → ${answer.status}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('applies a role change to the user\'s existing keys at once', async () => {
    const manager = expectOk(await B.admin.post('/api/v1/users', { username: unique('demoted'), roleId: B.roles['contact-centre-manager'] }), 201)
    const key = expectOk(await B.admin.post('/api/v1/api-keys', { name: 'manager key', userId: manager.id }), 201)
    const client = new Client(env(), key.key)
    expectOk(await client.get('/api/v1/audit?limit=1'))
    expectOk(await B.admin.patch(`/api/v1/users/${manager.id}`, { roleId: B.roles.agent }))
    expectProblem(await client.get('/api/v1/audit?limit=1'), 403, 'forbidden')
    expectProblem(await client.get('/api/v1/users'), 403, 'forbidden')
  })

  it('changed nothing of tenant B while refusing unauthenticated calls', async () => {
    for (const kind of ['roles', 'campaigns', 'teams', 'users']) expectOk(await platform().get(`/api/v1/${kind}/${bIds[kind]}`))
    const keys = expectOk(await platform().get(`/api/v1/api-keys?user=${bUser.id}`))
    expect(keys.items.map((k: { id: string }) => k.id)).toContain(bIds['api-keys'])
  })

  // ---------- permissions ----------

  it('answers 403 forbidden to an Agent on every route but the self-service ones, before validating the request', async () => {
    const wrong: string[] = []
    let calls = 0
    for (const route of routes) {
      if (SELF_SERVICE.has(routeName(route))) continue
      const invalidBody = route.method === 'POST' || route.method === 'PATCH' ? { name: '', permissions: 'all', unknownField: true, tenantId: 'nope' } : undefined
      for (const id of route.path.includes('{id}') ? [bIds[kindOf(route.path)]!, randomUUID(), 'not-a-uuid'] : ['']) {
        for (const query of ['', '?limit=0&order=sideways&unknown=1']) {
          const url = urlOf(route, id) + query
          const answer = await call(bAgent, route.method, url, invalidBody)
          calls++
          const ok = answer.status === 403 && answer.body?.code === 'forbidden' && /^application\/problem\+json/.test(String(answer.headers['content-type']))
          if (!ok) wrong.push(`${route.method} ${url} → ${answer.status} ${answer.text.slice(0, 200)}`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(calls).toBeGreaterThan(40)
    // The Agent's refused calls changed nothing.
    for (const kind of ['roles', 'campaigns', 'teams', 'users']) expectOk(await platform().get(`/api/v1/${kind}/${bIds[kind]}`))
    expect(expectOk(await platform().get(`/api/v1/audit?tenant=${B.slug}&actorId=${(await whoAmI(bAgent))}`)).total).toBe(0)
  })

  it('lets an Agent call the self-service routes, where a bad request gets its validation answer', async () => {
    expectOk(await bAgent.get('/api/v1/api-keys'))
    expectProblem(await bAgent.post('/api/v1/api-keys', { unknownField: true }), 422, 'validation_failed')
    expectProblem(await bAgent.delete('/api/v1/api-keys/not-a-uuid'), 422, 'validation_failed')
    // Another user's keys need users:credentials.
    expectProblem(await bAgent.delete(`/api/v1/api-keys/${bIds['api-keys']}`), 403, 'forbidden')
    expectProblem(await bAgent.get(`/api/v1/api-keys?user=${bUser.id}`), 403, 'forbidden')
  })

  async function whoAmI(client: Client): Promise<string> {
    const keys = expectOk(await client.get('/api/v1/api-keys?limit=1'))
    return keys.items[0].userId as string
  }

  it('lists and revokes keys made on the command line (createApiKeyFor), like any other key', async () => {
    // userWithRole makes its key with createApiKeyFor, the path of `gatehouse api-key create`.
    const { user, client } = await userWithRole(env(), B, B.roles.agent!)
    const list = await client.get('/api/v1/api-keys')
    expect.soft(list.status, `own list: ${list.text}`).toBe(200)
    expect.soft(list.body.items, 'own list').toEqual([expect.objectContaining({ userId: user.id, name: 'tests' })])
    const listed = await B.admin.get(`/api/v1/api-keys?user=${user.id}`)
    expect.soft(listed.status, `administrator's list: ${listed.text}`).toBe(200)
    const keyId = expectOk(await platform().get(`/api/v1/audit?tenant=${B.slug}&action=api_key.create&limit=200`))
      .items.find((e: { changes: { userId?: { new: string } } }) => e.changes.userId?.new === user.id).entityId as string
    const revoked = await B.admin.delete(`/api/v1/api-keys/${keyId}`)
    expect.soft(revoked.status, `revoke: ${revoked.text}`).toBe(200)
    expect.soft(revoked.body.revokedAt, 'revoke').toEqual(expect.any(String))
    expectProblem(await client.get('/api/v1/permissions'), 401, 'unauthenticated')
  })

  // ---------- tenant isolation ----------

  const PATCHES: Record<string, unknown> = {
    users: { jobTitle: 'taken over' }, campaigns: { name: 'taken over' }, teams: { name: 'taken over' }, roles: { name: 'taken over' },
    tenants: { name: 'taken over' },
  }

  it('answers 404 to another tenant\'s administrator for B\'s users, campaigns, teams and roles, as if they did not exist', async () => {
    const wrong: string[] = []
    const ids = (kind: string) => kind === 'roles' ? [bIds.roles!, B.roles.administrator!, B.roles.agent!] : [bIds[kind]!]
    for (const kind of ['users', 'campaigns', 'teams', 'roles']) {
      for (const [method, body] of [['GET', undefined], ['PATCH', PATCHES[kind]], ['DELETE', undefined]] as const) {
        const missing = await call(A.admin, method, `/api/v1/${kind}/${randomUUID()}`, body)
        expect(missing.status, missing.text).toBe(404)
        for (const id of ids(kind)) {
          const answer = await call(A.admin, method, `/api/v1/${kind}/${id}`, body)
          // The same answer as for an id that does not exist: nothing tells the caller it is there.
          if (answer.status !== 404 || answer.body?.code !== missing.body.code) {
            wrong.push(`${method} ${kind}/${id} → ${answer.status} ${answer.text.slice(0, 200)} (unknown id: ${missing.body.code})`)
          }
        }
      }
    }
    expect(wrong).toEqual([])
    // Nothing of B changed.
    const user = expectOk(await platform().get(`/api/v1/users/${bUser.id}`))
    expect(user.jobTitle).toBe('')
    expect(user.version).toBe(1)
    for (const kind of ['campaigns', 'teams', 'roles']) expect(expectOk(await platform().get(`/api/v1/${kind}/${bIds[kind]}`)).version).toBe(1)
    expect(expectOk(await platform().get(`/api/v1/roles/${B.roles.administrator}`)).name).toBe('Administrator')
  })

  it('answers 404 to another tenant\'s administrator for B\'s API keys, exactly as for an unknown key, and leaves them working', async () => {
    const missing = await A.admin.delete(`/api/v1/api-keys/${randomUUID()}`)
    expectProblem(missing, 404, missing.body.code)
    const answer = await A.admin.delete(`/api/v1/api-keys/${bIds['api-keys']}`)
    expect({ status: answer.status, code: answer.body?.code }, answer.text).toEqual({ status: 404, code: missing.body.code })
    const keys = expectOk(await platform().get(`/api/v1/api-keys?user=${bUser.id}`))
    expect(keys.items.find((k: { id: string }) => k.id === bIds['api-keys']).revokedAt).toBeNull()
    // Listing or creating keys of B's users is refused the same way.
    expectProblem(await A.admin.get(`/api/v1/api-keys?user=${bUser.id}`), 404, 'user_not_found')
    expectProblem(await A.admin.post('/api/v1/api-keys', { name: 'sneaky', userId: bUser.id }), 404, 'user_not_found')
    expect(expectOk(await platform().get(`/api/v1/api-keys?user=${bUser.id}`)).total).toBe(1)
  })

  it('answers 404 to another tenant\'s administrator for B\'s tenant record', async () => {
    expectProblem(await A.admin.get(`/api/v1/tenants/${B.id}`), 404, 'tenant_not_found')
    expectProblem(await A.admin.patch(`/api/v1/tenants/${B.id}`, PATCHES.tenants), 404, 'tenant_not_found')
    expectProblem(await A.admin.patch(`/api/v1/tenants/${B.id}`, { settings: { emailRequired: true } }), 404, 'tenant_not_found')
    const b = expectOk(await platform().get(`/api/v1/tenants/${B.id}`))
    expect(b.name).toBe(`Tenant ${B.slug}`)
    expect(b.settings.emailRequired).toBe(false)
    expect(b.version).toBe(1)
    // Its own record it may read.
    expect(expectOk(await A.admin.get(`/api/v1/tenants/${A.id}`)).slug).toBe(A.slug)
  })

  it('answers 404 to ?tenant=<another tenant> on every list route, by slug or id', async () => {
    const wrong: string[] = []
    for (const list of ['users', 'users/agent-ids', 'roles', 'campaigns', 'teams', 'audit']) {
      for (const ref of [B.slug, B.id, 'system']) {
        const answer = await A.admin.get(`/api/v1/${list}?tenant=${ref}`)
        if (answer.status !== 404 || answer.body?.code !== 'tenant_not_found') wrong.push(`${list}?tenant=${ref} → ${answer.status} ${answer.text.slice(0, 200)}`)
      }
      // One's own tenant may be named.
      expectOk(await A.admin.get(`/api/v1/${list}?tenant=${A.slug}`))
      expectOk(await A.admin.get(`/api/v1/${list}?tenant=${A.id}`))
    }
    const csv = await A.admin.get(`/api/v1/users?tenant=${B.slug}`, { accept: 'text/csv' })
    if (csv.status !== 404) wrong.push(`users?tenant=B as CSV → ${csv.status} ${csv.text.slice(0, 200)}`)
    expect(wrong).toEqual([])
  })

  it('never lists another tenant\'s rows to a tenant administrator', async () => {
    for (const list of ['users', 'roles', 'campaigns', 'teams', 'audit']) {
      const page = expectOk(await A.admin.get(`/api/v1/${list}?limit=200`))
      expect(page.items.length, list).toBeGreaterThan(0)
      expect(page.items.filter((row: { tenantId: string }) => row.tenantId !== A.id), list).toEqual([])
      expect(page.total, list).toBe(page.items.length)
    }
    const agentIds = expectOk(await A.admin.get('/api/v1/users/agent-ids?limit=200'))
    expect(agentIds.items.map((i: { userId: string }) => i.userId)).toEqual([aUser.id])
    expect(agentIds.nextFreeAgentId).toBe(102)
    // Filters naming B's campaign, team or role find nothing in A.
    for (const filter of [`campaign=${bIds.campaigns}`, `team=${bIds.teams}`, `role=${B.roles.agent}`]) {
      const page = expectOk(await A.admin.get(`/api/v1/users?${filter}`))
      expect(page.total, filter).toBe(0)
    }
    expect(expectOk(await A.admin.get(`/api/v1/users?q=${bUser.username}`)).total).toBe(0)
    const csv = await A.admin.get('/api/v1/users', { accept: 'text/csv' })
    expect(csv.status).toBe(200)
    expect(csv.text).not.toContain(bUser.username)
  })

  it('refuses to create in another tenant with 404', async () => {
    const name = unique('cross ')
    const creates: Array<[string, Record<string, unknown>]> = [
      ['users', { username: unique('cross'), tenantId: B.id }],
      ['campaigns', { name, tenantId: B.id }],
      ['teams', { name, tenantId: B.id }],
      ['roles', { name, permissions: [], tenantId: B.id }],
    ]
    for (const [kind, body] of creates) expectProblem(await A.admin.post(`/api/v1/${kind}`, body), 404, 'tenant_not_found')
    for (const kind of ['campaigns', 'teams', 'roles']) {
      expect(expectOk(await platform().get(`/api/v1/${kind}?tenant=${B.slug}&q=${encodeURIComponent(name)}`)).total, kind).toBe(0)
    }
    expect(expectOk(await platform().get(`/api/v1/users?tenant=${B.slug}&q=cross`)).total).toBe(0)
  })

  it('refuses to link another tenant\'s campaign, team or role to a user with 422', async () => {
    const fieldCodes = (answer: Answer) => Object.fromEntries(expectProblem(answer, 422, 'validation_failed').errors!.map((e) => [e.path, e.code]))
    const username = unique('linker')
    expect(fieldCodes(await A.admin.post('/api/v1/users', { username, roleId: B.roles.agent }))).toEqual({ roleId: 'unknown_role' })
    expect(fieldCodes(await A.admin.post('/api/v1/users', { username, campaignIds: [bIds.campaigns] }))).toMatchObject({ 'campaignIds[0]': 'unknown_campaign' })
    expect(fieldCodes(await A.admin.post('/api/v1/users', { username, teamIds: [bIds.teams] }))).toEqual({ 'teamIds[0]': 'unknown_team' })
    expect(fieldCodes(await A.admin.post('/api/v1/users', { username, roleId: bIds.roles, campaignIds: [bIds.campaigns], teamIds: [bIds.teams] })))
      .toMatchObject({ roleId: 'unknown_role', 'campaignIds[0]': 'unknown_campaign', 'teamIds[0]': 'unknown_team' })
    expect(expectOk(await A.admin.get(`/api/v1/users?q=${username}`)).total).toBe(0)

    expect(fieldCodes(await A.admin.patch(`/api/v1/users/${aUser.id}`, { roleId: B.roles.administrator }))).toEqual({ roleId: 'unknown_role' })
    expect(fieldCodes(await A.admin.patch(`/api/v1/users/${aUser.id}`, { campaignIds: [bIds.campaigns] }))).toMatchObject({ 'campaignIds[0]': 'unknown_campaign' })
    expect(fieldCodes(await A.admin.patch(`/api/v1/users/${aUser.id}`, { teamIds: [bIds.teams] }))).toEqual({ 'teamIds[0]': 'unknown_team' })
    const after = expectOk(await A.admin.get(`/api/v1/users/${aUser.id}`))
    expect(after).toMatchObject({ version: aUser.version, roleId: A.roles.agent, campaignIds: [], teamIds: [] })
  })

  it('lets a platform administrator see and act in both tenants', async () => {
    expect(expectOk(await platform().get(`/api/v1/users/${bUser.id}`)).tenantId).toBe(B.id)
    expect(expectOk(await platform().get(`/api/v1/users/${aUser.id}`)).tenantId).toBe(A.id)
    for (const kind of ['campaigns', 'teams', 'roles']) expect(expectOk(await platform().get(`/api/v1/${kind}/${bIds[kind]}`)).tenantId).toBe(B.id)
    expect(expectOk(await platform().get(`/api/v1/tenants/${A.id}`)).slug).toBe(A.slug)
    expect(expectOk(await platform().get(`/api/v1/tenants/${B.id}`)).slug).toBe(B.slug)

    const all = expectOk(await platform().get('/api/v1/users?limit=200'))
    const tenants = new Set(all.items.map((u: { tenantId: string }) => u.tenantId))
    expect(tenants.has(A.id) && tenants.has(B.id)).toBe(true)
    const onlyB = expectOk(await platform().get(`/api/v1/users?tenant=${B.slug}&limit=200`))
    expect(onlyB.items.every((u: { tenantId: string }) => u.tenantId === B.id)).toBe(true)
    expect(onlyB.items.map((u: { id: string }) => u.id)).toContain(bUser.id)
    const agentIds = expectOk(await platform().get(`/api/v1/users/agent-ids?tenant=${B.id}`))
    expect(agentIds.items.map((i: { userId: string }) => i.userId)).toEqual([bUser.id])
    const audit = expectOk(await platform().get('/api/v1/audit?limit=200'))
    const auditTenants = new Set(audit.items.map((e: { tenantId: string }) => e.tenantId))
    expect(auditTenants.has(A.id) && auditTenants.has(B.id)).toBe(true)

    // It creates in a named tenant, and links that tenant's objects.
    const created = expectOk(await platform().post('/api/v1/users', {
      tenantId: B.id, username: unique('by-platform'), roleId: B.roles['team-leader'], campaignIds: [bIds.campaigns], teamIds: [bIds.teams],
    }), 201)
    expect(created).toMatchObject({ tenantId: B.id, campaignIds: [bIds.campaigns], teamIds: [bIds.teams] })
    // ...but not another tenant's objects.
    expectProblem(await platform().post('/api/v1/users', { tenantId: A.id, username: unique('mixed'), roleId: B.roles.agent }), 422, 'validation_failed')
    expectProblem(await platform().post('/api/v1/campaigns', { tenantId: randomUUID(), name: 'nowhere' }), 404, 'tenant_not_found')
    expectProblem(await platform().get(`/api/v1/users?tenant=${unique('no-such-')}`), 404, 'tenant_not_found')
  })

  // ---------- the HTTP layer ----------

  it('answers unknown routes with 404 route_not_found, with or without a key', async () => {
    for (const client of [anonymous(), A.admin]) {
      for (const [method, url] of [['GET', '/api/v1/nothing-here'], ['GET', '/no.such.page'], ['PUT', '/api/v1/users'], ['POST', `/api/v1/users/${aUser.id}`], ['PATCH', '/api/v1/audit']]) {
        const answer = await client.call(method!, url!)
        expectProblem(answer, 404, 'route_not_found')
        expect(answer.body).toMatchObject({ status: 404, instance: url, title: 'Not Found', type: 'about:blank' })
      }
    }
  })

  it('answers a malformed JSON body with 400 malformed_json', async () => {
    const answer = await env().app.inject({
      method: 'POST', url: '/api/v1/campaigns', payload: '{"name": "x",',
      headers: { authorization: `Bearer ${A.admin.key}`, 'content-type': 'application/json' },
    })
    expect(answer.statusCode, answer.body).toBe(400)
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(answer.json().code).toBe('malformed_json')
    expect(expectOk(await A.admin.get('/api/v1/campaigns?q=x')).items.filter((c: { name: string }) => c.name === 'x')).toEqual([])
  })

  it('answers a body over 1 MiB with 413 body_too_large', async () => {
    const answer = await env().app.inject({
      method: 'POST', url: '/api/v1/campaigns', payload: JSON.stringify({ name: 'big', padding: 'x'.repeat(1024 * 1024) }),
      headers: { authorization: `Bearer ${A.admin.key}`, 'content-type': 'application/json' },
    })
    expect(answer.statusCode, answer.body.slice(0, 200)).toBe(413)
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(answer.json().code).toBe('body_too_large')
  })

  it('answers a body of another content type with 415', async () => {
    for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await env().app.inject({
        method: 'POST', url: '/api/v1/campaigns', payload: '<campaign name="x"/>',
        headers: { authorization: `Bearer ${A.admin.key}`, 'content-type': type },
      })
      expect(answer.statusCode, `${type}: ${answer.body}`).toBe(415)
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(answer.json().code).toBe('unsupported_media_type')
    }
  })

  it('sends the security headers on answers, errors and unknown routes alike', async () => {
    const answers = [
      await A.admin.get('/api/v1/campaigns'),
      await anonymous().get('/api/v1/campaigns'),
      await anonymous().get('/no/such/route'),
      await anonymous().get('/healthz'),
    ]
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options'], answer.text).toBe('nosniff')
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(answer.headers['referrer-policy']).toBe('no-referrer')
      expect(String(answer.headers['content-security-policy'])).toContain("default-src 'self'")
      expect(String(answer.headers['content-security-policy'])).toContain("script-src 'self'")
      expect(String(answer.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests')
    }
  })
})
