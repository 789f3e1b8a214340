// `npm run bench -- console [--users N] [--reps N] [--no-docs] [--keep]`
//
// The console's users page in Chromium on a tenant of N users (1,000,000 by default, SQLite, bulk
// seeded as `bench -- directory` does): how long from navigation until the first page of results is
// on screen, and from a sort or filter change (a click on a column name, a choice in a list, Enter in
// the search box) until the new page is. The page marks each shown page (gatehouse:users-shown,
// web/src/console/users/timing.ts), after the frame that paints it; changes are timed from the
// event in the page. Prints p50/p95/max and appends them to docs/benchmarks.md.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.js'
import { SecretBox } from '../src/auth/secret-box.js'
import { migrate, openDatabase } from '../src/db/database.js'
import { buildApp } from '../src/http/app.js'
import { createAdmin } from '../src/setup/service.js'
import { rebuildUserCounts } from '../src/users/queries.js'
import { RESULTS_SHOWN } from '../web/src/console/users/timing.js'
import en from '../web/src/i18n/en.json' with { type: 'json' }
import { seedSqlite } from './directory-seed.js'
import { setUp, stats, type Stats } from './directory.js'
import { appendToDocs, BENCH_MESSAGES, int, machineLine, ms, nowUtc } from './report.js'

const GOAL_FIRST_MS = 1000
const GOAL_CHANGE_MS = 300
const ADMIN = { username: 'bench-console-admin', password: 'a console benchmark password 7' }

interface Options { users: number; reps: number; docs: boolean; keep: boolean }

function parseOptions(args: string[]): Options {
  const options: Options = { users: 1_000_000, reps: 10, docs: true, keep: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const count = (min: number) => {
      const n = Number((args[++i] ?? '').replace(/[_,]/g, ''))
      if (!Number.isInteger(n) || n < min) throw new Error(`${arg} must be an integer >= ${min}`)
      return n
    }
    if (arg === '--users') options.users = count(1000)
    else if (arg === '--reps') options.reps = count(1)
    else if (arg === '--no-docs') options.docs = false
    else if (arg === '--keep') options.keep = true
    else throw new Error(`unknown option ${arg}`)
  }
  return options
}

// In the page before its scripts: when the last change (click, choice, Enter) happened.
const RECORD_CHANGES = `
  window.__changeAt = null;
  const at = () => { window.__changeAt = performance.now() };
  document.addEventListener('click', at, true);
  document.addEventListener('change', at, true);
  document.addEventListener('keydown', (event) => { if (event.key === 'Enter') at() }, true);
`

const shownCount = (page: Page) => page.evaluate((name) => performance.getEntriesByName(name).length, RESULTS_SHOWN)

/** Runs the change and waits for the next page of results: milliseconds from the change's event to the mark. */
async function timedChange(page: Page, change: () => Promise<void>): Promise<number> {
  const before = await shownCount(page)
  await change()
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length > (n as number), [RESULTS_SHOWN, before] as const, { timeout: 30_000 })
  return page.evaluate((name) => {
    const marks = performance.getEntriesByName(name)
    const changeAt = (window as unknown as { __changeAt: number | null }).__changeAt
    return marks[marks.length - 1]!.startTime - (changeAt ?? 0)
  }, RESULTS_SHOWN)
}

