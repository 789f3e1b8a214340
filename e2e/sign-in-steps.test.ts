// The steps after the password, in Chromium: a temporary password to replace (every broken rule at
// once), an authenticator app to set up, TOTP and recovery codes, the choice of campaign; a reload in
// the middle goes on where it was.
import { expect, it } from 'vitest'
import { totpCode } from '../src/second-factors/totp.js'
import { createTenant, expectOk, unique } from '../test/api.js'
import { accountPage, describeInBrowser, en, field, PASSWORD, submitSignIn, userWithPassword } from './harness.js'

const STEP_MS = 30_000

describeInBrowser('sign-in steps', (env) => {
  it('makes a user with a temporary password choose a new one, listing every broken rule at once; a reload keeps the step', async () => {
    const T = await createTenant(env())
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('tmp'), roleId: T.roles.agent, firstName: 'Tamara' }), 201)
    const { generatedPassword } = expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { generate: true }))
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, generatedPassword)
    await page.getByRole('heading', { name: en.updatePassword.title, exact: true }).waitFor()

    // A reload forgets the page's state and its CSRF token; the sign-in goes on from the server's word.
    await page.reload()
    await page.getByRole('heading', { name: en.updatePassword.title, exact: true }).waitFor()

    await field(page, en.newPassword.new).fill('tamara')
    await field(page, en.newPassword.confirm).fill('tamara')
    await page.getByRole('button', { name: en.updatePassword.submit, exact: true }).click()
    const tooShort = en.fieldErrors.password_too_short.replace('{{min}}', '8')
    await page.getByText(tooShort, { exact: true }).waitFor()
    await page.getByText(en.fieldErrors.password_contains_personal_info, { exact: true }).waitFor()

    await field(page, en.newPassword.new).fill(PASSWORD)
    await field(page, en.newPassword.confirm).fill(`${PASSWORD}x`)
    await page.getByRole('button', { name: en.updatePassword.submit, exact: true }).click()
    await page.getByText(en.newPassword.mismatch, { exact: true }).waitFor()
    expect(await page.getByText(tooShort, { exact: true }).count()).toBe(1) // nothing was sent

    await field(page, en.newPassword.confirm).fill(PASSWORD)
    await page.getByRole('button', { name: en.updatePassword.submit, exact: true }).click()
    await accountPage(page)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual([])
    // The old, temporary password no longer works; the new one does.
    const again = await env().newPage()
    await submitSignIn(again, T.slug, user.username, generatedPassword)
    await again.getByRole('alert').getByText(en.errors.invalid_credentials, { exact: true }).waitFor()
  })

  it('has a user of a tenant that requires a second factor set up an authenticator, then sign in with TOTP and with a recovery code', async () => {
    const T = await createTenant(env(), { secondFactorPolicy: { requiredForAll: true } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.configureTotp.title, exact: true }).waitFor()
    const qr = page.getByRole('img', { name: en.totp.qrAlt, exact: true })
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    const secretShown = page.getByTestId('totp-secret')
    const secret = (await secretShown.getAttribute('data-secret'))!
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect((await secretShown.textContent())!.replace(/\s/g, '')).toBe(secret)

    await field(page, en.totp.code).fill('000000')
    await page.getByRole('button', { name: en.totp.confirm, exact: true }).click()
    await page.getByText(en.fieldErrors.wrong_code, { exact: true }).waitFor()
    // The code of now confirms the key; the next sign-in uses the next step's code (one step of drift
    // is accepted, and a step used once is refused), whichever side of a step boundary either lands.
    const confirmedAt = Date.now()
    await field(page, en.totp.code).fill(totpCode(secret, confirmedAt))
    await page.getByRole('button', { name: en.totp.confirm, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim())
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    await accountPage(page)
    await page.getByRole('button', { name: en.account.signOut, exact: true }).click()
    await page.getByRole('heading', { name: en.signIn.tenantTitle.replace('{{tenant}}', T.slug), exact: true }).waitFor()

    // With the authenticator's code.
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.secondFactor.title, exact: true }).waitFor()
    await field(page, en.secondFactor.totpCode).fill(totpCode(secret, confirmedAt + STEP_MS))
    await page.getByRole('button', { name: en.secondFactor.submit, exact: true }).click()
    await accountPage(page)
    await page.getByRole('button', { name: en.account.signOut, exact: true }).click()
    await page.getByRole('heading', { name: en.signIn.tenantTitle.replace('{{tenant}}', T.slug), exact: true }).waitFor()

    // With a recovery code, once.
    for (const expected of ['signed in', 'refused']) {
      const browser = await env().newPage()
      await submitSignIn(browser, T.slug, user.username, PASSWORD)
      await browser.getByRole('heading', { name: en.secondFactor.title, exact: true }).waitFor()
      await browser.getByRole('button', { name: en.secondFactor.useRecoveryCode, exact: true }).click()
      await field(browser, en.secondFactor.recoveryCode).fill(codes[3]!)
      await browser.getByRole('button', { name: en.secondFactor.submit, exact: true }).click()
      if (expected === 'signed in') await accountPage(browser)
      else await browser.getByText(en.fieldErrors.wrong_code, { exact: true }).waitFor()
    }
    const sessions = expectOk(await T.admin.get(`/api/v1/users/${user.id}/sessions`)).items as Array<{ authenticatedWith: string; state: string }>
    expect(sessions.filter((s) => s.state === 'active').map((s) => s.authenticatedWith)).toEqual(['password+recovery_code'])
  })

  it('lets a user who chooses a campaign at sign-in pick one of theirs; /me has it', async () => {
    const T = await createTenant(env())
    const inbound = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Inbound ') }), 201)
    const outbound = expectOk(await T.admin.post('/api/v1/campaigns', { name: unique('Outbound ') }), 201)
    const user = await userWithPassword(T, { campaignIds: [inbound.id, outbound.id], chooseCampaignAtLogin: true })
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.chooseCampaign.title, exact: true }).waitFor()
    expect((await page.getByRole('radio').all()).length).toBe(2)
    await page.getByRole('radio', { name: outbound.name, exact: true }).check()
    await page.getByRole('button', { name: en.chooseCampaign.submit, exact: true }).click()
    await accountPage(page)
    const me = await (await page.request.get('/api/v1/me')).json()
    expect(me.campaignId).toBe(outbound.id)
  })
})
