// Browser tests: each file runs a real Gatehouse (in-process, listening on localhost) on a temporary
// SQLite database with the development outbox, and drives the built pages in Debian's Chromium.
// Tenants and users are set up through the API with an API key, as an administrator would.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js'
import { SecretBox } from '../src/auth/secret-box.js'
import { migrate, openDatabase } from '../src/db/database.js'
import { buildApp } from '../src/http/app.js'
import { readOutbox } from '../src/messages/service.js'
import { createApiKeyFor, ensurePlatform } from '../src/setup/service.js'
import type { TestEnv } from '../test/harness.js'
import { expectOk, unique, type TenantFixture } from '../test/api.js'
import en from '../web/src/i18n/en.json' with { type: 'json' }

export { en }
export const PASSWORD = 'Correct horse battery 9'

export interface BrowserEnv extends TestEnv {
  /** http://localhost:<port> */
  baseUrl: string
  /** A new browser profile (cookies, localStorage) with one page; closed after the test. */
  newPage(options?: { locale?: string }): Promise<Page>
  /** The development outbox's messages to an address, newest last. */
  messagesTo(to: string): Array<{ subject: string; text: string }>
}

/** A free port on localhost, for a Gatehouse that must know its address before it listens (passkeys). */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface BrowserOptions {
  /** How long a passkey ceremony may take (GATEHOUSE_WEBAUTHN_TIMEOUT_SECONDS); a minute by default. */
  webauthnTimeoutMs?: number
}

/** describe() with a Gatehouse and a Chromium of its own. */
export function describeInBrowser(name: string, suite: (env: () => BrowserEnv) => void, options: BrowserOptions = {}): void {
  if (!inject('chromium')) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set GATEHOUSE_TEST_CHROMIUM).`)
      })
    })
    return
  }
  describe(name, () => {
    let env: BrowserEnv | undefined
    let browser: Browser | undefined
    let dataDir = ''
    const contexts: BrowserContext[] = []
    // What the pages must never cause: a script error, or anything the strict CSP blocked.
    let pageProblems: string[] = []

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-e2e-'))
      const outboxFile = path.join(dataDir, 'outbox.jsonl')
      const db = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'gatehouse.db') })
      await migrate(db)
      await ensurePlatform(db, { username: 'admin', password: 'platform-admin-password' })
      const { key } = await createApiKeyFor(db, { tenantSlug: 'system', username: 'admin', name: 'e2e' })
      // Passkeys are bound to the pages' origin, which WebAuthn wants on localhost (never 127.0.0.1).
      const publicPort = await freePort()
      const app = await buildApp({
        db, logger: false, webRoot: inject('webRoot'), secrets: SecretBox.fromKey(randomBytes(32)),
        config: { trustProxy: false, logLevel: 'silent', publicUrl: `http://localhost:${publicPort}`, ...(options.webauthnTimeoutMs ? { webauthnTimeoutMs: options.webauthnTimeoutMs } : {}) },
        messages: { smtpUrl: undefined, mailFrom: 'gatehouse@test', smsWebhookUrl: undefined, outboxFile },
      })
      await app.listen({ port: publicPort, host: 'localhost' })
      const { port } = app.server.address() as AddressInfo
      browser = await chromium.launch({ executablePath: inject('chromium'), headless: true, args: CHROMIUM_ARGS })
      const launched = browser
      env = {
        engine: 'sqlite', db, app, platformKey: key, outboxFile,
        baseUrl: `http://localhost:${port}`,
        async newPage(options = {}) {
          const context = await launched.newContext({ baseURL: `http://localhost:${port}`, locale: options.locale ?? 'en-GB', timezoneId: 'Europe/Amsterdam' })
          context.setDefaultTimeout(10_000)
          contexts.push(context)
          const page = await context.newPage()
          page.on('pageerror', (error) => pageProblems.push(`${page.url()}: ${error.message}`))
          page.on('console', (message) => {
            if (/Content[- ]Security[- ]Policy/i.test(message.text())) pageProblems.push(`${page.url()}: ${message.text()}`)
          })
          return page
        },
        messagesTo: (to) => readOutbox(outboxFile).filter((m) => m.to === to),
      }
    })
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()))
      const problems = pageProblems
      pageProblems = []
      expect(problems).toEqual([])
    })
    afterAll(async () => {
      await browser?.close()
      await env?.app.close()
      await env?.db.destroy()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })
    suite(() => {
      if (!env) throw new Error('the browser test environment is not ready')
      return env
    })
  })
}

