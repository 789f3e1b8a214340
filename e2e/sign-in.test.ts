// The sign-in page in Chromium: the remembered tenant, ?next= on this origin only, signing out, the
// language. (Failed sign-ins: lockout.test.ts.)
import { expect, it } from 'vitest'
import { createTenant, expectOk, unique } from '../test/api.js'
import nl from '../web/src/i18n/nl.json' with { type: 'json' }
import {
  accountPage, alertText, describeInBrowser, en, field, PASSWORD, submitSignIn, userWithPassword,
} from './harness.js'

describeInBrowser('sign-in page', (env) => {
  it('/login asks for the tenant and remembers it; sign-out ends the session and goes to the tenant\'s sign-in page', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    // / is the console, which sends a browser without a session to sign in first.
    await page.goto('/')
    await page.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/login')
    await field(page, en.signIn.tenant).fill(T.slug)
    await field(page, en.signIn.username).fill(user.username)
    await field(page, en.signIn.password).fill(PASSWORD)
    await page.getByRole('button', { name: en.signIn.submit, exact: true }).click()
    await accountPage(page)

    await page.getByRole('button', { name: en.account.signOut, exact: true }).click()
    await page.getByRole('heading', { name: en.signIn.tenantTitle.replace('{{tenant}}', T.slug), exact: true }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/t/${T.slug}/login`)
    // The session is gone on the server, not just in this page.
    expect((await page.request.get('/api/v1/me')).status()).toBe(401)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/sessions`)).items).toEqual([])

    await page.goto('/login')
    expect(await field(page, en.signIn.tenant).inputValue()).toBe(T.slug)
  })

  it('goes to a ?next= path on this origin after signing in, and to the account page for any other', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await submitSignIn(page, T.slug, user.username, PASSWORD, '/account?from=next#top')
    await accountPage(page)
    expect(page.url()).toBe(`${env().baseUrl}/account?from=next#top`)

    for (const next of ['https://example.com/', '//example.com/account', '/\\example.com']) {
      const other = await env().newPage()
      await submitSignIn(other, T.slug, user.username, PASSWORD, next)
      await accountPage(other)
      expect(new URL(other.url()).origin).toBe(env().baseUrl)
    }
  })

  it('sends an unsigned-in visitor of /account to sign in, and back to /account afterwards', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await page.goto('/account')
    await page.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account')
    await field(page, en.signIn.tenant).fill(T.slug)
    await field(page, en.signIn.username).fill(user.username)
    await field(page, en.signIn.password).fill(PASSWORD)
    await page.getByRole('button', { name: en.signIn.submit, exact: true }).click()
    await accountPage(page)
  })

  it('speaks the browser\'s language, switches language on the sign-in page, and keeps the choice', async () => {
    const dutch = await env().newPage({ locale: 'nl-NL' })
    await dutch.goto('/login')
    await dutch.getByRole('heading', { name: nl.signIn.title, exact: true }).waitFor()
    expect(await field(dutch, nl.signIn.username).count()).toBe(1)
    expect(await dutch.locator('html').getAttribute('lang')).toBe('nl')

    const page = await env().newPage()
    await page.goto('/login')
    await page.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    await field(page, en.app.language).selectOption('nl')
    await page.getByRole('heading', { name: nl.signIn.title, exact: true }).waitFor()
    await page.getByRole('link', { name: nl.signIn.forgot, exact: true }).waitFor()
    // An error in Dutch too, chosen by its code.
    await field(page, nl.signIn.tenant).fill(unique('nowhere-'))
    await field(page, nl.signIn.username).fill('someone')
    await field(page, nl.signIn.password).fill('something')
    await page.getByRole('button', { name: nl.signIn.submit, exact: true }).click()
    expect(await alertText(page)).toBe(nl.errors.invalid_credentials)
    await page.reload()
    await page.getByRole('heading', { name: nl.signIn.title, exact: true }).waitFor()
  })
})
