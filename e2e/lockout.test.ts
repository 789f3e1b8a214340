// Failed sign-ins in Chromium: one message for every failure, the four lockout policies, the wait of
// a 429.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk, unique } from '../test/api.js'
import { alertText, describeInBrowser, en, field, PASSWORD, signInThroughPage, submitSignIn, userWithPassword } from './harness.js'

describeInBrowser('failed sign-ins', (env) => {
  /** Signs in with a wrong password, n times, each answered with the one generic message. */
  async function failTimes(page: Page, tenant: string, username: string, n: number) {
    for (let i = 0; i < n; i++) {
      await submitSignIn(page, tenant, username, `wrong password ${i}`)
      expect(await alertText(page)).toBe(en.errors.invalid_credentials)
    }
  }

  it('says the same, whatever was wrong: unknown tenant, unknown user, wrong password, deactivated account', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const leaver = await userWithPassword(T)
    expectOk(await T.admin.patch(`/api/v1/users/${leaver.id}`, { active: false }))
    const page = await env().newPage()
    const messages: string[] = []
    for (const [tenant, username, password] of [
      [T.slug, user.username, 'not the password'], [T.slug, unique('nobody'), PASSWORD], [T.slug, leaver.username, PASSWORD], [unique('no-such-'), user.username, PASSWORD],
    ] as const) {
      await submitSignIn(page, tenant, username, password)
      messages.push(await alertText(page))
      // The password is cleared for the next try; the username stays.
      expect(await field(page, en.signIn.password).inputValue()).toBe('')
      expect(await field(page, en.signIn.username).inputValue()).toBe(username)
    }
    expect(messages).toEqual(Array(4).fill(en.errors.invalid_credentials))
  })

  it('lockout "none": wrong passwords never lock; the right one still signs in', async () => {
    const T = await createTenant(env(), { lockoutPolicy: { mode: 'none', maxFailures: 3 } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await failTimes(page, T.slug, user.username, 3)
    await signInThroughPage(page, T.slug, user.username)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ active: true, locked: false })
  })

  it('lockout "disable": after N failures the account is deactivated and the right password gets the same message', async () => {
    const T = await createTenant(env(), { lockoutPolicy: { mode: 'disable', maxFailures: 3 } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await failTimes(page, T.slug, user.username, 3)
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    expect(await alertText(page)).toBe(en.errors.invalid_credentials)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).active).toBe(false)
  })

  it('lockout "lock": locked until an administrator unlocks', async () => {
    const T = await createTenant(env(), { lockoutPolicy: { mode: 'lock', maxFailures: 3 } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await failTimes(page, T.slug, user.username, 3)
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    expect(await alertText(page)).toBe(en.errors.invalid_credentials)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ locked: true, lockedUntil: null })
    expectOk(await T.admin.post(`/api/v1/users/${user.id}/unlock`, {}))
    await signInThroughPage(page, T.slug, user.username)
  })

  it('lockout "temporary": locked for T minutes, then the right password signs in again', async () => {
    const T = await createTenant(env(), { lockoutPolicy: { mode: 'temporary', maxFailures: 3, lockMinutes: 7 } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    const before = Date.now()
    await failTimes(page, T.slug, user.username, 3)
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    expect(await alertText(page)).toBe(en.errors.invalid_credentials)
    const locked = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(locked.locked).toBe(true)
    expect(Date.parse(locked.lockedUntil) - before).toBeGreaterThanOrEqual(7 * 60_000 - 1000)
    // The seven minutes pass (here: the lock is moved into the past).
    await env().db.updateTable('users').set({ locked_until: Date.now() - 1 }).where('id', '=', user.id).execute()
    await signInThroughPage(page, T.slug, user.username)
  })

  it('shows the wait of a 429 from Retry-After', async () => {
    const T = await createTenant(env(), { lockoutPolicy: { mode: 'none' } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    // Three failures are free; after that each one doubles the wait (1 s, 2 s, 4 s, …), so a few
    // quick tries meet it.
    let message = ''
    for (let i = 0; i < 12 && !/\d+ seconds?\./.test(message); i++) {
      await submitSignIn(page, T.slug, user.username, `wrong ${i}`)
      message = await alertText(page)
    }
    const seconds = /Try again in (\d+) seconds?\./.exec(message)
    expect(seconds, message).not.toBeNull()
    expect(Number(seconds![1])).toBeGreaterThanOrEqual(1)
    expect(message).toBe(Number(seconds![1]) === 1
      ? en.errors.too_many_attempts_one.replace('{{count}}', '1')
      : en.errors.too_many_attempts_other.replace('{{count}}', seconds![1]!))
  })
})