/** A user of the tenant with a password that needs no change at the next sign-in. */
export async function userWithPassword(tenant: TenantFixture, fields: Record<string, unknown> = {}, password = PASSWORD) {
  const user = expectOk(await tenant.admin.post('/api/v1/users', { username: unique('e'), roleId: tenant.roles.agent, ...fields }), 201)
  expectOk(await tenant.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password, temporary: false }))
  return user as { id: string; username: string; email: string | null }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The form field with this label (Mantine marks required ones with " *"). */
export const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`))

/** Fills in the sign-in form of /t/<tenant>/login and sends it. */
export async function submitSignIn(page: Page, tenant: string, username: string, password: string, next?: string): Promise<void> {
  await page.goto(`/t/${tenant}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  await field(page, en.signIn.username).fill(username)
  await field(page, en.signIn.password).fill(password)
  await page.getByRole('button', { name: en.signIn.submit, exact: true }).click()
}

/** Signs in through the page and waits for the account page. */
export async function signInThroughPage(page: Page, tenant: string, username: string, password = PASSWORD): Promise<void> {
  await submitSignIn(page, tenant, username, password)
  await accountPage(page)
}

/** Waits for the account page to show. */
export async function accountPage(page: Page): Promise<void> {
  await page.getByRole('heading', { name: en.account.title, exact: true }).waitFor()
  if (new URL(page.url()).pathname !== '/account') throw new Error(`expected /account, at ${page.url()}`)
}

/** Waits (as Playwright does, up to its time-out) until the locator matches exactly n elements. */
export async function countOf(locator: Locator, n: number): Promise<number> {
  if (n > 0) await locator.nth(n - 1).waitFor({ state: 'attached' })
  await locator.nth(n).waitFor({ state: 'detached' })
  return locator.count()
}

/** The text of the alert the page shows (a failed call's message). */
export async function alertText(page: Page): Promise<string> {
  return (await page.getByRole('alert').first().textContent()) ?? ''
}

/** Polls the development outbox until a message to the address arrives (messages go out after the answer). */
export async function messageTo(env: BrowserEnv, to: string, count = 1): Promise<{ subject: string; text: string }> {
  for (let i = 0; i < 200; i++) {
    const messages = env.messagesTo(to)
    if (messages.length >= count) return messages[messages.length - 1]!
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no message to ${to} in the outbox`)
}

export const codeIn = (text: string) => /\b(\d{8})\b/.exec(text)![1]!

export interface VirtualAuthenticator {
  id: string
  /** Whether the authenticator answers by itself (as if the user touched it and gave their PIN). */
  setPresence(enabled: boolean): Promise<void>
  /** The passkeys it holds. */
  credentials(): Promise<Array<{ credentialId: string; isResidentCredential: boolean; signCount: number; userHandle?: string }>>
}

/**
 * Chromium's virtual authenticator on this page (CDP WebAuthn domain): a platform authenticator with
 * resident keys and user verification, as a laptop's fingerprint reader would be.
 */
export async function virtualAuthenticator(page: Page, presence = true): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: presence },
  })
  return {
    id: authenticatorId,
    setPresence: async (enabled) => { await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }) },
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  }
}

/** The password createTenant() gives the tenant's administrator, "admin". */
export const TENANT_ADMIN_PASSWORD = 'tenant-admin-password'

/** Signs in through the page (at /t/<tenant>/login?next=…) and waits for the console's users page. */
export async function signInToConsole(page: Page, tenant: string, username = 'admin', password = TENANT_ADMIN_PASSWORD, next = '/users'): Promise<void> {
  await submitSignIn(page, tenant, username, password, next)
  await usersPage(page)
}

/** Waits for the console's users page with its results. */
export async function usersPage(page: Page): Promise<void> {
  await page.getByRole('heading', { name: en.users.title, exact: true }).waitFor()
  await page.getByTestId('users-total').filter({ hasText: /\d/ }).waitFor()
}

/** A screenshot of the page as it is, into test-results/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), fullPage: true })
}
