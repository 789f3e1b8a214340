// Two Gatehouse processes behind a load balancer share one PostgreSQL: a session made on one is good
// on the other, and ends on both at once when an administrator, on the other process, changes the
// user's password, deactivates, locks out or deletes the user. Real processes, real ports, real HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl } from './harness.js'

const PASSWORD = 'Correct horse battery 9'

/** A Gatehouse process (`gatehouse serve`, run from the sources) on its own port. */
async function startGatehouse(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = String(20000 + Math.floor(Math.random() * 20000))
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', "const { main } = await import('./src/cli.ts'); await main(['serve'])"], {
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Sign in:/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)))
  })
  return { child, base: `http://127.0.0.1:${port}` }
}

/** A browser talking to one process or the other: keeps the session cookie and the CSRF token. */
class Visitor {
  cookie = ''
  csrf = ''
  async call(base: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const set = response.headers.get('set-cookie')
    if (set) this.cookie = set.split(';')[0]!
    const json = response.headers.get('content-type')?.includes('json') ? await response.json() : null
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken
    return { status: response.status, body: json }
  }
}

describe.skipIf(!postgresUrl())('sessions shared by two Gatehouse processes on one PostgreSQL', () => {
  const schema = `twoproc_${randomBytes(4).toString('hex')}`
  const env = {
    DATABASE_URL: `${postgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema},public`)}`,
    GATEHOUSE_SECRET_KEY: randomBytes(32).toString('hex'),
    GATEHOUSE_ADMIN_USERNAME: 'root',
    GATEHOUSE_ADMIN_PASSWORD: 'a-long-admin-password',
  }
  let a: { child: ChildProcess; base: string }
  let b: { child: ChildProcess; base: string }
  const admin = new Visitor()
  let tenant = ''

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl() })
    await client.connect()
    await client.query(`create schema ${schema}`)
    await client.end()
    // The first makes the schema and the platform administrator; the second finds them there.
    a = await startGatehouse(env)
    b = await startGatehouse(env)
    expect((await admin.call(a.base, 'POST', '/api/v1/sign-in', { tenant: 'system', username: 'root', password: env.GATEHOUSE_ADMIN_PASSWORD })).body.status).toBe('signed_in')
    tenant = `t${randomBytes(3).toString('hex')}`
    expect((await admin.call(a.base, 'POST', '/api/v1/tenants', { slug: tenant, name: 'Two processes' })).status).toBe(201)
  }, 90_000)

  afterAll(async () => {
    a?.child.kill()
    b?.child.kill()
    const client = new pg.Client({ connectionString: postgresUrl() })
    await client.connect()
    await client.query(`drop schema if exists ${schema} cascade`)
    await client.end()
  })

  /** A user of the tenant, signed in on process B, whose session process A also knows. */
  async function userSignedInOnB() {
    const created = await admin.call(a.base, 'POST', '/api/v1/users', { tenantId: await tenantId(), username: `u${randomBytes(4).toString('hex')}` })
    expect(created.status).toBe(201)
    const user = created.body as { id: string; username: string }
    expect((await admin.call(a.base, 'PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false })).status).toBe(200)
    const visitor = new Visitor()
    expect((await visitor.call(b.base, 'POST', '/api/v1/sign-in', { tenant, username: user.username, password: PASSWORD })).body.status).toBe('signed_in')
    expect((await visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(200)
    expect((await visitor.call(a.base, 'GET', '/api/v1/me')).body.user.id).toBe(user.id)
    return { user, visitor }
  }

  let tenantIdCache = ''
  async function tenantId() {
    if (!tenantIdCache) tenantIdCache = (await admin.call(a.base, 'GET', `/api/v1/tenants?limit=200`)).body.items.find((t: { slug: string }) => t.slug === tenant).id
    return tenantIdCache
  }

  it('ends the session on B when A changes the password', async () => {
    const { user, visitor } = await userSignedInOnB()
    expect((await admin.call(a.base, 'PUT', `/api/v1/users/${user.id}/password`, { password: 'Another horse battery 10', temporary: false })).status).toBe(200)
    expect((await visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(401)
  })

  it('ends the session on B when A deactivates the user', async () => {
    const { user, visitor } = await userSignedInOnB()
    expect((await admin.call(a.base, 'PATCH', `/api/v1/users/${user.id}`, { active: false })).status).toBe(200)
    expect((await visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(401)
  })

  it('ends the session on B when A ends the user\'s sessions, and when A deletes the user', async () => {
    const first = await userSignedInOnB()
    expect((await admin.call(a.base, 'DELETE', `/api/v1/users/${first.user.id}/sessions`)).status).toBe(200)
    expect((await first.visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(401)
    const second = await userSignedInOnB()
    expect((await admin.call(a.base, 'DELETE', `/api/v1/users/${second.user.id}`)).status).toBe(204)
    expect((await second.visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(401)
  })

  it('locks out on B after wrong passwords on A (the tenant locks until an administrator unlocks), ending the session there', async () => {
    expect((await admin.call(a.base, 'PATCH', `/api/v1/tenants/${await tenantId()}`, { settings: { lockoutPolicy: { mode: 'lock', maxFailures: 3 } } })).status).toBe(200)
    const { user, visitor } = await userSignedInOnB()
    for (let i = 0; i < 3; i++) await new Visitor().call(a.base, 'POST', '/api/v1/sign-in', { tenant, username: user.username, password: 'wrong password' })
    expect((await visitor.call(b.base, 'GET', '/api/v1/me')).status).toBe(401)
    expect((await new Visitor().call(b.base, 'POST', '/api/v1/sign-in', { tenant, username: user.username, password: PASSWORD })).status).toBe(401)
  })
})
