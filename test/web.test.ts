// The pages as Gatehouse serves them (src/http/web.ts): index.html for the page routes only (the
// sign-in and account pages, the console at / and its pages' paths), hashed assets cached for a year,
// the strict CSP kept, problem+json 404s under /api/ and for anything else; and how a reloaded page
// gets its CSRF token back. (The pages themselves are tested in Chromium: e2e/.)
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SecretBox } from '../src/auth/secret-box.js'
import { migrate, openDatabase, type DB } from '../src/db/database.js'
import { buildApp, type App } from '../src/http/app.js'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique } from './api.js'

const INDEX = '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>'
const PAGES = ['/login', '/t/acme/login', '/forgot-password', '/account', '/', '/users', '/users/new', '/users/01a233b1-72c9-79a5-b3c4-b0914e970b3b', '/tenants', '/audit-log']

async function appServing(webRoot: string): Promise<{ app: App; db: DB }> {
  const db = openDatabase({ dialect: 'sqlite', file: ':memory:' })
  await migrate(db)
  const app = await buildApp({
    db, webRoot, logger: false, config: { trustProxy: false, logLevel: 'silent' }, secrets: SecretBox.fromKey(randomBytes(32)),
    messages: { smtpUrl: undefined, mailFrom: 'gatehouse@test', smsWebhookUrl: undefined, outboxFile: path.join(webRoot, 'outbox.jsonl') },
  })
  await app.ready()
  return { app, db }
}

describe('the built pages', () => {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-web-test-'))
  let served: { app: App; db: DB }

  beforeAll(async () => {
    fs.mkdirSync(path.join(webRoot, 'assets'))
    fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX)
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js'), 'console.log("gatehouse")\n')
    served = await appServing(webRoot)
  })
  afterAll(async () => {
    await served.app.close()
    await served.db.destroy()
    fs.rmSync(webRoot, { recursive: true, force: true })
  })

  it('answers index.html, never cached, for each page route, under the strict CSP', async () => {
    for (const url of PAGES) {
      const answer = await served.app.inject({ method: 'GET', url: `${url}?next=%2Faccount` })
      expect(answer.statusCode, url).toBe(200)
      expect(answer.headers['content-type']).toMatch(/^text\/html/)
      expect(answer.headers['cache-control']).toBe('no-cache')
      expect(answer.body).toBe(INDEX)
      const csp = String(answer.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    }
  })


  it('serves the hashed assets with a year-long immutable cache, and 404s as problem+json for the rest', async () => {
    const asset = await served.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    for (const url of ['/assets/missing.js', '/assets/../index.html', '/assets', '/api', '/api/v1/nothing', '/api/login', '/api/v1/account', '/t/acme', '/t/acme/login/more', '/t',
      '/index.html', '/users/new.html', '/Users', '/users/', '/users/a%2Fb', '/1users']) {
      const answer = await served.app.inject({ method: 'GET', url })
      expect(answer.statusCode, url).toBe(404)
      expect(answer.headers['content-type'], url).toMatch(/^application\/problem\+json/)
      expect(answer.json().code, url).toBe('route_not_found')
    }
  })

  it('says plainly when the pages were not built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-web-empty-'))
    const { app, db } = await appServing(empty)
    try {
      for (const url of PAGES) {
        const answer = await app.inject({ method: 'GET', url })
        expect(answer.statusCode, url).toBe(503)
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(answer.json().code).toBe('web_not_built')
      }
      const api = await app.inject({ method: 'GET', url: '/api/v1/nothing' })
      expect({ status: api.statusCode, code: api.json().code }).toEqual({ status: 404, code: 'route_not_found' })
    } finally {
      await app.close()
      await db.destroy()
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })
})

describeEachEngine('the pages\' CSRF token after a reload', (env) => {
  it('comes back from GET /api/v1/sign-in for a signed-in session, the same token, never cached', async () => {
    const T = await createTenant(env())
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('w'), roleId: T.roles.agent }), 201)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: 'Correct horse battery 9', temporary: false }))
    const browser = new Browser(env())
    const signedIn = expectOk(await browser.signIn(T.slug, user.username, 'Correct horse battery 9'))
    // A reload: the page has the cookie but no token.
    browser.csrfToken = null
    expectProblem(await browser.patch('/api/v1/me', { locale: 'nl' }), 403, 'csrf_failed')
    const state = await browser.get('/api/v1/sign-in')
    expect(expectOk(state)).toMatchObject({ status: 'signed_in', nextStep: null, csrfToken: signedIn.csrfToken })
    expect(state.headers['cache-control']).toBe('no-store')
    expect(expectOk(await browser.patch('/api/v1/me', { locale: 'nl' })).locale).toBe('nl')
  })
})