/** Navigation to the first page of results: the mark's time since the navigation began. */
async function timedNavigation(page: Page, url: string): Promise<number> {
  await page.goto(url)
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, RESULTS_SHOWN, { timeout: 30_000 })
  return page.evaluate((name) => performance.getEntriesByName(name)[0]!.startTime, RESULTS_SHOWN)
}

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args)
  if (!fs.existsSync(CHROMIUM)) throw new Error(`the console benchmark needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-console-'))
  const file = path.join(dir, 'console.db')
  const webRoot = path.join(dir, 'web')
  const started = performance.now()
  console.log(`console: building the pages, seeding ${int(options.users)} users (SQLite)`)
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  const db = openDatabase({ dialect: 'sqlite', file })
  await migrate(db)
  const { refs } = await setUp(db)
  const seeding = performance.now()
  await seedSqlite(file, refs, options.users)
  await rebuildUserCounts(db)
  console.log(`  seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`)
  await createAdmin(db, { tenantSlug: 'bench', ...ADMIN })

  const app = await buildApp({
    db, logger: false, webRoot, secrets: SecretBox.fromKey(randomBytes(32)), messages: BENCH_MESSAGES,
    config: { trustProxy: false, logLevel: 'silent' },
  })
  await app.listen({ port: 0, host: 'localhost' })
  const baseUrl = `http://localhost:${(app.server.address() as AddressInfo).port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    context.setDefaultTimeout(30_000)
    await context.addInitScript(RECORD_CHANGES)
    const page = await context.newPage()
    const loadBefore = os.loadavg()[0]!
    await page.goto('/t/bench/login?next=%2F')
    await page.getByLabel(new RegExp(`^${en.signIn.username}`)).fill(ADMIN.username)
    await page.getByLabel(new RegExp(`^${en.signIn.password}`)).fill(ADMIN.password)
    await page.getByRole('button', { name: en.signIn.submit, exact: true }).click()
    await page.getByRole('heading', { name: en.users.title, exact: true }).waitFor()

    // First page after navigation: in a browser that has not loaded the pages yet (signed in all the
    // same), then reloads (pages cached, as for a returning user).
    const fresh = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 }, storageState: await context.storageState() })
    const freshPage = await fresh.newPage()
    const cold = await timedNavigation(freshPage, '/users?sort=lastName')
    const coldSteps = await steps(freshPage)
    console.log(`    ${coldSteps}`)
    await fresh.close()
    const first: number[] = []
    const urls = ['/users', '/users?sort=lastLoginAt&order=desc', '/users?active=true&sort=email', `/users?campaign=${refs.campaigns[0]!.id}`]
    for (let i = 0; i < options.reps; i++) first.push(await timedNavigation(page, urls[i % urls.length]!))
    console.log(`  first page after navigation: cold ${ms(cold)} ms; reloads p50 ${ms(stats(first).p50)} ms`)

    await timedNavigation(page, '/users')
    const sorts: number[] = []
    const columns = ['username', 'firstName', 'lastName', 'email', 'role', 'campaign', 'active', 'agentId', 'lastLoginAt', 'timeZone'] as const
    for (let rep = 0; rep < Math.max(1, Math.ceil(options.reps / 5)); rep++) {
      for (const column of columns) {
        const name = en.users.sortBy.replace('{{column}}', en.users.columns[column])
        // Twice: ascending, then descending.
        for (let i = 0; i < 2; i++) sorts.push(await timedChange(page, () => page.getByRole('button', { name, exact: true }).click()))
      }
    }
    console.log(`  sort changes: p50 ${ms(stats(sorts).p50)} ms, p95 ${ms(stats(sorts).p95)} ms (${sorts.length})`)

    await timedNavigation(page, '/users')
    const filters: number[] = []
    const select = (label: string, value: string) => timedChange(page, () => page.getByLabel(label, { exact: true }).selectOption(value).then(() => undefined))
    for (const campaign of refs.campaigns) filters.push(await select(en.users.campaign, campaign.id))
    filters.push(await select(en.users.campaign, ''))
    for (const role of refs.roles) filters.push(await select(en.users.role, role.id))
    filters.push(await select(en.users.role, ''))
    for (const team of refs.teams.slice(0, 8)) filters.push(await select(en.users.team, team.id))
    filters.push(await select(en.users.team, ''))
    for (const status of [en.users.statusActive, en.users.statusInactive, en.users.statusAll]) {
      filters.push(await timedChange(page, () => page.locator('label', { hasText: new RegExp(`^${status}$`) }).click()))
    }
    const search = page.getByRole('searchbox', { name: en.users.search })
    for (const text of ['anna', 'de jong', 'jansen', 'müller', 'sophie bakker', '10423', 'contoso', '']) {
      filters.push(await timedChange(page, async () => {
        await search.fill(text)
        await search.press('Enter')
      }))
    }
    console.log(`  filter changes: p50 ${ms(stats(filters).p50)} ms, p95 ${ms(stats(filters).p95)} ms (${filters.length})`)

    const section = markdown(options, { cold, coldSteps, first: stats(first), sorts: stats(sorts), filters: stats(filters), load: [loadBefore, os.loadavg()[0]!] }, (performance.now() - started) / 1000)
    if (options.docs) appendToDocs(section)
    else console.log(section)
  } finally {
    await browser.close()
    await app.close()
    await db.destroy()
    if (options.keep) console.log(`  kept ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Where a navigation's time went: each file and API call, from and to (ms since the navigation began). */
function steps(page: Page): Promise<string> {
  return page.evaluate((name) => {
    const shown = performance.getEntriesByName(name)[0]!.startTime
    const calls = performance.getEntriesByType('resource').map((entry) => {
      const url = new URL(entry.name)
      const what = url.pathname.startsWith('/assets/') ? url.pathname.replace(/-[\w-]{8}\./, '.').replace('/assets/', '') : `GET ${url.pathname}`
      return `${what} ${Math.round(entry.startTime)}–${Math.round((entry as PerformanceResourceTiming).responseEnd)}`
    })
    return `${calls.join(', ')}; shown ${Math.round(shown)}`
  }, RESULTS_SHOWN)
}

function markdown(options: Options, r: { cold: number; coldSteps: string; first: Stats; sorts: Stats; filters: Stats; load: number[] }, seconds: number): string {
  const row = (name: string, s: Stats, goal: number) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${goal} | ${s.p95 <= goal ? '✔' : '✘'} |`
  return [
    '',
    `## Console users page, ${int(options.users)} users — ${nowUtc()}`,
    '',
    `Command: \`npm run bench -- console --users ${options.users} --reps ${options.reps}\`.`,
    '',
    `Machine: ${machineLine()}; Chromium ${CHROMIUM} (headless), 1280 × 900; SQLite; Gatehouse and the browser on the same cores; load average (1 min) ${r.load.map((n) => n.toFixed(1)).join(' before, ')} after the browser part (anything else running on the machine counts in the figures).`,
    '',
    `Goal: the first page of results within ${GOAL_FIRST_MS} ms of navigation; each sort or filter change within ${GOAL_CHANGE_MS} ms.`,
    '',
    'Measured in the browser: the page marks each page of results it shows (User Timing, after the frame that paints the rows); a navigation is timed from its start (the mark\'s startTime), a change from its event (the click on a column name, the choice in a list, Enter in the search box). First page: a full page load of one of four users URLs (the default, by last sign-in, active ones by email, one campaign), signed in, the hashed files cached as for a returning user — the bundle is parsed and run, GET /me and the first page of results asked and drawn. Sort changes: each of the ten columns ascending and descending. Filter changes: every campaign, role, eight teams, active/inactive/all, and eight searches (words, a name pair, an agent ID, a domain, none).',
    '',
    '| what | n | p50 ms | p95 ms | max ms | goal ms | goal (p95) |',
    '|---|---:|---:|---:|---:|---:|:---:|',
    `| first page, first visit in this browser | 1 | ${ms(r.cold)} | | | ${GOAL_FIRST_MS} | ${r.cold <= GOAL_FIRST_MS ? '✔' : '✘'} |`,
    row('first page after navigation (files cached)', r.first, GOAL_FIRST_MS),
    row('sort change', r.sorts, GOAL_CHANGE_MS),
    row('filter change', r.filters, GOAL_CHANGE_MS),
    '',
    `The first visit, step by step (ms since the navigation began): ${r.coldSteps}.`,
    '',
    `Whole run (build, seed, browser): ${(seconds / 60).toFixed(1)} min.`,
    '',
  ].join('\n')
}
