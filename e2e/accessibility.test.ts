// WCAG 2.2 AA, checked by axe-core in Chromium (issue 4 point 7: labels on every control, contrast,
// names and roles): the sign-in page, every console page, each tab of the user editor, a dialog and
// the account page, as a tenant administrator sees them with data on them. A rule axe cannot decide
// alone ("incomplete") is not counted; every violation is listed with where it is.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { accountPage, describeInBrowser, en, submitSignIn, TENANT_ADMIN_PASSWORD, usersPage } from './harness.js'

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

interface Violation { id: string; impact: string | null; help: string; nodes: string[] }

/** axe's violations on the page as it is now, each with up to three of its elements. */
async function violations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the pages' strict CSP (no inline scripts) stays as it is.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string }> }> }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 200)}`) }))
  }, TAGS)
}

describeInBrowser('accessibility', (env) => {
  it('has no WCAG 2.2 AA violations that axe finds on the sign-in, console and account pages', async () => {
    const T = await createTenant(env())
    const campaign = expectOk(await T.admin.post('/api/v1/campaigns', { name: 'Billing' }), 201)
    expectOk(await T.admin.post('/api/v1/teams', { name: 'Amsterdam Alpha' }), 201)
    let someone = ''
    for (let i = 1; i <= 6; i++) {
      someone = expectOk(await T.admin.post('/api/v1/users', {
        username: `a11y${i}`, firstName: `Agent${i}`, lastName: 'de Vries', email: `a11y${i}@example.com`, roleId: T.roles.agent, agentId: 7000 + i, campaignIds: [campaign.id],
      }), 201).id
    }
    expectOk(await T.admin.patch(`/api/v1/users/${someone}`, { active: false }))

    const page = await env().newPage()
    const found: Record<string, Violation[]> = {}
    const check = async (name: string) => {
      const list = await violations(page)
      if (list.length) found[name] = list
    }

    await page.goto(`/t/${T.slug}/login`)
    await page.getByRole('button', { name: en.signIn.submit }).waitFor()
    await check('sign-in')

    await submitSignIn(page, T.slug, 'admin', TENANT_ADMIN_PASSWORD, '/users')
    await usersPage(page)
    await check('users')

    await page.goto(`/users/${someone}`)
    const tabs = page.getByRole('tab')
    await tabs.first().waitFor()
    for (const tab of await tabs.all()) {
      const name = (await tab.textContent())?.trim() ?? '?'
      await tab.click()
      await page.getByRole('tabpanel').first().waitFor()
      await check(`user editor: ${name}`)
    }

    for (const path of ['/campaigns', '/teams', '/groups', '/skills', '/roles', '/settings', '/audit']) {
      await page.goto(path)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
      await check(path)
    }

    await page.goto('/account')
    await accountPage(page)
    await page.waitForLoadState('networkidle')
    await check('account')

    expect(found).toEqual({})
  })
})
