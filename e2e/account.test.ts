// The account page in Chromium: profile (locale, time zone, the fields the tenant allows), password,
// authenticator apps and recovery codes, sessions, recent sign-ins. A reload loses the page's CSRF
// token; the next change must still go through.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { totpCode } from '../src/second-factors/totp.js'
import { createTenant, expectOk } from '../test/api.js'
import nl from '../web/src/i18n/nl.json' with { type: 'json' }
import { accountPage, alertText, countOf, describeInBrowser, en, field, PASSWORD, signInThroughPage, submitSignIn, userWithPassword } from './harness.js'

const NEW_PASSWORD = 'A brand new secret 7'

/** The session rows of the account page. */
const sessionRows = (page: Page) => page.getByTestId('sessions').locator('tbody tr')

describeInBrowser('account page', (env) => {
  /** A user signed in in two browsers; the second shows the account page after a reload, which drops its CSRF token. */
  async function signedInTwice() {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const other = await env().newPage()
    await signInThroughPage(other, T.slug, user.username)
    const page = await env().newPage()
    await signInThroughPage(page, T.slug, user.username)
    await page.reload()
    await accountPage(page)
    expect(await countOf(sessionRows(page), 2)).toBe(2)
    return { T, user, page, other }
  }

  it('changes the password: the current one is required; the other sessions end', async () => {
    const { T, user, page, other } = await signedInTwice()

    await field(page, en.changePassword.current).fill('not my password')
    await field(page, en.newPassword.new).fill(NEW_PASSWORD)
    await field(page, en.newPassword.confirm).fill(NEW_PASSWORD)
    await page.getByRole('button', { name: en.changePassword.submit, exact: true }).click()
    await page.getByText(en.fieldErrors.wrong_password, { exact: true }).waitFor()
    await field(page, en.changePassword.current).fill(PASSWORD)
    await page.getByRole('button', { name: en.changePassword.submit, exact: true }).click()
    await page.getByText(en.changePassword.done, { exact: true }).waitFor()
    expect(await countOf(sessionRows(page), 1)).toBe(1)

    await other.reload()
    await other.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    const fresh = await env().newPage()
    await signInThroughPage(fresh, T.slug, user.username, NEW_PASSWORD)
  })

  it('lists the sessions, marks this one, and ends another', async () => {
    const { page, other } = await signedInTwice()
    const current = sessionRows(page).filter({ hasText: en.sessions.current })
    expect(await current.count()).toBe(1)
    expect(await current.getByRole('button', { name: en.sessions.end }).count()).toBe(0)
    await sessionRows(page).getByRole('button', { name: en.sessions.end, exact: true }).click()
    expect(await countOf(sessionRows(page), 1)).toBe(1)
    expect(await sessionRows(page).first().textContent()).toContain(en.sessions.current)

    await other.reload()
    await other.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    expect((await other.request.get('/api/v1/me')).status()).toBe(401)
    expect((await page.request.get('/api/v1/me')).status()).toBe(200)
  })

  it('edits the profile: locale and time zone always, the fields the tenant allows, each error by its code', async () => {
    const T = await createTenant(env(), { selfService: { editableFields: ['displayName', 'mobilePhone'] } })
    const user = await userWithPassword(T, { firstName: 'Anna', displayName: 'Anna' })
    const page = await env().newPage()
    await signInThroughPage(page, T.slug, user.username)
    expect(await field(page, en.profile.firstName).isDisabled()).toBe(true)
    expect(await field(page, en.profile.firstName).inputValue()).toBe('Anna')

    await field(page, en.profile.mobilePhone).fill('12345')
    await page.getByRole('button', { name: en.profile.save, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_phone, { exact: true }).waitFor()

    await field(page, en.profile.mobilePhone).fill('+31 6 1234 5678')
    await field(page, en.profile.displayName).fill('Anna from Support')
    await field(page, en.profile.timeZoneRegion).selectOption('Asia')
    await field(page, en.profile.timeZone).selectOption('Asia/Tokyo')
    await field(page, en.profile.locale).selectOption('nl')
    await page.getByRole('button', { name: en.profile.save, exact: true }).click()
    // The page follows the user's new locale.
    await page.getByText(nl.profile.saved, { exact: true }).waitFor()
    await page.getByRole('heading', { name: nl.account.title, exact: true }).waitFor()
    const saved = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(saved).toMatchObject({ displayName: 'Anna from Support', mobilePhone: '+31612345678', timeZone: 'Asia/Tokyo', locale: 'nl', firstName: 'Anna' })

    await page.reload()
    await page.getByRole('heading', { name: nl.account.title, exact: true }).waitFor()
    expect(await field(page, nl.profile.timeZone).inputValue()).toBe('Asia/Tokyo')
    expect(await field(page, nl.profile.displayName).inputValue()).toBe('Anna from Support')
  })

  it('adds an authenticator app, makes new recovery codes (the old ones stop working), removes the app; passkeys have their own place', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await signInThroughPage(page, T.slug, user.username)
    await page.getByText(en.authenticators.none, { exact: true }).waitFor()
    await page.getByTestId('passkeys').getByText(en.passkeys.none, { exact: true }).waitFor()

    await page.getByRole('button', { name: en.authenticators.add, exact: true }).click()
    await field(page, en.authenticators.name).fill('Work phone')
    await page.getByRole('button', { name: en.authenticators.start, exact: true }).click()
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!
    await page.getByRole('img', { name: en.totp.qrAlt, exact: true }).waitFor()
    await field(page, en.totp.code).fill(totpCode(secret))
    await page.getByRole('button', { name: en.totp.confirm, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    const first = await page.getByTestId('recovery-codes').locator('code').allTextContents()
    expect(first).toHaveLength(10)
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    await page.getByRole('cell', { name: 'Work phone', exact: true }).waitFor()
    await page.getByText(en.recovery.left_other.replace('{{count}}', '10'), { exact: true }).waitFor()

    await page.getByRole('button', { name: en.recovery.regenerate, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    const second = await page.getByTestId('recovery-codes').locator('code').allTextContents()
    expect(second).toHaveLength(10)
    expect(second.filter((code) => first.includes(code))).toEqual([])
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    expect(await page.getByTestId('recovery-codes').count()).toBe(0)

    for (const [code, works] of [[first[0]!, false], [second[0]!, true]] as const) {
      const browser = await env().newPage()
      await submitSignIn(browser, T.slug, user.username, PASSWORD)
      await browser.getByRole('button', { name: en.secondFactor.useRecoveryCode, exact: true }).click()
      await field(browser, en.secondFactor.recoveryCode).fill(code)
      await browser.getByRole('button', { name: en.secondFactor.submit, exact: true }).click()
      if (works) await accountPage(browser)
      else await browser.getByText(en.fieldErrors.wrong_code, { exact: true }).waitFor()
    }

    await page.getByRole('button', { name: `${en.authenticators.remove}: Work phone`, exact: true }).click()
    await page.getByText(en.authenticators.none, { exact: true }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`)).items).toEqual([])
  })

  it('lists the recent sign-ins with time, address, browser and outcome', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, 'not the password')
    expect(await alertText(page)).toBe(en.errors.invalid_credentials)
    await signInThroughPage(page, T.slug, user.username)
    const rows = page.getByTestId('sign-ins').locator('tbody tr')
    expect(await countOf(rows, 2)).toBe(2)
    const [success, failure] = await rows.allTextContents()
    expect(success).toContain(en.signIns.success)
    expect(failure).toContain(`${en.signIns.failure} (${en.signIns.reasons.wrong_password})`)
    for (const row of [success!, failure!]) {
      expect(row).toMatch(/Chrome \d+ on Linux/)
      expect(row).toMatch(/::1|127\.0\.0\.1/)
    }
  })
})
