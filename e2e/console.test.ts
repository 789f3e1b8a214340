// The console in Chromium: what the navigation shows by permission (and the platform administrator's
// tenant picker), unsaved changes asked about before leaving, an edit conflict between two browsers
// (412, reload), and the language: the user's locale, else the tenant's, else the browser's.
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import de from '../web/src/i18n/de.json' with { type: 'json' }
import nl from '../web/src/i18n/nl.json' with { type: 'json' }
import { accountPage, describeInBrowser, en, field, PASSWORD, screenshot, signInThroughPage, signInToConsole, submitSignIn, TENANT_ADMIN_PASSWORD, userWithPassword, usersPage } from './harness.js'

describeInBrowser('console', (env) => {
  it('shows each user what their permissions allow; a platform administrator switches tenants', async () => {
    const T = await createTenant(env())
    const agent = await userWithPassword(T)
    const viewer = await userWithPassword(T, { roleId: T.roles['quality-manager'] })

    // No console page for an agent: the account page, without a way into the console.
    const agentPage = await env().newPage()
    await signInThroughPage(agentPage, T.slug, agent.username)
    expect(await agentPage.getByRole('link', { name: en.account.toConsole }).count()).toBe(0)

    // A quality manager reads users, and changes none.
    const page = await env().newPage()
    await signInToConsole(page, T.slug, viewer.username, PASSWORD)
    expect(await page.getByRole('navigation', { name: en.console.sections.management }).getByRole('link').allTextContents()).toContain(en.console.nav.users)
    expect(await page.getByRole('link', { name: en.users.add }).count()).toBe(0)
    await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', agent.username), exact: true }).click()
    await page.getByText(en.userEditor.readOnly, { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: en.userEditor.save }).count()).toBe(0)
    expect(await field(page, en.userEditor.basic.username).isDisabled()).toBe(true)

    // The platform administrator works in any tenant, chosen in the header.
    const platform = await env().newPage()
    await signInToConsole(platform, 'system', 'admin', 'platform-admin-password')
    const picker = platform.getByRole('combobox', { name: en.console.tenant })
    await picker.click()
    await platform.getByRole('option', { name: `Tenant ${T.slug} (${T.slug})` }).click()
    await platform.waitForURL((url) => url.searchParams.get('tenant') === T.slug)
    await platform.getByTestId('users-table').getByText(viewer.username, { exact: true }).waitFor()
    expect(await platform.getByTestId('users-total').textContent()).toBe(en.users.total_other.replace('{{formatted}}', '3'))
    await screenshot(platform, 'users-platform-tenant')
  })

  it('asks before leaving unsaved changes; a save after someone else\'s says so (412) and reloads; deactivate, delete confirmed by keyboard', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T, { firstName: 'Kees', lastName: 'Bakker' })
    const [first, second] = [await env().newPage(), await env().newPage()]
    for (const page of [first, second]) {
      await signInToConsole(page, T.slug)
      await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', user.username), exact: true }).click()
      await page.getByRole('tab', { name: en.userEditor.tabs.profile }).click()
    }

    await field(first, en.userEditor.profile.jobTitle).fill('Senior Agent')
    // Leaving asks first; staying keeps what was typed.
    await first.getByRole('link', { name: en.userEditor.back, exact: true }).click()
    const leave = first.getByRole('dialog', { name: en.console.leaveTitle })
    await leave.getByRole('button', { name: en.console.stay, exact: true }).click()
    await leave.waitFor({ state: 'detached' })
    expect(await field(first, en.userEditor.profile.jobTitle).inputValue()).toBe('Senior Agent')
    await first.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await first.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()

    // The second browser read the user before that save.
    await field(second, en.userEditor.profile.lastName).fill('Bakker-de Wit')
    await second.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    const conflict = second.getByTestId('version-conflict')
    await conflict.getByText(en.userEditor.conflictTitle, { exact: true }).waitFor()
    expect(await field(second, en.userEditor.profile.lastName).inputValue()).toBe('Bakker-de Wit')
    await screenshot(second, 'user-edit-conflict')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ jobTitle: 'Senior Agent', lastName: 'Bakker' })

    await conflict.getByRole('button', { name: en.userEditor.reload, exact: true }).click()
    await conflict.waitFor({ state: 'detached' })
    expect(await field(second, en.userEditor.profile.jobTitle).inputValue()).toBe('Senior Agent')
    expect(await field(second, en.userEditor.profile.lastName).inputValue()).toBe('Bakker')
    await field(second, en.userEditor.profile.lastName).fill('Bakker-de Wit')
    await second.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await second.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`))).toMatchObject({ jobTitle: 'Senior Agent', lastName: 'Bakker-de Wit' })

    // Deactivate and activate at once; delete only when confirmed, by keyboard: Escape cancels, Enter confirms.
    await second.getByRole('button', { name: en.userEditor.deactivate, exact: true }).click()
    await second.getByText(en.userEditor.inactive, { exact: true }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).active).toBe(false)
    await second.getByRole('button', { name: en.userEditor.activate, exact: true }).click()
    await second.getByText(en.userEditor.inactive, { exact: true }).waitFor({ state: 'detached' })
    const remove = second.getByRole('button', { name: en.userEditor.delete, exact: true })
    await remove.focus()
    await second.keyboard.press('Enter')
    const confirm = second.getByRole('dialog', { name: en.userEditor.deleteTitle.replace('{{username}}', user.username) })
    await confirm.waitFor()
    await second.keyboard.press('Escape')
    await confirm.waitFor({ state: 'detached' })
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).active).toBe(true)
    await remove.click()
    await confirm.getByRole('button', { name: en.userEditor.deleteConfirm, exact: true }).waitFor()
    await second.keyboard.press('Enter')
    // Nothing unsaved: the list comes without asking, and the user is gone.
    await usersPage(second)
    expect((await T.admin.get(`/api/v1/users/${user.id}`)).status).toBe(404)
  })

  it('speaks English, Dutch and German: the switcher before sign-in, then the user\'s locale, else the tenant\'s; times in the user\'s zone', async () => {
    const signIn = await env().newPage()
    await signIn.goto('/login')
    await signIn.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    await field(signIn, en.app.language).selectOption('de')
    await signIn.getByRole('heading', { name: de.signIn.title, exact: true }).waitFor()
    await signIn.getByRole('link', { name: de.signIn.forgot, exact: true }).waitFor()
    await field(signIn, de.app.language).selectOption('nl')
    await signIn.getByRole('heading', { name: nl.signIn.title, exact: true }).waitFor()
    await screenshot(signIn, 'sign-in-nl')

    // A German tenant: its administrator (no locale of their own) gets German, in an English browser.
    const T = await createTenant(env(), { locale: 'de', timeZone: 'Europe/Berlin' })
    const page = await env().newPage({ locale: 'en-GB' })
    await submitSignIn(page, T.slug, 'admin', TENANT_ADMIN_PASSWORD, '/users')
    await page.getByRole('heading', { name: de.users.title, exact: true }).waitFor()
    await page.getByRole('link', { name: de.users.add, exact: true }).click()
    await page.getByRole('tab', { name: de.userEditor.tabs.profile }).waitFor()
    await screenshot(page, 'user-new-de')

    // The user's own choice wins, and is kept in their profile.
    await field(page, de.console.language).selectOption('nl')
    await page.getByRole('heading', { name: nl.userEditor.newTitle, exact: true }).waitFor()
    await expect.poll(async () => expectOk(await T.admin.get('/api/v1/users?q=admin')).items[0].locale).toBe('nl')
    await page.goto('/account')
    await page.getByRole('heading', { name: nl.account.title, exact: true }).waitFor()

    // Times in the user's zone (the tenant's here, Berlin), the zone named.
    const someone = await userWithPassword(T, { timeZone: 'Asia/Tokyo', locale: 'en' })
    await page.goto(`/users/${someone.id}?tab=information`)
    await page.getByText(nl.userEditor.information.timesIn.replace('{{zone}}', 'Europe/Berlin'), { exact: true }).waitFor()
    const created = await page.getByTestId('user-information').locator('tr', { hasText: nl.userEditor.information.createdAt }).locator('td').textContent()
    expect(created).toMatch(/\d{2}:\d{2} (CET|CEST|GMT\+1|GMT\+2|MEZ|MESZ)$/)

    // Someone with English as their locale, in a German browser: German until signed in, then English.
    const english = await env().newPage({ locale: 'de-DE' })
    await english.goto(`/t/${T.slug}/login`)
    await field(english, de.signIn.username).fill(someone.username)
    await field(english, de.signIn.password).fill(PASSWORD)
    await english.getByRole('button', { name: de.signIn.submit, exact: true }).click()
    await accountPage(english)
  })
})
