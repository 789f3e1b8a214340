// The console's Voice tab and queue presence in Chromium: a person's phone settings edited (transport,
// NAT, codecs in order of preference moved with the keyboard, call and pickup groups), a refused
// dialplan context shown at its field, saved with If-Match and read back through the API; a SIP
// password shown once; the internal number in the editor and the table. Then a user the telephony
// reports logged on: found by the presence filter, shown in the Queue presence column, and not
// deleted (the button disabled with the reason; the API's 409 translated where it still happens).
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { describeInBrowser, en, field, screenshot, signInToConsole, usersPage } from './harness.js'

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })
const shownUsernames = (page: Page) => page.getByTestId('users-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user')))
const editLink = (page: Page, username: string) => page.getByRole('link', { name: en.users.editUser.replace('{{username}}', username), exact: true })
const presenceFilter = (page: Page) => page.getByRole('combobox', { name: en.users.presence, exact: true })
const codecOrder = (page: Page) => page.getByTestId('codec-list').locator('[data-position]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-codec')))

/** Picks a number from a Mantine multi-select (typed, then its option chosen). */
async function pickGroup(page: Page, label: string, group: number): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true })
  await input.click()
  await input.fill(String(group))
  await page.getByRole('option', { name: String(group), exact: true }).click()
  await page.keyboard.press('Escape')
}

