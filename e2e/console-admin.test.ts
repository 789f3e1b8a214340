// The console's administration in Chromium: a bulk deactivate of every user a search matches (the
// administrator's own account refused and listed), a custom role made in the permission matrix,
// assigned by a bulk action and changed (and what the no-escalation rule shows someone who holds
// less), and a quick pass over tenants, campaigns, teams, tenant settings (a field error, a version
// conflict, the question before leaving) and the audit log.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk, type TenantFixture } from '../test/api.js'
import { describeInBrowser, en, field, PASSWORD, screenshot, signInToConsole, submitSignIn, TENANT_ADMIN_PASSWORD, userWithPassword, usersPage } from './harness.js'

const count = (text: string, n: number) => text.replace('{{formatted}}', String(n))

/** Signs in through the page and waits for the console page at `next` (its heading). */
async function signInTo(page: Page, tenant: string, next: string, heading: string, username = 'admin', password = TENANT_ADMIN_PASSWORD): Promise<void> {
  await submitSignIn(page, tenant, username, password, next)
  await page.getByRole('heading', { name: heading, exact: true }).waitFor()
}

/** Opens a bulk action from the toolbar's menu. */
async function bulkAction(page: Page, action: keyof typeof en.bulk.actions): Promise<void> {
  await page.getByRole('button', { name: en.bulk.menu, exact: true }).click()
  await page.getByRole('menuitem', { name: en.bulk.actions[action], exact: true }).click()
}

/** A campaign with `n` agents in it (and the tenant's administrator, when asked). */
async function campaignWithAgents(T: TenantFixture, name: string, n: number, withAdmin: boolean) {
  const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name }), 201).id as string
  const agents: Array<{ id: string; username: string }> = []
  for (let i = 1; i <= n; i++) {
    agents.push(expectOk(await T.admin.post('/api/v1/users', { username: `night${String(i).padStart(2, '0')}`, lastName: 'Uil', roleId: T.roles.agent, campaignIds: [campaign] }), 201))
  }
  if (withAdmin) {
    const admin = expectOk(await T.admin.get('/api/v1/users?q=admin')).items[0]
    expectOk(await T.admin.patch(`/api/v1/users/${admin.id}`, { campaignIds: [campaign] }))
  }
  return { campaign, agents }
}

