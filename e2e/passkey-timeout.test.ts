// A passkey ceremony that times out (the Workspace manual: after about 60 seconds, a message, and the
// way to start again). Chromium's virtual authenticator is left without simulated presence, so the
// request waits for a touch that never comes; this Gatehouse gives ceremonies 10 seconds, the least
// Chromium allows, so that the test need not wait a minute.
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { describeInBrowser, en, field, signInThroughPage, userWithPassword, virtualAuthenticator } from './harness.js'

describeInBrowser('passkey time-out', (env) => {
  it('says that the passkey request timed out and starts it again', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T)
    const page = await env().newPage()
    const authenticator = await virtualAuthenticator(page, false)
    await signInThroughPage(page, T.slug, user.username)
    await page.getByRole('button', { name: en.passkeys.add, exact: true }).click()
    await field(page, en.passkeys.name).fill('Laptop')
    await page.getByRole('button', { name: en.passkeys.create, exact: true }).click()
    // Nobody touches the key: the browser gives up when the server's time-out runs out.
    const alert = page.getByRole('alert').filter({ hasText: en.passkeys.timedOut })
    await alert.waitFor({ timeout: 25_000 })
    expect(await alert.textContent()).toContain(en.passkeys.timedOutTitle)
    expect(await authenticator.credentials()).toEqual([])

    // Someone is at the key now: starting again registers it.
    await authenticator.setPresence(true)
    await page.getByRole('button', { name: en.passkeys.startAgain, exact: true }).click()
    await page.getByRole('heading', { name: en.recoveryCodes.title, exact: true }).waitFor()
    await page.getByRole('button', { name: en.recoveryCodes.saved, exact: true }).click()
    await page.getByTestId('passkeys').getByRole('cell', { name: 'Laptop', exact: true }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/second-factors`)).items).toHaveLength(1)
  })
}, { webauthnTimeoutMs: 10_000 })
