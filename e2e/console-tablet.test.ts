// The console at a tablet's width (768 × 1024, issue 4 point 7): the navigation folded behind the
// menu button, every page within the width (wide tables scroll inside their own box, never the
// page), and a user edited with the keyboard: the users page reached from the menu, a user opened,
// the tabs switched with the arrow keys, a field changed and saved with Enter.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { describeInBrowser, en, screenshot, submitSignIn, TENANT_ADMIN_PASSWORD, usersPage } from './harness.js'

const WIDTH = 768

/** How far the page reaches past the viewport's width (0: nothing sticks out sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/** The elements that stick out past the viewport's right edge, for a failure's message. */
const sticksOut = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && element.closest('[data-scroll-box], .mantine-ScrollArea-root, .mantine-Table-scrollContainer') === null)
  .slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 120)))

async function fits(page: Page, name: string): Promise<void> {
  await screenshot(page, `tablet-${name}`)
  expect(await overflow(page), `${name}: ${JSON.stringify(await sticksOut(page))}`).toBeLessThanOrEqual(0)
}

/** Presses Tab until the element with this accessible name and role has the focus (at most 60 times). */
async function tabTo(page: Page, role: 'link' | 'button' | 'tab' | 'textbox', name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      return element ? { role: element.getAttribute('role') ?? element.tagName.toLowerCase(), name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(), label: (element as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '' } : null
    })
    const roleOf: Record<string, string[]> = { link: ['a'], button: ['button'], tab: ['tab'], textbox: ['input', 'textarea'] }
    if (focused && roleOf[role]!.includes(focused.role) && (focused.name === name || focused.label.replace(/ \*$/, '') === name)) return
  }
  throw new Error(`no ${role} "${name}" reached with Tab`)
}

describeInBrowser('console: tablet width', (env) => {
  it('768 px: the menu folds, every page fits the width, a user is opened, its tabs switched and saved with the keyboard', async () => {
    const T = await createTenant(env())
    for (const name of ['Billing', 'Inbound Sales']) expectOk(await T.admin.post('/api/v1/campaigns', { name }), 201)
    expectOk(await T.admin.post('/api/v1/teams', { name: 'Amsterdam Alpha' }), 201)
    for (let i = 1; i <= 12; i++) {
      expectOk(await T.admin.post('/api/v1/users', {
        username: `tablet${String(i).padStart(2, '0')}`, firstName: `Agent${i}`, lastName: 'Visser-van den Berg', email: `tablet${i}@example.com`, roleId: T.roles.agent, agentId: 4000 + i,
      }), 201)
    }
    const page = await env().newPage()
    await page.setViewportSize({ width: WIDTH, height: 1024 })
    await submitSignIn(page, T.slug, 'admin', TENANT_ADMIN_PASSWORD, '/campaigns')
    await page.getByRole('heading', { name: en.campaigns.title, exact: true }).waitFor()
    await fits(page, 'campaigns')

    // The navigation is behind the menu button; the keyboard opens it and follows a link.
    const menu = page.getByRole('button', { name: en.console.menu, exact: true })
    await menu.waitFor()
    const navInert = () => page.locator('#console-navbar').evaluate((element) => (element as HTMLElement).inert)
    expect(await navInert()).toBe(true)
    await menu.focus()
    await page.keyboard.press('Enter')
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    expect(await navInert()).toBe(false)
    // Escape folds it again, the focus on the button; Enter opens it once more.
    await tabTo(page, 'link', en.console.nav.campaigns)
    await page.keyboard.press('Escape')
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(en.console.menu)
    await page.keyboard.press('Enter')
    await tabTo(page, 'link', en.console.nav.users)
    await page.keyboard.press('Enter')
    await usersPage(page)
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await navInert()).toBe(true)
    await fits(page, 'users')

    // Every column: the table scrolls inside its box, the page does not.
    await page.getByRole('button', { name: en.users.columnsButton, exact: true }).click()
    for (const column of ['displayName', 'employeeNumber', 'mobilePhone', 'extension', 'presence', 'createdAt'] as const) {
      await page.getByRole('checkbox', { name: en.users.columns[column], exact: true }).check()
    }
    await page.keyboard.press('Escape')
    await fits(page, 'users-all-columns')

    // A user opened from the table with the keyboard.
    await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', 'tablet03'), exact: true }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'tablet03', exact: true }).waitFor()
    await fits(page, 'user-basic')

    // The tabs with the arrow keys, each within the width.
    await page.getByRole('tab', { name: new RegExp(`^${en.userEditor.tabs.basic}`) }).focus()
    for (const name of ['profile', 'options', 'group', 'teams', 'identities', 'voice', 'security', 'information', 'history'] as const) {
      await page.keyboard.press('ArrowRight')
      const tab = page.getByRole('tab', { name: new RegExp(`^${en.userEditor.tabs[name]}`) })
      expect(await tab.getAttribute('aria-selected'), name).toBe('true')
      await page.getByRole('tabpanel').waitFor()
      await fits(page, `user-${name}`)
    }

    // Back to Profile, a field changed and saved with Enter.
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft')
    expect(await page.getByRole('tab', { name: new RegExp(`^${en.userEditor.tabs.profile}`) }).getAttribute('aria-selected')).toBe('true')
    await tabTo(page, 'textbox', en.userEditor.profile.jobTitle)
    await page.keyboard.type('Coach')
    await page.keyboard.press('Enter')
    await page.getByTestId('editor-notice').filter({ hasText: en.userEditor.saved }).waitFor()
    const users = expectOk(await T.admin.get('/api/v1/users?q=tablet03')).items as Array<{ jobTitle: string }>
    expect(users[0]!.jobTitle).toBe('Coach')
    await fits(page, 'user-saved')

    // The other pages of the console.
    for (const [path, heading, name] of [
      ['/roles', en.roles.title, 'roles'],
      ['/settings', null, 'settings'],
      ['/teams', en.teams.title, 'teams'],
      ['/audit', en.audit.title, 'audit'],
    ] as const) {
      await page.goto(path)
      if (heading) await page.getByRole('heading', { name: heading, exact: true }).waitFor()
      else await page.getByRole('heading', { level: 1 }).waitFor()
      await page.waitForLoadState('networkidle')
      await fits(page, name)
    }
  })
})
