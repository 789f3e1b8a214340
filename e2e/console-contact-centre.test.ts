// The contact-centre side of the console (issue 5, point 9): a user group with its properties and a
// group profile made on their pages; a user moved into the group, one property given an own value and
// another given back to the group, a group profile switched off and a personal profile added, voice
// settings and a picture, all read back through the API. Then the user logged on to the queues: the
// group cannot change (the select says why), and their profile changes only after the warning.
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { describeInBrowser, en, field, screenshot, signInToConsole, usersPage } from './harness.js'

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })
const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true })
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const notice = (page: Page, text: string) => page.getByTestId('editor-notice').filter({ hasText: text })
const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((out, [name, value]) => out.replace(`{{${name}}}`, value), text)
const names = en.groups.propertyNames

describeInBrowser('console: user groups, skills and profiles', (env) => {
  it('a group and its profile made in the console; a user moved, own values, profiles, voice and picture; the logged-on user\'s group locked and their profile changed after the warning', async () => {
    const T = await createTenant(env(), { agentNumbers: { autoExtension: true, extensionFrom: 500, extensionTo: 599 } })
    const sales = expectOk(await T.admin.post('/api/v1/campaigns', { name: 'Sales' }), 201)
    const dutch = expectOk(await T.admin.post('/api/v1/skills', { name: 'Dutch' }), 201)
    // Anna starts in the default group with an own maximum of email contacts.
    const anna = expectOk(await T.admin.post('/api/v1/users', { username: 'anna', firstName: 'Anna', roleId: T.roles.agent, propertyOverrides: { maxContactsEmail: 9 } }), 201)
    const page = await env().newPage()
    await signInToConsole(page, T.slug)

    // ---- The user group, on its page.
    await navLink(page, en.console.nav.groups).click()
    await page.getByRole('heading', { name: en.groups.title, exact: true }).waitFor()
    await page.getByRole('link', { name: en.groups.add, exact: true }).click()
    await field(page, en.lists.name).fill('Night shift')
    await field(page, en.groups.description).fill('After eight')
    await field(page, en.profile.locale).selectOption('nl')
    await field(page, names.wrapUpSecondsPhone).fill('45')
    await field(page, names.maxContactsChat).fill('2')
    await page.getByRole('checkbox', { name: 'Sales', exact: true }).check()
    await button(page, en.forms.save).click()
    await notice(page, en.forms.created).waitFor()
    await screenshot(page, 'group-editor')
    const night = (expectOk(await T.admin.get('/api/v1/user-groups?q=Night')).items as Array<{ id: string; properties: unknown }>)[0]!
    expect(night).toMatchObject({ name: 'Night shift', description: 'After eight', isDefault: false, resourceFilterIds: [sales.id] })
    expect(night.properties).toMatchObject({ language: 'nl', wrapUpSecondsPhone: 45, maxContactsChat: 2, maxContactsEmail: 5 })
    await page.getByRole('link', { name: en.groups.back, exact: true }).click()
    const groupRow = page.getByTestId('groups-table').locator('tr[data-name="Default"]')
    // The default group, with the administrator and Anna.
    await groupRow.filter({ hasText: fill(en.lists.users_other, { formatted: '2' }) }).waitFor()
    expect(await groupRow.textContent()).toContain(en.groups.default)

    // ---- A skill and a group profile, on the skills page.
    await navLink(page, en.console.nav.skills).click()
    await page.getByRole('heading', { name: en.skills.title, exact: true }).waitFor()
    await page.getByTestId('skill-scale').filter({ hasText: fill(en.skills.scale, { max: '9' }) }).waitFor()
    await page.getByRole('link', { name: en.skills.add, exact: true }).click()
    await field(page, en.skills.skillName).fill('Billing')
    await button(page, en.forms.save).click()
    await notice(page, en.forms.created).waitFor()
    const billing = (expectOk(await T.admin.get('/api/v1/skills?q=Billing')).items as Array<{ id: string }>)[0]!
    await page.getByRole('link', { name: en.skills.back, exact: true }).click()
    await field(page, en.skills.group).selectOption({ label: 'Night shift' })
    await page.getByRole('link', { name: en.skills.addProfile, exact: true }).click()
    await field(page, en.skills.profileName).fill('Night desk')
    await field(page, en.skills.addSkill).selectOption({ label: 'Billing' })
    await field(page, en.skills.addSkill).selectOption({ label: 'Dutch' })
    await page.getByLabel(fill(en.skills.levelOf, { skill: 'Billing' }), { exact: true }).selectOption('7')
    await page.getByLabel(fill(en.skills.levelOf, { skill: 'Dutch' }), { exact: true }).selectOption({ label: fill(en.skills.memberOnly, { level: '0' }) })
    await button(page, en.forms.save).click()
    await notice(page, en.forms.created).waitFor()
    await screenshot(page, 'group-profile')
    const nightDesk = (expectOk(await T.admin.get(`/api/v1/profiles?group=${night.id}`)).items as Array<{ id: string; skills: unknown }>)[0]!
    expect(nightDesk).toMatchObject({ name: 'Night desk', kind: 'group', groupId: night.id })
    expect(nightDesk.skills).toEqual([
      { skillId: billing.id, skillName: 'Billing', level: 7 }, { skillId: dutch.id, skillName: 'Dutch', level: 0 },
    ])
    // A second profile of the group, made through the API.
    const dayDesk = expectOk(await T.admin.post('/api/v1/profiles', { name: 'Day desk', groupId: night.id, skills: [{ skillId: dutch.id, level: 3 }] }), 201)

    // ---- The user: moved into the group, one own value set and another cleared.
    await navLink(page, en.console.nav.users).click()
    await usersPage(page)
    await page.getByRole('link', { name: fill(en.users.editUser, { username: 'anna' }), exact: true }).click()
    await page.getByRole('heading', { name: 'anna', exact: true }).waitFor()
    await tab(page, en.userEditor.tabs.group).click()
    const properties = page.getByTestId('user-properties')
    expect(await properties.locator('tr[data-property="maxContactsEmail"] [data-source]').getAttribute('data-source')).toBe('own')
    await field(page, en.userEditor.group.group).selectOption({ label: 'Night shift' })
    // What the group hands down shows at once, before the save.
    expect(await properties.locator('tr[data-property="wrapUpSecondsPhone"]').textContent()).toContain('45')
    expect(await properties.locator('tr[data-property="wrapUpSecondsPhone"]').textContent()).toContain(fill(en.userEditor.group.inherited, { group: 'Night shift' }))
    await button(page, fill(en.userEditor.group.setOwnFor, { property: names.wrapUpSecondsChat })).click()
    await page.getByLabel(fill(en.userEditor.group.ownValueOf, { property: names.wrapUpSecondsChat }), { exact: true }).fill('15')
    await button(page, fill(en.userEditor.group.useGroupValueFor, { property: names.maxContactsEmail })).click()
    expect(await page.getByTestId('group-filters').textContent()).toContain('Sales')
    await screenshot(page, 'user-group-tab')

    // ---- Voice settings, in the same save.
    await tab(page, en.userEditor.tabs.voice).click()
    await field(page, en.userEditor.voice.transport).selectOption('tls')
    await page.getByLabel(en.userEditor.voice.codecNames.opus, { exact: true }).check()
    await button(page, en.userEditor.save).click()
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()

    // ---- The new group's profiles: one switched off (at once), a personal one added in place.
    await tab(page, en.userEditor.tabs.group).click()
    const groupProfiles = page.getByTestId('group-profiles')
    await groupProfiles.getByRole('switch', { name: 'Day desk' }).waitFor()
    expect(await groupProfiles.getByRole('switch', { name: 'Night desk' }).isChecked()).toBe(true)
    await groupProfiles.getByRole('switch', { name: 'Day desk' }).uncheck()
    await expect.poll(async () => (expectOk(await T.admin.get(`/api/v1/users/${anna.id}/skills`)).profiles as Array<{ id: string; enabled: boolean }>)
      .find((p) => p.id === dayDesk.id)?.enabled).toBe(false)
    await button(page, en.userEditor.group.addPersonalProfile).click()
    const dialog = page.getByRole('dialog', { name: fill(en.userEditor.group.personalProfileOf, { username: 'anna' }) })
    await dialog.getByLabel(new RegExp(`^${en.skills.profileName}( \\*)?$`)).fill('Anna extra')
    await dialog.getByLabel(en.skills.addSkill, { exact: true }).selectOption({ label: 'Billing' })
    await dialog.getByLabel(fill(en.skills.levelOf, { skill: 'Billing' }), { exact: true }).selectOption({ label: fill(en.skills.levelBest, { level: '9' }) })
    await dialog.getByRole('button', { name: en.forms.save, exact: true }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('personal-profiles').getByRole('switch', { name: 'Anna extra' }).waitFor()
    await page.getByTestId('effective-skills').locator('tr[data-skill="Billing"] [data-level="9"]').waitFor()
    expect(await page.getByTestId('effective-skills').locator('tr[data-skill="Dutch"] [data-level]').getAttribute('data-level')).toBe('0')
    await screenshot(page, 'user-profiles')

    // ---- A picture, uploaded at once.
    await tab(page, en.userEditor.tabs.profile).click()
    const jpeg = await sharp({ create: { width: 320, height: 320, channels: 3, background: '#3a7d44' } }).jpeg().toBuffer()
    await page.getByTestId('avatar-field').locator('input[type="file"]').setInputFiles({ name: 'anna.jpg', mimeType: 'image/jpeg', buffer: jpeg })
    await page.getByTestId('avatar-field').getByRole('status').filter({ hasText: en.userEditor.picture.uploaded }).waitFor()

    // ---- Read back through the API.
    const saved = expectOk(await T.admin.get(`/api/v1/users/${anna.id}`))
    expect(saved).toMatchObject({ groupId: night.id, groupName: 'Night shift', resourceFilters: { user: [], group: [sales.id], effective: [sales.id] } })
    expect(saved.properties).toMatchObject({
      language: { effective: 'nl', inherited: true },
      wrapUpSecondsPhone: { effective: 45, override: null, inherited: true },
      wrapUpSecondsChat: { effective: 15, override: 15, inherited: false },
      maxContactsChat: { effective: 2, inherited: true },
      maxContactsEmail: { effective: 5, override: null, inherited: true },
    })
    expect(saved.avatarVersion).not.toBeNull()
    const skills = expectOk(await T.admin.get(`/api/v1/users/${anna.id}/skills`))
    expect(Object.fromEntries((skills.profiles as Array<{ name: string; kind: string; enabled: boolean }>).map((p) => [p.name, [p.kind, p.enabled]])))
      .toEqual({ 'Night desk': ['group', true], 'Day desk': ['group', false], 'Anna extra': ['personal', true] })
    expect(skills.effective).toEqual([{ skillId: billing.id, skillName: 'Billing', level: 9 }, { skillId: dutch.id, skillName: 'Dutch', level: 0 }])
    const voice = expectOk(await T.admin.get(`/api/v1/users/${anna.id}/voice`))
    expect(voice.transport).toBe('tls')
    expect(voice.codecs).toContain('opus')

    // ---- The users page: the group column, the group and skill filters in the URL.
    await page.getByRole('link', { name: en.userEditor.back, exact: true }).click()
    await usersPage(page)
    await field(page, en.users.group).selectOption({ label: 'Night shift' })
    await field(page, en.users.skill).selectOption({ label: 'Billing' })
    await field(page, en.users.skillLevel).selectOption('8')
    await page.getByTestId('users-total').filter({ hasText: fill(en.users.total_one, { formatted: '1' }) }).waitFor()
    const url = new URL(page.url()).searchParams
    expect([url.get('group'), url.get('skill'), url.get('skillLevel')]).toEqual([night.id, billing.id, '8'])
    await page.getByRole('button', { name: en.users.columnsButton, exact: true }).click()
    await page.getByRole('checkbox', { name: en.users.columns.group, exact: true }).check()
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('users-table').locator('tr[data-user="anna"]').textContent()).toContain('Night shift')
    await screenshot(page, 'users-group-skill-filter')

    // ---- Logged on to the queues with the group profile: the group select is locked, with the reason.
    expectOk(await T.admin.call('PUT', `/api/v1/users/${anna.id}/presence`, { state: 'logged_on', profileId: nightDesk.id }))
    await page.getByRole('link', { name: fill(en.users.editUser, { username: 'anna' }), exact: true }).click()
    await page.getByRole('heading', { name: 'anna', exact: true }).waitFor()
    await tab(page, en.userEditor.tabs.group).click()
    const groupSelect = field(page, en.userEditor.group.group)
    expect(await groupSelect.isDisabled()).toBe(true)
    expect(await page.getByTestId('group-blocked').textContent()).toBe(en.userEditor.group.loggedOnNoMove)
    // The reason is the select's description, read out with it.
    const describedBy = await groupSelect.getAttribute('aria-describedby')
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(en.userEditor.group.loggedOnNoMove)
    await screenshot(page, 'user-group-logged-on')

    // ---- Their profile changed on the skills page: the warning with the number of agents, then confirmed.
    await navLink(page, en.console.nav.skills).click()
    await field(page, en.skills.group).selectOption({ label: 'Night shift' })
    await page.getByTestId('profiles-table').getByRole('link', { name: 'Night desk', exact: true }).click()
    await page.getByTestId('profile-used-now').filter({ hasText: fill(en.skills.usedNow_one, { count: '1' }) }).waitFor()
    await page.getByLabel(fill(en.skills.levelOf, { skill: 'Billing' }), { exact: true }).selectOption('5')
    await button(page, en.forms.save).click()
    await page.getByTestId('profile-in-use').filter({ hasText: fill(en.skills.inUse_one, { count: '1' }) }).waitFor()
    expect((expectOk(await T.admin.get(`/api/v1/profiles/${nightDesk.id}`)).skills as Array<{ level: number }>)[0]!.level).toBe(7)
    await screenshot(page, 'profile-in-use')
    await button(page, en.skills.changeAnyway).click()
    await notice(page, en.forms.saved).waitFor()
    expect((expectOk(await T.admin.get(`/api/v1/profiles/${nightDesk.id}`)).skills as Array<{ skillName: string; level: number }>)
      .map((s) => [s.skillName, s.level])).toEqual([['Billing', 5], ['Dutch', 0]])
    // The audit trail names it.
    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityType=profile&entityId=${nightDesk.id}`))
    expect((audit.items as Array<{ action: string }>).map((e) => e.action)).toContain('profile.update')
  }, 180_000)
})
