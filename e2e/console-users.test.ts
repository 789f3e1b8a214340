// The console's users pages in Chromium, as the manuals walk through them: Leap Connect's "Creating
// a new user" on every tab, then finding the user again by campaign, sorting and paging the "User
// Management" window (one request per page, the search in the URL); and the Workspace's edit-user
// flow with a generated password the user must change at the next sign-in.
import type { Page, Request } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk, type TenantFixture } from '../test/api.js'
import { countOf, describeInBrowser, en, field, PASSWORD, screenshot, signInToConsole, submitSignIn, userWithPassword, usersPage } from './harness.js'

/** A tenant with three campaigns, two teams and `count` agents in Billing (agent IDs from 2001). */
async function directory(T: TenantFixture, count: number) {
  const campaign = async (name: string) => expectOk(await T.admin.post('/api/v1/campaigns', { name }), 201).id as string
  const team = async (name: string) => expectOk(await T.admin.post('/api/v1/teams', { name }), 201).id as string
  const ids = { billing: await campaign('Billing'), inbound: await campaign('Inbound Sales'), retention: await campaign('Retention'), alpha: await team('Amsterdam Alpha'), bravo: await team('Berlin Bravo') }
  const lastNames = ['Visser', 'Bakker', 'Jansen', 'de Vries', 'Smit', 'Mulder']
  for (let i = 1; i <= count; i++) {
    expectOk(await T.admin.post('/api/v1/users', {
      username: `agent${String(i).padStart(2, '0')}`, email: `agent${String(i).padStart(2, '0')}@example.com`, firstName: `Agent${i}`, lastName: lastNames[i % lastNames.length], roleId: T.roles.agent,
      agentId: 2000 + i, campaignIds: [ids.billing],
    }), 201)
  }
  return ids
}

/** The usernames in the results table, top to bottom. */
const shownUsernames = (page: Page) => page.getByTestId('users-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user')))

/** Calls of the users API, to count: a page of results must be one request, never one per row. */
function usersApiCalls(page: Page): Request[] {
  const calls: Request[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/v1/users')) calls.push(request)
  })
  return calls
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })

