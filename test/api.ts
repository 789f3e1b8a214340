// A small client for tests: calls the app in-process (no sockets) and sets up tenants and keys.
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { TestEnv } from './harness.js'
import { createAdmin, createApiKeyFor } from '../src/setup/service.js'

export interface Answer<T = any> {
  status: number
  body: T
  headers: LightMyRequestResponse['headers']
  text: string
  /** The body's bytes (an image, say, which text would garble). */
  bytes: Buffer
}

export class Client {
  constructor(private readonly env: TestEnv, readonly key: string | null) {}

  /** A Buffer body is sent as it is (give its Content-Type in headers); anything else as JSON. */
  async call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const bytes = Buffer.isBuffer(body)
    const response = await this.env.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
        ...(body !== undefined && !bytes ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: bytes ? body : JSON.stringify(body) } : {}),
    })
    const type = String(response.headers['content-type'] ?? '')
    const parsed = type.includes('json') && response.body ? JSON.parse(response.body) : response.body
    return { status: response.statusCode, body: parsed as T, headers: response.headers, text: response.body, bytes: response.rawPayload }
  }

  get = <T = any>(url: string, headers?: Record<string, string>) => this.call<T>('GET', url, undefined, headers)
  post = <T = any>(url: string, body: unknown, headers?: Record<string, string>) => this.call<T>('POST', url, body, headers)
  patch = <T = any>(url: string, body: unknown, headers?: Record<string, string>) => this.call<T>('PATCH', url, body, headers)
  delete = <T = any>(url: string, headers?: Record<string, string>) => this.call<T>('DELETE', url, undefined, headers)
}

/** Expects a problem+json answer with this status and code; returns its body. */
export function expectProblem(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body?.code }, answer.text).toEqual({ status, code })
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
  return answer.body as { code: string; errors?: Array<{ path: string; code: string; message: string }> }
}

export function expectOk<T = any>(answer: Answer<T>, status = 200): T {
  expect(answer.status, answer.text).toBe(status)
  return answer.body
}

let counter = 0
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`

export interface TenantFixture {
  id: string
  slug: string
  admin: Client
  roles: Record<string, string>
}

/** A new tenant with an administrator and that administrator's API key. */
export async function createTenant(env: TestEnv, settings: Record<string, unknown> = {}): Promise<TenantFixture> {
  const platform = new Client(env, env.platformKey)
  const slug = unique('t-')
  const tenant = expectOk(await platform.post('/api/v1/tenants', { slug, name: `Tenant ${slug}`, settings }), 201)
  await createAdmin(env.db, { tenantSlug: slug, username: 'admin', password: 'tenant-admin-password' })
  const { key } = await createApiKeyFor(env.db, { tenantSlug: slug, username: 'admin', name: 'tests' })
  const admin = new Client(env, key)
  const roles = expectOk(await admin.get('/api/v1/roles?limit=200')).items as Array<{ key: string | null; name: string; id: string }>
  return { id: tenant.id, slug, admin, roles: Object.fromEntries(roles.map((r) => [r.key ?? r.name, r.id])) }
}

/** A user with the given role in the tenant, and a client holding that user's API key. */
export async function userWithRole(env: TestEnv, tenant: TenantFixture, roleId: string, fields: Record<string, unknown> = {}) {
  const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('u'), roleId, ...fields }), 201)
  const { key } = await createApiKeyFor(env.db, { tenantSlug: tenant.slug, username: user.username, name: 'tests' })
  return { user, client: new Client(env, key) }
}

let addressCounter = 0
/** A client address of its own, so that the per-address sign-in counters of tests do not meet. */
export const uniqueAddress = () => `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter++ & 255}`

export const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** A browser: keeps the session cookie and the CSRF token, calls from its own address. */
export class Browser {
  cookie: string | null = null
  csrfToken: string | null = null
  constructor(private readonly env: TestEnv, readonly address = uniqueAddress(), readonly userAgent = CHROME_ON_WINDOWS) {}

  async call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await this.env.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.address,
      headers: {
        'user-agent': this.userAgent,
        ...(this.cookie ? { cookie: `gatehouse_session=${this.cookie}` } : {}),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    })
    const setCookie = response.cookies.find((c) => c.name === 'gatehouse_session')
    if (setCookie) this.cookie = setCookie.value || null
    const type = String(response.headers['content-type'] ?? '')
    const parsed = type.includes('json') && response.body ? JSON.parse(response.body) : response.body
    if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string') this.csrfToken = parsed.csrfToken
    return { status: response.statusCode, body: parsed as T, headers: response.headers, text: response.body, bytes: response.rawPayload }
  }

  signIn = (tenant: string, username: string, password: string) => this.call('POST', '/api/v1/sign-in', { tenant, username, password })
  get = <T = any>(url: string) => this.call<T>('GET', url)
  post = <T = any>(url: string, body: unknown = {}) => this.call<T>('POST', url, body)
  patch = <T = any>(url: string, body: unknown) => this.call<T>('PATCH', url, body)
}
