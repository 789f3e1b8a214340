// Required actions an administrator sets, completed in Chromium: a new password, an authenticator
// app, the email address verified with the code read from the outbox (asked for first when the
// account has none), the profile reviewed (with the administrator's validation) — then the account
// page, and nothing asked again.
import { expect, it } from 'vitest'
import { totpCode } from '../src/second-factors/totp.js'
import { createTenant, expectOk, unique } from '../test/api.js'
import { accountPage, codeIn, describeInBrowser, en, field, messageTo, PASSWORD, signInThroughPage, submitSignIn, userWithPassword } from './harness.js'

const NEW_PASSWORD = 'A brand new secret 7'

describeInBrowser('required actions', (env) => {
  it('has the user choose a new password and set up an authenticator app, as the administrator asked', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    expectOk(await T.admin.patch(`/api/v1/users/${user.id}`, { requiredActions: ['configure_totp', 'update_password'] }))
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.updatePassword.title, exact: true }).waitFor()
    await field(page, en.newPassword.new).fill(NEW_PASSWORD)
    await field(page, en.newPassword.confirm).fill(NEW_PASSWORD)
    await page.getByRole('button', { name: en.updatePassword.submit, exact: true }).click()

    await page.getByRole('heading', { name: en.configureTotp.title, exact: true }).waitFor()
    // The administrator asked for an app: no passkey instead.
    expect(await page.getByRole('button', { name: en.configureTotp.usePasskey, exact: true }).count()).toBe(0)
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!
    await field(page, en.totp.code).fill(totpCode(secret))
    await page.getByRole('button', { name: en.totp.confirm, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    await accountPage(page)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).requiredActions).toEqual([])
  })

  it('verifies the email address with the code from the outbox; an account without one gives it first', async () => {
    const T = await createTenant(env())
    const email = `${unique('mail')}@example.com`
    const user = await userWithPassword(T, { email, requiredActions: ['verify_email'] })
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.verifyEmail.title, exact: true }).waitFor()
    await page.getByText(en.verifyEmail.help.replace('{{email}}', email), { exact: true }).waitFor()
    await page.getByRole('button', { name: en.verifyEmail.send, exact: true }).click()
    await page.getByText(en.verifyEmail.sent.replace('{{email}}', email), { exact: true }).waitFor()
    const code = codeIn((await messageTo(env(), email)).text)
    await field(page, en.verifyEmail.code).fill(code === '00000000' ? '11111111' : '00000000')
    await page.getByRole('button', { name: en.verifyEmail.submit, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_code, { exact: true }).waitFor()
    // A new code within the minute: the wait is said.
    await page.getByRole('button', { name: en.verifyEmail.resend, exact: true }).click()
    await page.getByRole('alert').getByText(/^Too many attempts/).waitFor()
    await field(page, en.verifyEmail.code).fill(code)
    await page.getByRole('button', { name: en.verifyEmail.submit, exact: true }).click()
    await accountPage(page)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ emailVerified: true, requiredActions: [] })

    const bare = await userWithPassword(T, { requiredActions: ['verify_email'] })
    const other = await env().newPage()
    await submitSignIn(other, T.slug, bare.username, PASSWORD)
    await other.getByText(en.verifyEmail.noEmail, { exact: true }).waitFor()
    await field(other, en.profile.email).fill('not an address')
    await other.getByRole('button', { name: en.verifyEmail.send, exact: true }).click()
    await other.getByText(en.fieldErrors.invalid_email, { exact: true }).waitFor()
    await field(other, en.profile.email).fill(email)
    await other.getByRole('button', { name: en.verifyEmail.send, exact: true }).click()
    await other.getByText(en.fieldErrors.email_taken, { exact: true }).waitFor()
    const own = `${unique('own')}@example.com`
    await field(other, en.profile.email).fill(own)
    await other.getByRole('button', { name: en.verifyEmail.send, exact: true }).click()
    await field(other, en.verifyEmail.code).fill(codeIn((await messageTo(env(), own)).text))
    await other.getByRole('button', { name: en.verifyEmail.submit, exact: true }).click()
    await accountPage(other)
    expect(expectOk(await T.admin.get(`/api/v1/users/${bare.id}`))).toMatchObject({ email: own, emailVerified: true })
  })

  it('has the user review the profile, checked as an administrator\'s edit, before the session opens', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T, { firstName: 'Anna', email: `${unique('p')}@example.com`, requiredActions: ['update_profile'] })
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.updateProfile.title, exact: true }).waitFor()
    expect(await field(page, en.profile.firstName).inputValue()).toBe('Anna')
    expect(await field(page, en.profile.email).inputValue()).toBe(user.email)
    await field(page, en.profile.lastName).fill('de Vries')
    await field(page, en.profile.mobilePhone).fill('12')
    await page.getByRole('button', { name: en.updateProfile.submit, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_phone, { exact: true }).waitFor()
    await field(page, en.profile.mobilePhone).fill('+31 6 1234 5678')
    await field(page, en.profile.timeZoneRegion).selectOption('Europe')
    await field(page, en.profile.timeZone).selectOption('Europe/Amsterdam')
    await page.getByRole('button', { name: en.updateProfile.submit, exact: true }).click()
    await accountPage(page)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({
      firstName: 'Anna', lastName: 'de Vries', mobilePhone: '+31612345678', timeZone: 'Europe/Amsterdam', requiredActions: [],
    })
    // Done once: the next sign-in goes straight to the account page.
    const again = await env().newPage()
    await signInThroughPage(again, T.slug, user.username)
  })
})
