// Passkeys in Chromium, with its virtual authenticator (CDP WebAuthn): registered on the account page,
// the second factor at sign-in, signing in with a passkey alone where the tenant allows it, renamed
// and removed; a ceremony that times out says so and starts again (its own file: a short time-out).
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { accountPage, countOf, describeInBrowser, en, field, PASSWORD, signInThroughPage, submitSignIn, userWithPassword, virtualAuthenticator } from './harness.js'
import type { Page } from 'playwright-core'

const passkeyRows = (page: Page) => page.getByTestId('passkeys').locator('tbody tr')

/** Adds a passkey on the account page; the first factor's recovery codes are shown once. */
async function addPasskeyOnAccountPage(page: Page, name: string, firstFactor: boolean): Promise<void> {
  await page.getByRole('button', { name: en.passkeys.add, exact: true }).click()
  await field(page, en.passkeys.name).fill(name)
  await page.getByRole('button', { name: en.passkeys.create, exact: true }).click()
  if (firstFactor) {
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    expect(await page.getByTestId('recovery-codes').locator('code').count()).toBe(10)
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
  }
  await page.getByTestId('passkeys').getByRole('cell', { name, exact: true }).waitFor()
}

async function signOut(page: Page, tenant: string): Promise<void> {
  await page.getByRole('button', { name: en.account.signOut, exact: true }).click()
  await page.getByRole('heading', { name: en.signIn.tenantTitle.replace('{{tenant}}', tenant), exact: true }).waitFor()
}

describeInBrowser('passkeys', (env) => {
  it('registers passkeys on the account page, signs in with one as the second factor, renames and removes them', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    const authenticator = await virtualAuthenticator(page)
    await signInThroughPage(page, T.slug, user.username)
    await page.getByTestId('passkeys').getByText(en.passkeys.none, { exact: true }).waitFor()

    await addPasskeyOnAccountPage(page, 'Laptop', true)
    expect(await passkeyRows(page).first().getByText(en.factorKinds.webauthn, { exact: true }).count()).toBe(1)
    expect(await passkeyRows(page).first().textContent()).toContain(en.authenticators.neverUsed)
    const credentials = await authenticator.credentials()
    expect(credentials).toHaveLength(1)
    expect(credentials[0]!.isResidentCredential).toBe(true)
    expect(Buffer.from(credentials[0]!.userHandle!, 'base64').toString()).toBe(user.id)

    // The second factor at the next sign-in: the passkey is offered first.
    await signOut(page, T.slug)
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.secondFactor.title, exact: true }).waitFor()
    await page.getByRole('button', { name: en.secondFactor.passkeySubmit, exact: true }).click()
    await accountPage(page)
    const sessions = expectOk(await T.admin.get(`/api/v1/users/${user.id}/sessions`)).items as Array<{ authenticatedWith: string }>
    expect(sessions.map((s) => s.authenticatedWith)).toEqual(['password+webauthn'])
    await page.getByTestId('passkeys').getByText(en.authenticators.lastUsed.split(' ')[0]!, { exact: false }).first().waitFor()
    expect((await authenticator.credentials())[0]!.signCount).toBeGreaterThan(0)

    // Rename.
    await page.getByRole('button', { name: `${en.authenticators.rename}: Laptop`, exact: true }).click()
    await page.getByRole('textbox', { name: en.authenticators.newName, exact: true }).fill('Work laptop')
    await page.getByRole('button', { name: en.authenticators.save, exact: true }).click()
    await page.getByTestId('passkeys').getByRole('cell', { name: 'Work laptop', exact: true }).waitFor()
    const listed = expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`)).items as Array<{ name: string; kind: string }>
    expect(listed).toEqual([expect.objectContaining({ name: 'Work laptop', kind: 'webauthn' })])

    // Remove: back to none, and the next sign-in asks for no second factor.
    await page.getByRole('button', { name: `${en.authenticators.remove}: Work laptop`, exact: true }).click()
    await page.getByTestId('passkeys').getByText(en.passkeys.none, { exact: true }).waitFor()
    expect(await countOf(passkeyRows(page), 0)).toBe(0)
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.second_factor_remove`)).total).toBe(1)
    await signOut(page, T.slug)
    await signInThroughPage(page, T.slug, user.username)
  })

  it('signs in with a passkey alone where the tenant allows it, and offers it nowhere else', async () => {
    const T = await createTenant(env(), { passwordlessSignIn: true })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await virtualAuthenticator(page)
    await signInThroughPage(page, T.slug, user.username)
    await addPasskeyOnAccountPage(page, 'Laptop', true)
    await signOut(page, T.slug)

    await page.getByRole('button', { name: en.signIn.withPasskey, exact: true }).click()
    await accountPage(page)
    const sessions = expectOk(await T.admin.get(`/api/v1/users/${user.id}/sessions`)).items as Array<{ authenticatedWith: string }>
    expect(sessions.map((s) => s.authenticatedWith)).toEqual(['passkey'])

    // The plain /login page offers it once the tenant is typed in.
    await signOut(page, T.slug)
    await page.goto('/login')
    await field(page, en.signIn.tenant).fill(T.slug)
    await page.getByRole('button', { name: en.signIn.withPasskey, exact: true }).click()
    await accountPage(page)

    // A tenant that does not allow it: no such button once the page knows.
    const other = await createTenant(env())
    const plain = await env().newPage()
    const methods = plain.waitForResponse((r) => r.url().includes('/api/v1/sign-in/methods'))
    await plain.goto(`/t/${other.slug}/login`)
    expect(await (await methods).json()).toEqual({ passkey: false })
    await field(plain, en.signIn.username).waitFor()
    expect(await plain.getByRole('button', { name: en.signIn.withPasskey, exact: true }).count()).toBe(0)
  })

  it('lets a user whose tenant requires a second factor set up a passkey instead of an authenticator app', async () => {
    const T = await createTenant(env(), { secondFactorPolicy: { requiredForAll: true } })
    const user = await userWithPassword(T)
    const page = await env().newPage()
    await virtualAuthenticator(page)
    await submitSignIn(page, T.slug, user.username, PASSWORD)
    await page.getByRole('heading', { name: en.configureTotp.title, exact: true }).waitFor()
    await page.getByRole('button', { name: en.configureTotp.usePasskey, exact: true }).click()
    await field(page, en.passkeys.name).fill('Phone')
    await page.getByRole('button', { name: en.passkeys.create, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    await accountPage(page)
    await page.getByTestId('passkeys').getByRole('cell', { name: 'Phone', exact: true }).waitFor()
  })
})
