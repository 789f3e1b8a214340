// Forgot password and invitations, in Chromium: the code comes from the development outbox; the page
// says the same whether or not the account exists.
import { expect, it } from 'vitest'
import { createTenant, expectOk, unique } from '../test/api.js'
import { accountPage, codeIn, describeInBrowser, en, field, messageTo, PASSWORD, signInThroughPage, submitSignIn, userWithPassword } from './harness.js'

const NEW_PASSWORD = 'A brand new secret 7'

describeInBrowser('forgot password page', (env) => {
  it('sends a code by email from the sign-in page and sets the new password with it', async () => {
    const T = await createTenant(env())
    const username = unique('r')
    const user = await userWithPassword(T, { email: `${username}@example.com` })
    const page = await env().newPage()
    await page.goto(`/t/${T.slug}/login`)
    await page.getByRole('link', { name: en.signIn.forgot, exact: true }).click()
    await page.getByRole('heading', { name: en.forgot.title, exact: true }).waitFor()
    expect(await field(page, en.signIn.tenant).inputValue()).toBe(T.slug)
    await field(page, en.forgot.login).fill(user.email!)
    await page.getByRole('button', { name: en.forgot.submit, exact: true }).click()
    await page.getByText(en.forgot.sent, { exact: true }).waitFor()

    const code = codeIn((await messageTo(env(), user.email!)).text)
    await field(page, en.forgot.code).fill('00000000')
    await field(page, en.newPassword.new).fill(NEW_PASSWORD)
    await field(page, en.newPassword.confirm).fill(NEW_PASSWORD)
    await page.getByRole('button', { name: en.forgot.setSubmit, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_code, { exact: true }).waitFor()

    await field(page, en.forgot.code).fill(code)
    await page.getByRole('button', { name: en.forgot.setSubmit, exact: true }).click()
    await page.getByText(en.forgot.done, { exact: true }).waitFor()
    await page.getByRole('link', { name: en.forgot.toSignIn, exact: true }).click()
    await signInThroughPage(page, T.slug, user.username, NEW_PASSWORD)

    const old = await env().newPage()
    await submitSignIn(old, T.slug, user.username, PASSWORD)
    await old.getByRole('alert').getByText(en.errors.invalid_credentials, { exact: true }).waitFor()
  })

  it('answers an unknown account exactly as a known one', async () => {
    const T = await createTenant(env())
    const page = await env().newPage()
    await page.goto(`/forgot-password?tenant=${T.slug}`)
    await field(page, en.forgot.login).fill(unique('nobody'))
    await page.getByRole('radio', { name: en.channels.sms, exact: true }).check()
    await page.getByRole('button', { name: en.forgot.submit, exact: true }).click()
    await page.getByText(en.forgot.sent, { exact: true }).waitFor()
    await page.getByRole('heading', { name: en.forgot.setTitle, exact: true }).waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
  })

  it('takes the code of an administrator\'s invitation on the same page', async () => {
    const T = await createTenant(env())
    const username = unique('inv')
    const user = expectOk(await T.admin.post('/api/v1/users', { username, email: `${username}@example.com`, roleId: T.roles.agent }), 201)
    expectOk(await T.admin.post(`/api/v1/users/${user.id}/invitation`, { channel: 'email' }))
    const code = codeIn((await messageTo(env(), user.email)).text)

    const page = await env().newPage()
    await page.goto(`/t/${T.slug}/login`)
    await page.getByRole('link', { name: en.signIn.forgot, exact: true }).click()
    await page.getByRole('button', { name: en.forgot.haveCode, exact: true }).click()
    await page.getByRole('heading', { name: en.forgot.setTitle, exact: true }).waitFor()
    await field(page, en.forgot.login).fill(username)
    await field(page, en.forgot.code).fill(code)
    // The tenant's policy applies, every broken rule at once.
    await field(page, en.newPassword.new).fill(username)
    await field(page, en.newPassword.confirm).fill(username)
    await page.getByRole('button', { name: en.forgot.setSubmit, exact: true }).click()
    await page.getByText(en.fieldErrors.password_contains_personal_info, { exact: true }).waitFor()
    await field(page, en.newPassword.new).fill(NEW_PASSWORD)
    await field(page, en.newPassword.confirm).fill(NEW_PASSWORD)
    await page.getByRole('button', { name: en.forgot.setSubmit, exact: true }).click()
    await page.getByText(en.forgot.done, { exact: true }).waitFor()
    await page.getByRole('link', { name: en.forgot.toSignIn, exact: true }).click()
    await signInThroughPage(page, T.slug, username, NEW_PASSWORD)
    await accountPage(page)
  })
})