describeInBrowser('console: users', (env) => {
  it('Leap Connect "Creating a new user": every tab, a server error at its field, save, and the user found again by campaign', async () => {
    const T = await createTenant(env())
    const ids = await directory(T, 3)
    const page = await env().newPage()
    await signInToConsole(page, T.slug)
    await page.getByRole('link', { name: en.users.add, exact: true }).click()
    await page.getByRole('heading', { name: en.userEditor.newTitle, exact: true }).waitFor()

    // Basic: username, a password the user chooses (shown once, changed at the first sign-in), campaigns with the default, role.
    await field(page, en.userEditor.basic.username).fill('maria.lopez')
    await page.getByLabel(en.userEditor.password.choose, { exact: true }).check()
    await field(page, en.userEditor.password.new).fill('Twelve chars pass 9')
    await page.getByLabel('Inbound Sales', { exact: true }).check()
    await page.getByLabel('Retention', { exact: true }).check()
    await field(page, en.userEditor.basic.defaultCampaign).selectOption({ label: 'Retention' })
    await field(page, en.userEditor.basic.role).selectOption({ label: 'Team Leader / Supervisor' })
    await screenshot(page, 'user-new-basic')

    // Profile, with a mobile number the API refuses.
    await tab(page, en.userEditor.tabs.profile).click()
    await field(page, en.userEditor.profile.firstName).fill('María')
    await field(page, en.userEditor.profile.lastName).fill('López')
    await field(page, en.userEditor.profile.email).fill('maria.lopez@example.com')
    await page.getByLabel(en.userEditor.profile.emailVerified, { exact: true }).check()
    await field(page, en.userEditor.profile.mobilePhone).fill('12345')
    await field(page, en.userEditor.profile.jobTitle).fill('Team Leader')
    await field(page, en.userEditor.profile.employeeNumber).fill('E-4711')
    await field(page, en.userEditor.profile.externalUsername).fill('CORP\\mlopez')
    await page.getByRole('button', { name: en.userEditor.profile.seeUsedIds, exact: true }).click()
    const used = page.getByRole('dialog', { name: en.userEditor.profile.usedIdsTitle })
    expect(await countOf(used.getByTestId('used-agent-ids').locator('tbody tr'), 3)).toBe(3)
    await used.getByRole('button', { name: en.userEditor.profile.useNextFree.replace('{{id}}', '2004'), exact: true }).click()
    expect(await field(page, en.userEditor.profile.agentId).inputValue()).toBe('2004')
    await field(page, en.profile.timeZoneRegion).selectOption('Europe')
    await field(page, en.profile.timeZone).selectOption('Europe/Madrid')
    await field(page, en.profile.locale).selectOption('nl')
    await field(page, en.userEditor.profile.description).fill('Speaks Spanish and Dutch.')

    // Options, Teams, Identities ("+ Add another row"), Security (a required action).
    await tab(page, en.userEditor.tabs.options).click()
    await page.getByLabel(en.userEditor.options.qualityMonitoring, { exact: true }).check()
    await page.getByLabel(en.userEditor.options.messengerSound, { exact: true }).uncheck()
    await page.getByLabel(en.userEditor.options.chooseCampaignAtLogin, { exact: true }).check()
    await tab(page, en.userEditor.tabs.teams).click()
    await page.getByLabel('Berlin Bravo', { exact: true }).check()
    await tab(page, en.userEditor.tabs.identities).click()
    await page.getByRole('button', { name: en.userEditor.identities.add, exact: true }).click()
    await page.getByRole('button', { name: en.userEditor.identities.add, exact: true }).click()
    await field(page, en.userEditor.identities.environment.replace('{{number}}', '1')).fill('Genesys Cloud')
    await field(page, en.userEditor.identities.username.replace('{{number}}', '1')).fill('maria.lopez@corp.example')
    await field(page, en.userEditor.identities.environment.replace('{{number}}', '2')).fill('Salesforce')
    await field(page, en.userEditor.identities.username.replace('{{number}}', '2')).fill('mlopez')
    await tab(page, en.userEditor.tabs.security).click()
    await page.getByLabel(en.userEditor.security.actions.update_profile, { exact: true }).check()

    // The refused number: its tab comes forward, marked, with the message at the field; nothing typed is lost.
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByText(en.fieldErrors.invalid_phone, { exact: true }).waitFor()
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain(en.userEditor.tabs.profile)
    expect(await tab(page, en.userEditor.tabs.profile).getAttribute('aria-selected')).toBe('true')
    expect(await tab(page, en.userEditor.tabs.profile).textContent()).toContain(en.userEditor.tabHasErrors)
    expect(await field(page, en.userEditor.profile.firstName).inputValue()).toBe('María')
    await screenshot(page, 'user-new-error')
    await field(page, en.userEditor.profile.mobilePhone).fill('+34 612 345 678')
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.created }).waitFor()
    await page.getByRole('heading', { name: 'maria.lopez', exact: true }).waitFor()
    expect(await page.getByTestId('editor-notice').textContent()).toContain(en.userEditor.passwordSet)

    const saved = expectOk(await T.admin.get(`/api/v1/users?q=maria.lopez`)).items[0]
    expect(saved).toMatchObject({
      username: 'maria.lopez', firstName: 'María', lastName: 'López', displayName: 'María López', email: 'maria.lopez@example.com', emailVerified: true,
      mobilePhone: '+34612345678', jobTitle: 'Team Leader', employeeNumber: 'E-4711', externalUsername: 'CORP\\mlopez', agentId: 2004,
      timeZone: 'Europe/Madrid', locale: 'nl', roleId: T.roles['team-leader'], defaultCampaignId: ids.retention, teamIds: [ids.bravo],
      active: true, chooseCampaignAtLogin: true, restrictView: false, qualityMonitoring: true, messengerSound: false, description: 'Speaks Spanish and Dutch.',
      identities: [{ environment: 'Genesys Cloud', username: 'maria.lopez@corp.example' }, { environment: 'Salesforce', username: 'mlopez' }],
    })
    expect([...saved.campaignIds].sort()).toEqual([ids.inbound, ids.retention].sort())
    // The password set here is temporary: the API asks for a new one at the first sign-in.
    expect(saved.requiredActions).toEqual(['update_password', 'update_profile'])

    // Information and History of the saved user, times in the viewer's zone, named.
    await tab(page, en.userEditor.tabs.information).click()
    await page.getByText(en.userEditor.information.timesIn.replace('{{zone}}', 'UTC'), { exact: true }).waitFor()
    await tab(page, en.userEditor.tabs.history).click()
    await page.getByTestId('user-history').getByText(en.userEditor.history.actions.create, { exact: true }).waitFor()
    await screenshot(page, 'user-history')

    // Found again by campaign: Inbound Sales holds only her.
    await page.getByRole('link', { name: en.userEditor.back, exact: true }).click()
    await usersPage(page)
    await field(page, en.users.campaign).selectOption({ label: 'Inbound Sales' })
    await page.getByTestId('users-total').filter({ hasText: en.users.total_one.replace('{{formatted}}', '1') }).waitFor()
    expect(await shownUsernames(page)).toEqual(['maria.lopez'])
    expect(new URL(page.url()).searchParams.get('campaign')).toBe(ids.inbound)
  })

  it('"User Management": back from sign-in to the search, sort by a column, page through with one request a page, back and forward, columns remembered, CSV', async () => {
    const T = await createTenant(env())
    const ids = await directory(T, 24)
    const page = await env().newPage()
    // A shared search, opened signed out: the sign-in page, then the search as it was.
    await page.goto(`/t/${T.slug}/login`)
    await page.goto(`/users?campaign=${ids.billing}&limit=10&sort=lastName`)
    await page.getByRole('heading', { name: en.signIn.title, exact: true }).waitFor()
    await field(page, en.signIn.tenant).fill(T.slug)
    await field(page, en.signIn.username).fill('admin')
    await field(page, en.signIn.password).fill('tenant-admin-password')
    await page.getByRole('button', { name: en.signIn.submit, exact: true }).click()
    await usersPage(page)
    expect(await field(page, en.users.campaign).inputValue()).toBe(ids.billing)
    expect(await page.getByTestId('users-total').textContent()).toBe(en.users.total_other.replace('{{formatted}}', '24'))
    const byLastName = await shownUsernames(page)
    expect(byLastName).toHaveLength(10)
    // Bakker first: agent01, agent07, agent13, agent19 (then by username), then Jansen…
    expect(byLastName.slice(0, 4)).toEqual(['agent01', 'agent07', 'agent13', 'agent19'])
    await screenshot(page, 'users')

    const calls = usersApiCalls(page)
    await page.getByRole('button', { name: en.users.sortBy.replace('{{column}}', en.users.columns.lastName), exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('order') === 'desc')
    await page.getByTestId('users-table').locator('tbody tr').first().filter({ hasText: 'Visser' }).waitFor()
    expect(await page.getByRole('columnheader', { name: new RegExp(en.users.columns.lastName) }).getAttribute('aria-sort')).toBe('descending')

    await page.getByRole('button', { name: en.users.pageControls.next, exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('page') === '2')
    await page.getByRole('button', { name: en.users.pageN.replace('{{page}}', '3'), exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('page') === '3')
    expect(await countOf(page.getByTestId('users-table').locator('tbody tr'), 4)).toBe(4)
    // Each page of results was one request for complete users, never one per row.
    expect(calls.map((call) => new URL(call.url()).pathname)).toEqual(['/api/v1/users', '/api/v1/users', '/api/v1/users'])

    // Back and forward walk the search's history; the page shown follows the URL.
    await page.goBack()
    await page.waitForURL((url) => url.searchParams.get('page') === '2')
    expect(await page.getByRole('button', { name: en.users.pageN.replace('{{page}}', '2'), exact: true }).getAttribute('aria-current')).toBe('page')
    await page.goForward()
    await page.waitForURL((url) => url.searchParams.get('page') === '3')

    // Columns: the choice stays in this browser for this user.
    await page.getByRole('button', { name: en.users.columnsButton, exact: true }).click()
    await page.getByLabel(en.users.columns.email, { exact: true }).uncheck()
    await page.getByLabel(en.users.columns.createdAt, { exact: true }).check()
    await page.keyboard.press('Escape')
    await page.reload()
    await usersPage(page)
    expect(await page.getByRole('columnheader', { name: new RegExp(en.users.columns.email) }).count()).toBe(0)
    await page.getByRole('columnheader', { name: new RegExp(en.users.columns.createdAt) }).waitFor()

    // The CSV is the whole result, not the page.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: en.users.exportCsv, exact: true }).click()
    const csv = await (await download).createReadStream()
    let text = ''
    for await (const chunk of csv) text += String(chunk)
    expect(text.trim().split('\r\n')).toHaveLength(25)

    // Rows chosen for the bulk actions: the page, then every match.
    await page.getByLabel(en.users.selectPage, { exact: true }).check()
    await page.getByTestId('selection-summary').filter({ hasText: en.users.selected_other.replace('{{formatted}}', '4') }).waitFor()
    await page.getByRole('button', { name: en.users.selectAllMatching_other.replace('{{formatted}}', '24'), exact: true }).click()
    await page.getByTestId('selection-summary').filter({ hasText: en.users.allMatchingSelected_other.replace('{{formatted}}', '24') }).waitFor()
  })

  it('Workspace "Add or Edit User": a generated password, shown once, that the user must change at the next sign-in', async () => {
    const T = await createTenant(env())
    const user = await userWithPassword(T, { firstName: 'Pieter' })
    const page = await env().newPage()
    await signInToConsole(page, T.slug)
    await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', user.username), exact: true }).click()
    await page.getByRole('heading', { name: user.username, exact: true }).waitFor()
    await page.getByLabel(en.userEditor.password.generate, { exact: true }).check()
    await expect.poll(() => field(page, en.userEditor.password.generated).inputValue()).not.toBe('')
    await page.getByRole('button', { name: en.userEditor.password.show, exact: true }).click()
    const password = await field(page, en.userEditor.password.generated).inputValue()
    expect(password.length).toBeGreaterThanOrEqual(12)
    await screenshot(page, 'user-edit-generated-password')
    await page.getByRole('button', { name: en.userEditor.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.passwordSet }).waitFor()
    // Shown once: after saving, it is gone from the page.
    expect(await field(page, en.userEditor.password.generated).count()).toBe(0)
    expect(await page.getByLabel(en.userEditor.password.keep, { exact: true }).isChecked()).toBe(true)

    const agent = await env().newPage()
    await submitSignIn(agent, T.slug, user.username, PASSWORD)
    await agent.getByText(en.errors.invalid_credentials, { exact: true }).waitFor()
    await submitSignIn(agent, T.slug, user.username, password)
    await agent.getByRole('heading', { name: en.updatePassword.title, exact: true }).waitFor()
    await field(agent, en.newPassword.new).fill('My own new secret 42')
    await field(agent, en.newPassword.confirm).fill('My own new secret 42')
    await agent.getByRole('button', { name: en.updatePassword.submit, exact: true }).click()
    await agent.getByRole('heading', { name: en.account.title, exact: true }).waitFor()
  })
})