describeInBrowser('console: administration', (env) => {
  it('deactivates all users a search matches in one bulk action; the own account is refused and listed', async () => {
    const T = await createTenant(env())
    const { campaign, agents } = await campaignWithAgents(T, 'Night shift', 11, true)
    const page = await env().newPage()
    await signInToConsole(page, T.slug, 'admin', TENANT_ADMIN_PASSWORD, `/users?campaign=${campaign}&limit=10`)
    expect(await page.getByTestId('users-total').textContent()).toBe(count(en.users.total_other, 12))

    // The page's ten, then every one of the twelve matching.
    await page.getByRole('checkbox', { name: en.users.selectPage, exact: true }).check()
    await page.getByRole('button', { name: count(en.users.selectAllMatching_other, 12), exact: true }).click()
    await page.getByTestId('selection-summary').filter({ hasText: count(en.users.allMatchingSelected_other, 12) }).waitFor()

    // By keyboard: the menu opens with Enter, Deactivate is the second item, the dialog's button is reached with Tab.
    await page.getByRole('button', { name: en.bulk.menu, exact: true }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('menuitem', { name: en.bulk.actions.activate, exact: true }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: en.bulk.actions.deactivate })
    expect(await dialog.getByTestId('bulk-count').textContent()).toBe(count(en.bulk.confirm_other, 12))
    const apply = dialog.getByRole('button', { name: count(en.bulk.apply_other, 12).replace('{{action}}', en.bulk.actions.deactivate), exact: true })
    for (let tabs = 0; tabs < 10 && !(await apply.evaluate((button) => button === document.activeElement)); tabs++) await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const result = dialog.getByTestId('bulk-result')
    await result.waitFor()
    expect(await result.getByRole('status').textContent()).toBe(
      `${en.bulk.done_other.replace('{{succeeded}}', '11').replace('{{formatted}}', '12')} ${count(en.bulk.failedCount_one, 1)}`)
    const refusals = result.getByTestId('bulk-failures').locator('tbody tr')
    expect(await refusals.allTextContents()).toEqual([`admin${en.errors.cannot_remove_self}`])
    await screenshot(page, 'users-bulk-result')
    await dialog.getByRole('button', { name: en.app.close, exact: true }).last().click()
    await dialog.waitFor({ state: 'detached' })

    // The table shows it at once; the API agrees.
    expect(await page.getByTestId('selection-summary').count()).toBe(0)
    await page.getByTestId('users-table').locator('tr[data-user="night01"]').getByText(en.users.no, { exact: true }).waitFor()
    for (const agent of agents) expect(expectOk(await T.admin.get(`/api/v1/users/${agent.id}`)).active).toBe(false)
    expect(expectOk(await T.admin.get('/api/v1/users?q=admin')).items[0].active).toBe(true)
  })

  it('roles: the permission matrix, a custom role created, assigned by a bulk action and changed; less rights see why they cannot', async () => {
    const T = await createTenant(env())
    const agent = await userWithPassword(T, { lastName: 'Kaya' })
    const page = await env().newPage()
    await signInToConsole(page, T.slug)
    await page.getByRole('navigation', { name: en.console.sections.management }).getByRole('link', { name: en.console.nav.roles, exact: true }).click()
    const matrix = page.getByTestId('permission-matrix')
    await matrix.waitFor()
    // Built-in roles read across: a mark for each permission of each role.
    const builtins = expectOk(await T.admin.get('/api/v1/roles?limit=200')).items as Array<{ permissions: string[] }>
    expect(await matrix.locator('tbody td[data-allowed="true"]').count()).toBe(builtins.reduce((sum, r) => sum + r.permissions.length, 0))
    expect(await matrix.locator('th[data-role="Agent"]').count()).toBe(1)

    // A built-in role is read-only; its copy starts a new role.
    await matrix.getByRole('link', { name: 'Quality Manager', exact: true }).click()
    await page.getByText(en.roles.builtinReadOnly, { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: en.forms.save, exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: en.roles.copy, exact: true }).click()
    await page.getByRole('heading', { name: en.roles.newTitle, exact: true }).waitFor()
    expect(await field(page, en.lists.name).inputValue()).toBe(en.roles.copyName.replace('{{name}}', 'Quality Manager'))
    await field(page, en.lists.name).fill('Night supervisor')
    await page.locator('[data-permission="teams:read"] input').uncheck()
    await screenshot(page, 'role-new')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.forms.created }).waitFor()
    await page.getByRole('heading', { name: 'Night supervisor', exact: true }).waitFor()
    const role = expectOk(await T.admin.get('/api/v1/roles?q=Night')).items[0]
    expect([...role.permissions].sort()).toEqual(['campaigns:read', 'roles:read', 'users:read'])

    // Assigned to the agent by a bulk action on the selected row.
    await page.goto(`/users?q=${agent.username}`)
    await usersPage(page)
    await page.getByRole('checkbox', { name: en.users.selectRow.replace('{{username}}', agent.username), exact: true }).check()
    await bulkAction(page, 'set_role')
    const dialog = page.getByRole('dialog', { name: en.bulk.actions.set_role })
    await dialog.getByLabel(en.bulk.parameters.roleId).selectOption({ label: 'Night supervisor' })
    await dialog.getByRole('button', { name: count(en.bulk.apply_one, 1).replace('{{action}}', en.bulk.actions.set_role), exact: true }).click()
    await dialog.getByTestId('bulk-result').getByText(en.bulk.done_one.replace('{{succeeded}}', '1').replace('{{formatted}}', '1'), { exact: true }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${agent.id}`)).roleId).toBe(role.id)

    // Its holders from the matrix; its permissions changed.
    await page.goto('/roles')
    await matrix.getByRole('link', { name: count(en.lists.usersOf_one, 1).replace('{{name}}', 'Night supervisor'), exact: true }).waitFor()
    await screenshot(page, 'roles-matrix')
    await matrix.getByRole('link', { name: 'Night supervisor', exact: true }).click()
    await page.locator('[data-permission="users:write"] input').check()
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.forms.saved }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/roles/${role.id}`)).permissions).toContain('users:write')

    // Someone who manages roles but may not write users: cannot grant it, cannot change a role that has it.
    const keeperRole = expectOk(await T.admin.post('/api/v1/roles', { name: 'Role keeper', permissions: ['roles:read', 'roles:manage', 'users:read'] }), 201)
    const keeper = await userWithPassword(T, { roleId: keeperRole.id })
    const other = await env().newPage()
    await signInTo(other, T.slug, `/roles/${role.id}`, 'Night supervisor', keeper.username, PASSWORD)
    await other.getByTestId('role-beyond-mine').waitFor()
    expect(await other.getByTestId('role-beyond-mine').textContent()).toContain('users:write')
    expect(await other.getByRole('button', { name: en.forms.save, exact: true }).count()).toBe(0)
    await other.goto('/roles/new')
    const usersWrite = other.locator('[data-permission="users:write"]')
    expect(await usersWrite.locator('input').isDisabled()).toBe(true)
    await usersWrite.getByText(en.roles.notHeld, { exact: true }).waitFor()
  })

  it('tenants, campaigns, teams, settings (field error, version conflict, leaving asks) and the audit log', async () => {
    // Tenants (platform administrators): create one, see it listed.
    const platform = await env().newPage()
    await signInTo(platform, 'system', '/tenants', en.tenants.title, 'admin', 'platform-admin-password')
    await platform.getByRole('link', { name: en.tenants.add, exact: true }).click()
    await field(platform, en.lists.name).fill('Call Centre North')
    await field(platform, en.tenants.slug).fill('Bad Slug')
    await platform.getByRole('button', { name: en.forms.save, exact: true }).click()
    await platform.getByText(en.fieldErrors.invalid_slug, { exact: true }).waitFor()
    await field(platform, en.tenants.slug).fill('north')
    await platform.getByRole('button', { name: en.forms.save, exact: true }).click()
    await platform.getByTestId('editor-notice').filter({ hasText: en.forms.created }).waitFor()
    await platform.getByRole('link', { name: en.tenants.back, exact: true }).click()
    await platform.getByTestId('tenants-table').locator('tr[data-name="Call Centre North"]').waitFor()
    await screenshot(platform, 'tenants')

    const T = await createTenant(env())
    const page = await env().newPage()
    await signInToConsole(page, T.slug)
    const nav = page.getByRole('navigation', { name: en.console.sections.management })
    expect(await nav.getByRole('link').allTextContents()).toEqual(
      [en.console.nav.users, en.console.nav.campaigns, en.console.nav.teams, en.console.nav.groups, en.console.nav.skills, en.console.nav.roles, en.console.nav.settings, en.console.nav.audit])

    // Campaigns: one added; the same name again is refused at its field.
    await nav.getByRole('link', { name: en.console.nav.campaigns, exact: true }).click()
    await page.getByText(en.campaigns.empty, { exact: true }).waitFor()
    await page.getByRole('link', { name: en.campaigns.add, exact: true }).click()
    await field(page, en.lists.name).fill('Retention')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.forms.created }).waitFor()
    await page.getByRole('link', { name: en.campaigns.back, exact: true }).click()
    await page.getByRole('link', { name: en.campaigns.add, exact: true }).click()
    await field(page, en.lists.name).fill('Retention')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByText(en.fieldErrors.campaign_name_taken, { exact: true }).waitFor()
    await page.getByRole('link', { name: en.campaigns.back, exact: true }).click()
    await page.getByRole('dialog', { name: en.console.leaveTitle }).getByRole('button', { name: en.console.leave, exact: true }).click()
    await page.getByTestId('campaigns-table').locator('tr[data-name="Retention"]').getByText(count(en.lists.users_other, 0), { exact: true }).waitFor()
    await screenshot(page, 'campaigns')

    // Teams: one added with a description, then deleted.
    await nav.getByRole('link', { name: en.console.nav.teams, exact: true }).click()
    await page.getByRole('link', { name: en.teams.add, exact: true }).click()
    await field(page, en.lists.name).fill('Amsterdam Alpha')
    await field(page, en.teams.description).fill('Early shift, Dutch and English')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.forms.created }).waitFor()
    await page.getByRole('button', { name: en.forms.delete, exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: en.teams.deleteConfirm, exact: true }).click()
    await page.getByText(en.teams.empty, { exact: true }).waitFor()

    // Settings: a length the policy refuses at its field; then saved; a second browser's older version is refused (412).
    await nav.getByRole('link', { name: en.console.nav.settings, exact: true }).click()
    const minLength = field(page, en.settings.minLength)
    await minLength.fill('4')
    await page.getByLabel(en.settings.lockoutModes.lock, { exact: true }).check()
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByText(en.fieldErrors.out_of_range, { exact: true }).waitFor()
    await minLength.fill('12')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.forms.saved }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/tenants/${T.id}`)).settings).toMatchObject({ passwordPolicy: { minLength: 12 }, lockoutPolicy: { mode: 'lock' } })
    await screenshot(page, 'settings')
    expectOk(await T.admin.patch(`/api/v1/tenants/${T.id}`, { settings: { sessionPolicy: { idleMinutes: 45 } } }))
    await field(page, en.settings.maxHours).fill('10')
    await page.getByRole('button', { name: en.forms.save, exact: true }).click()
    await page.getByTestId('version-conflict').getByRole('button', { name: en.forms.reload, exact: true }).click()
    await page.getByTestId('version-conflict').waitFor({ state: 'detached' })
    expect(await field(page, en.settings.idleMinutes).inputValue()).toBe('45')

    // The audit log: filtered by action, each change old → new.
    await nav.getByRole('link', { name: en.console.nav.audit, exact: true }).click()
    await field(page, en.audit.action).selectOption('tenant.update')
    await page.getByRole('button', { name: en.audit.apply, exact: true }).click()
    await page.getByTestId('audit-total').filter({ hasText: count(en.audit.total_other, 2) }).waitFor()
    const events = page.getByTestId('audit-table').locator('tbody tr')
    expect(await events.first().textContent()).toContain('settings.sessionPolicy.idleMinutes 30 → 45')
    expect(await events.last().textContent()).toContain('settings.passwordPolicy.minLength 8 → 12')
    await screenshot(page, 'audit')
  })
})
