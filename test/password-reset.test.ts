// Forgot password and invitations: one-time codes by email (the development outbox, and a real SMTP
// server on loopback) and by SMS (an HTTP webhook); enumeration-safe answers; single use, five
// tries, fifteen minutes. On both engines.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SecretBox } from '../src/auth/secret-box.js'
import { buildApp, type App } from '../src/http/app.js'
import { readOutbox } from '../src/messages/service.js'
import { describeEachEngine } from './harness.js'
import { Browser, Client, createTenant, expectOk, expectProblem, unique, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'
const NEW_PASSWORD = 'A brand new secret 7'

describeEachEngine('password reset and invitations', (env) => {
  let T: TenantFixture
  const anonymous = () => new Client(env(), null)

  async function userWithEmail(fields: Record<string, unknown> = {}, password: string | null = PASSWORD) {
    const username = unique('r')
    const user = expectOk(await T.admin.post('/api/v1/users', { username, email: `${username}@example.com`, mobilePhone: '+31612345678', roleId: T.roles.agent, ...fields }), 201)
    if (password) expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password, temporary: false }))
    return user as { id: string; username: string; email: string }
  }

  const messagesTo = (to: string) => readOutbox(env().outboxFile).filter((m) => m.to === to)
  const codeIn = (text: string) => /\b(\d{8})\b/.exec(text)![1]!

  beforeAll(async () => {
    T = await createTenant(env())
  })

  it('sends a code to the account\'s email and sets the new password with it, once; other sessions end; the email counts as verified', async () => {
    const user = await userWithEmail()
    const browser = new Browser(env())
    expectOk(await browser.signIn(T.slug, user.username, PASSWORD))
    const asked = await anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: user.email.toUpperCase(), channel: 'email' })
    expect(asked.status).toBe(202)
    const [message] = await waitFor(() => messagesTo(user.email))
    expect(message!.subject).toMatch(/password reset code/)
    const code = codeIn(message!.text)

    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: '00000000', newPassword: NEW_PASSWORD }), 422, 'validation_failed')
    // The policy applies: every broken rule, and the code is not spent by it.
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code, newPassword: 'short' }), 422, 'validation_failed')
    const done = await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code, newPassword: NEW_PASSWORD })
    expect(done.status, done.text).toBe(204)
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code, newPassword: 'Yet another one 8' }), 422, 'validation_failed')

    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expectProblem(await new Browser(env()).signIn(T.slug, user.username, PASSWORD), 401, 'invalid_credentials')
    expectOk(await new Browser(env()).signIn(T.slug, user.username, NEW_PASSWORD))
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).emailVerified).toBe(true)
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.password_reset`)).total).toBe(1)
  })

  /** A new code: the previous one was issued less than a minute ago, so it is made to look older first. */
  async function askAgainLater(user: { id: string; username: string; email: string }): Promise<string> {
    await env().db.updateTable('one_time_codes').set({ created_at: Date.now() - 120_000 }).where('user_id', '=', user.id).execute()
    const before = messagesTo(user.email).length
    expect((await anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: user.username, channel: 'email' })).status).toBe(202)
    const messages = await waitFor(() => messagesTo(user.email), before + 1)
    return codeIn(messages[messages.length - 1]!.text)
  }

  it('answers the same whether or not the account exists, is active or has the address, and sends nothing then', async () => {
    const inactive = await userWithEmail()
    expectOk(await T.admin.patch(`/api/v1/users/${inactive.id}`, { active: false }))
    const noEmail = await userWithEmail({ email: null })
    const answers = await Promise.all([
      anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: unique('nobody'), channel: 'email' }),
      anonymous().post('/api/v1/password-reset', { tenant: unique('no-tenant-'), login: 'x', channel: 'email' }),
      anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: inactive.username, channel: 'email' }),
      anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: noEmail.username, channel: 'email' }),
    ])
    expect(new Set(answers.map((a) => `${a.status} ${a.text}`)).size).toBe(1)
    expect(answers[0]!.status).toBe(202)
    expect(messagesTo(inactive.email)).toEqual([])
    // A code for a name that does not exist fails like a wrong one.
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: unique('nobody'), code: '12345678', newPassword: NEW_PASSWORD }), 422, 'validation_failed')
  })

  it('sends one code a minute at most, and the newest code is the only one that works', async () => {
    const user = await userWithEmail()
    for (let i = 0; i < 3; i++) await anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: user.username, channel: 'email' })
    const first = await waitFor(() => messagesTo(user.email))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(messagesTo(user.email)).toHaveLength(1)
    const oldCode = codeIn(first[0]!.text)
    const newCode = await askAgainLater(user)
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: oldCode, newPassword: NEW_PASSWORD }), 422, 'validation_failed')
    expect((await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: newCode, newPassword: NEW_PASSWORD })).status).toBe(204)
  })

  it('allows five tries per code, counted exactly under parallel guesses, and fifteen minutes', async () => {
    const user = await userWithEmail()
    await anonymous().post('/api/v1/password-reset', { tenant: T.slug, login: user.username, channel: 'email' })
    const code = codeIn((await waitFor(() => messagesTo(user.email)))[0]!.text)
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: String(10_000_000 + i), newPassword: NEW_PASSWORD })))
    expect(guesses.every((g) => g.status === 422)).toBe(true)
    const row = await env().db.selectFrom('one_time_codes').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.attempts).toBe(5)
    expect(row.code_hash).not.toContain(code)
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code, newPassword: NEW_PASSWORD }), 422, 'validation_failed')

    const fresh = await askAgainLater(user)
    await env().db.updateTable('one_time_codes').set({ expires_at: Date.now() - 1 }).where('user_id', '=', user.id).execute()
    expectProblem(await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: fresh, newPassword: NEW_PASSWORD }), 422, 'validation_failed')
  })

  it('invites a user without a password to set their own (72 hours), refusing a user without the address', async () => {
    const user = await userWithEmail({}, null)
    const sent = expectOk(await T.admin.post(`/api/v1/users/${user.id}/invitation`, { channel: 'email' }))
    expect(sent.sentTo).toBe(user.email)
    expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000)
    const message = (await waitFor(() => messagesTo(user.email)))[0]!
    expect(message.text).toContain(user.username)
    expect((await anonymous().post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: codeIn(message.text), newPassword: NEW_PASSWORD })).status).toBe(204)
    expectOk(await new Browser(env()).signIn(T.slug, user.username, NEW_PASSWORD))
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.invitation_accept`)).total).toBe(1)

    const noPhone = await userWithEmail({ mobilePhone: null }, null)
    const refused = expectProblem(await T.admin.post(`/api/v1/users/${noPhone.id}/invitation`, { channel: 'sms' }), 422, 'validation_failed')
    expect(refused.errors![0]!.code).toBe('no_mobile_phone')
  })

  describe_real_delivery()

  function describe_real_delivery() {
    let smtp: SMTPServer
    let webhook: http.Server
    let app: App
    const mails: Array<{ to: string; subject: string; text: string }> = []
    const sms: Array<{ to: string; text: string }> = []

    beforeAll(async () => {
      smtp = new SMTPServer({
        authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream).then((mail) => {
            mails.push({ to: String((mail.to as { text: string }).text), subject: mail.subject ?? '', text: mail.text ?? '' })
            callback()
          }, callback)
        },
      })
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
      webhook = http.createServer((request, response) => {
        let body = ''
        request.on('data', (chunk) => { body += chunk })
        request.on('end', () => {
          sms.push(JSON.parse(body))
          response.writeHead(204).end()
        })
      })
      await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve))
      app = await buildApp({
        db: env().db, config: { trustProxy: false, logLevel: 'silent' }, logger: false, secrets: SecretBox.fromKey(randomBytes(32)),
        messages: {
          smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, mailFrom: 'Gatehouse <gatehouse@example.com>',
          smsWebhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`, outboxFile: env().outboxFile,
        },
      })
    })
    afterAll(async () => {
      await app?.close()
      await new Promise<void>((resolve) => smtp?.close(() => resolve()))
      await new Promise<void>((resolve) => webhook?.close(() => resolve()))
    })

    it('delivers codes through a real SMTP server and the SMS webhook when they are configured', async () => {
      const user = await userWithEmail()
      const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object })
      expect((await post('/api/v1/password-reset', { tenant: T.slug, login: user.username, channel: 'email' })).statusCode).toBe(202)
      const [mail] = await waitFor(() => mails.filter((m) => m.to === user.email))
      expect(mail!.subject).toMatch(/password reset code/)
      await env().db.updateTable('one_time_codes').set({ created_at: Date.now() - 120_000 }).where('user_id', '=', user.id).execute()
      expect((await post('/api/v1/password-reset', { tenant: T.slug, login: user.username, channel: 'sms' })).statusCode).toBe(202)
      const [text] = await waitFor(() => sms.filter((m) => m.to === '+31612345678'))
      const confirm = await post('/api/v1/password-reset/confirm', { tenant: T.slug, login: user.username, code: codeIn(text!.text), newPassword: NEW_PASSWORD })
      expect(confirm.statusCode, confirm.body).toBe(204)
      // The SMS code wins (it is the newest); the email one no longer works. Nothing went to the outbox.
      expect(messagesTo(user.email)).toEqual([])
      expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).emailVerified).toBe(false)
    })
  }
})

/** Messages are sent after the answer: wait until the expected number arrived. */
async function waitFor<T>(read: () => T[], count = 1): Promise<T[]> {
  for (let i = 0; i < 100; i++) {
    const items = read()
    if (items.length >= count) return items
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`expected ${count} message(s), got ${read().length}`)
}