describeInBrowser('console: voice settings and queue presence', (env) => {
  it('Voice tab: transport, NAT, codecs by keyboard, groups; a refused context at its field; saved and read back; a SIP password shown once', async () => {
    const T = await createTenant(env(), { agentNumbers: { autoExtension: true, extensionFrom: 300, extensionTo: 399 } })
    const anna = expectOk(await T.admin.post('/api/v1/users', { username: 'anna.phone', firstName: 'Anna', roleId: T.roles.agent }), 201)
    const wall = expectOk(await T.admin.post('/api/v1/users', { username: 'wall.board', kind: 'wallboard', roleId: T.roles.agent }), 201)
    const page = await env().newPage()
    await signInToConsole(page, T.slug)

    // A machine has no Voice tab.
    await editLink(page, wall.username).click()
    await page.getByRole('heading', { name: wall.username, exact: true }).waitFor()
    await tab(page, en.userEditor.tabs.profile).waitFor()
    expect(await tab(page, en.userEditor.tabs.voice).count()).toBe(0)
    await page.getByRole('link', { name: en.userEditor.back, exact: true }).click()
    await usersPage(page)

    await editLink(page, anna.username).click()
    await page.getByRole('heading', { name: anna.username, exact: true }).waitFor()
    // The internal number the tenant's range gave: shown, not changeable.
    await tab(page, en.userEditor.tabs.profile).click()
    const extension = field(page, en.userEditor.profile.extension)
    expect(await extension.inputValue()).toBe(String(anna.extension))
    expect(await extension.getAttribute('readonly')).not.toBeNull()

    await tab(page, en.userEditor.tabs.voice).click()
    await field(page, en.userEditor.voice.transport).selectOption('tls')
    await field(page, en.userEditor.voice.nat).selectOption('force_rport')
    expect(await codecOrder(page)).toEqual(['ulaw', 'alaw'])
    await page.getByLabel(en.userEditor.voice.codecNames.opus, { exact: true }).check()
    await page.getByLabel(en.userEditor.voice.codecNames.g722, { exact: true }).check()
    // Opus to the top with the keyboard: the button keeps the focus as its row moves.
    const opusUp = page.getByRole('button', { name: en.userEditor.voice.moveUp.replace('{{codec}}', en.userEditor.voice.codecNames.opus), exact: true })
    await opusUp.focus()
    await page.keyboard.press('Enter')
    expect(await codecOrder(page)).toEqual(['ulaw', 'opus', 'alaw', 'g722'])
    await page.keyboard.press('Space')
    expect(await codecOrder(page)).toEqual(['opus', 'ulaw', 'alaw', 'g722'])
    // At the top its up button is off; the focus went to its down button.
    expect(await opusUp.isDisabled()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(en.userEditor.voice.moveDown.replace('{{codec}}', en.userEditor.voice.codecNames.opus))
    await page.getByLabel(en.userEditor.voice.codecNames.alaw, { exact: true }).uncheck()
    expect(await codecOrder(page)).toEqual(['opus', 'ulaw', 'g722'])
    await pickGroup(page, en.userEditor.voice.callGroups, 3)
    await pickGroup(page, en.userEditor.voice.callGroups, 12)
    await pickGroup(page, en.userEditor.voice.pickupGroups, 63)
    await field(page, en.userEditor.voice.context).fill('from sip')

    // The API refuses the context: the message at its field, the tab marked, nothing typed lost.
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_format, { exact: true }).waitFor()
    expect(await tab(page, en.userEditor.tabs.voice).textContent()).toContain(en.userEditor.tabHasErrors)
    expect(await field(page, en.userEditor.voice.transport).inputValue()).toBe('tls')
    await screenshot(page, 'user-voice-error')
    await field(page, en.userEditor.voice.context).fill('agents-nl')
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()

    const voice = expectOk(await T.admin.get(`/api/v1/users/${anna.id}/voice`))
    expect(voice).toMatchObject({ transport: 'tls', nat: 'force_rport', codecs: ['opus', 'ulaw', 'g722'], context: 'agents-nl', callGroups: [3, 12], pickupGroups: [63], hasSipPassword: false })

    // A second save with the version just saved goes through (If-Match followed the save).
    await pickGroup(page, en.userEditor.voice.pickupGroups, 7)
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()
    await expect.poll(async () => expectOk(await T.admin.get(`/api/v1/users/${anna.id}/voice`)).pickupGroups).toEqual([7, 63])

    // Someone else changes the settings: the next save says so and offers to reload.
    expectOk(await T.admin.patch(`/api/v1/users/${anna.id}/voice`, { transport: 'udp' }))
    await field(page, en.userEditor.voice.nat).selectOption('yes')
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('version-conflict').waitFor()
    expect(await field(page, en.userEditor.voice.nat).inputValue()).toBe('yes')
    await page.getByRole('button', { name: en.userEditor.reload, exact: true }).click()
    await page.getByTestId('version-conflict').waitFor({ state: 'detached' })
    expect(await field(page, en.userEditor.voice.transport).inputValue()).toBe('udp')
    expect(await field(page, en.userEditor.voice.nat).inputValue()).toBe('force_rport')

    // The SIP password: shown once, with a button to copy it; the settings' version follows.
    await page.getByRole('button', { name: en.userEditor.voice.generateSipPassword, exact: true }).click()
    const shown = page.getByTestId('new-sip-password')
    await shown.waitFor()
    expect(await shown.textContent()).toMatch(/^[A-Za-z0-9]{24}$/)
    await page.getByRole('button', { name: en.userEditor.password.copy, exact: true }).waitFor()
    await page.getByTestId('sip-password-state').filter({ hasText: en.userEditor.voice.hasSipPassword }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${anna.id}/voice`)).hasSipPassword).toBe(true)
    await screenshot(page, 'user-voice-sip-password')
    await page.getByRole('button', { name: en.userEditor.voice.sipPasswordSaved, exact: true }).click()
    await shown.waitFor({ state: 'detached' })
    // Saving after the password: the version read again, no conflict.
    await field(page, en.userEditor.voice.transport).selectOption('wss')
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${anna.id}/voice`)).transport).toBe('wss')
    // A new one replaces the old: asked first.
    await page.getByRole('button', { name: en.userEditor.voice.generateSipPassword, exact: true }).click()
    await page.getByRole('dialog', { name: en.userEditor.voice.replaceTitle.replace('{{username}}', anna.username) })
      .getByRole('button', { name: en.userEditor.voice.replaceConfirm, exact: true }).click()
    await shown.waitFor()
    await screenshot(page, 'user-voice')
  })

  it('queue presence: a user reported logged on is found by the filter, shown in its column, and cannot be deleted', async () => {
    const T = await createTenant(env())
    const on = expectOk(await T.admin.post('/api/v1/users', { username: 'on.queue', roleId: T.roles.agent }), 201)
    const off = expectOk(await T.admin.post('/api/v1/users', { username: 'off.queue', roleId: T.roles.agent }), 201)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${on.id}/presence`, { state: 'logged_on' }))
    const page = await env().newPage()
    await signInToConsole(page, T.slug)

    // The Queue presence and Internal number columns, chosen.
    await page.getByRole('button', { name: en.users.columnsButton, exact: true }).click()
    await page.getByRole('checkbox', { name: en.users.columns.presence, exact: true }).check()
    await page.getByRole('checkbox', { name: en.users.columns.extension, exact: true }).check()
    await page.keyboard.press('Escape')
    await page.getByRole('columnheader', { name: en.users.columns.presence, exact: true }).waitFor()

    await presenceFilter(page).selectOption('logged_on')
    await page.getByTestId('users-total').filter({ hasText: en.users.total_one.replace('{{formatted}}', '1') }).waitFor()
    expect(await shownUsernames(page)).toEqual(['on.queue'])
    expect(new URL(page.url()).searchParams.get('presence')).toBe('logged_on')
    const row = page.getByTestId('users-table').locator('tr[data-user="on.queue"]')
    expect(await row.textContent()).toContain(en.users.loggedOnSince.split('{{')[0]!)
    await screenshot(page, 'users-presence')
    await presenceFilter(page).selectOption('logged_off')
    await page.getByTestId('users-table').locator(`tr[data-user="${off.username}"]`).waitFor()
    expect(await shownUsernames(page)).not.toContain('on.queue')
    await presenceFilter(page).selectOption('logged_on')
    await page.getByTestId('users-total').filter({ hasText: en.users.total_one.replace('{{formatted}}', '1') }).waitFor()

    // In the editor: Delete disabled, the reason beside it.
    await editLink(page, on.username).click()
    await page.getByRole('heading', { name: on.username, exact: true }).waitFor()
    const remove = page.getByRole('button', { name: en.userEditor.delete, exact: true })
    expect(await remove.isDisabled()).toBe(true)
    expect(await page.getByTestId('delete-blocked').textContent()).toBe(en.userEditor.loggedOnNoDelete)
    expect(await remove.getAttribute('aria-describedby')).toBe('delete-blocked')
    await page.getByTestId('presence-badge').waitFor()
    await screenshot(page, 'user-logged-on')

    // Logged on while the editor was open: the API's 409 in the page's words, and the button follows.
    await page.getByRole('link', { name: en.userEditor.back, exact: true }).click()
    await usersPage(page)
    await presenceFilter(page).selectOption('all')
    await editLink(page, off.username).click()
    await page.getByRole('heading', { name: off.username, exact: true }).waitFor()
    expectOk(await T.admin.call('PUT', `/api/v1/users/${off.id}/presence`, { state: 'logged_on' }))
    await page.getByRole('button', { name: en.userEditor.delete, exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: en.userEditor.deleteConfirm, exact: true }).click()
    await page.getByRole('alert').filter({ hasText: en.errors.logged_on_to_queues }).waitFor()
    await page.getByTestId('delete-blocked').waitFor()
    expect(await page.getByRole('button', { name: en.userEditor.delete, exact: true }).isDisabled()).toBe(true)

    // The bulk delete of everyone logged on lists them by the same reason.
    expectOk(await T.admin.call('PUT', `/api/v1/users/${off.id}/presence`, { state: 'logged_off' }))
    const bulk = expectOk(await T.admin.post('/api/v1/users/bulk', { action: 'delete', query: { presence: 'logged_on' } }))
    expect(bulk.failed.map((f: { code: string }) => f.code)).toEqual(['logged_on_to_queues'])
  })
})
