// The search panel finds the same users however a search is run. On SQLite the service picks, per
// search, which condition drives (its own index) and which is checked along the sort index, and how
// to count text matches; at test sizes it always drives. Here every way is run on the same data
// and must agree, and the totals must agree with the rows.
import { expect, it } from 'vitest'
import { dialectOf } from '../src/db/dialect.js'
import { resolveSearchTerms, userSearchQuery, type UserFilter } from '../src/users/queries.js'
import { searchKey } from '../src/db/text.js'
import { searchText } from '../src/users/search-text.js'
import { SEARCH_TUNING } from '../src/users/service.js'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, type TenantFixture } from './api.js'

type Json = Record<string, any>

const FIRST = ['Anna', 'Jan', 'Zoë', 'Søren', 'Maria', 'Johanna', 'Ánh', 'Li']
const LAST = ['Jansen', 'García', 'Ødegård', 'Anderson', 'de Vries', 'Lee', 'Nguyễn', 'Wilson']

describeEachEngine('search plans', (env) => {
  let big: TenantFixture
  let small: TenantFixture
  const campaigns: string[] = []
  const teams: string[] = []

  it('sets up two tenants with overlapping names', async () => {
    big = await createTenant(env())
    small = await createTenant(env())
    for (let i = 0; i < 3; i++) campaigns.push(expectOk(await big.admin.post('/api/v1/campaigns', { name: `Campaign ${i}` }), 201).id)
    for (let i = 0; i < 2; i++) teams.push(expectOk(await big.admin.post('/api/v1/teams', { name: `Team ${i}` }), 201).id)
    for (let i = 0; i < 40; i++) {
      const first = FIRST[i % FIRST.length]!
      const last = LAST[(i * 3) % LAST.length]!
      expectOk(await big.admin.post('/api/v1/users', {
        username: `${searchKey(first)}.${i}`, firstName: first, lastName: last, email: `${searchKey(first)}${i}@${i % 2 ? 'contoso' : 'example'}.com`,
        active: i % 5 !== 0, roleId: i % 7 === 0 ? big.roles['quality-manager'] : big.roles.agent, agentId: 4700 + i,
        kind: i % 9 === 4 ? 'bot' : 'agent', qualityMonitoring: i % 3 === 1,
        campaignIds: i % 4 === 3 ? [] : [campaigns[i % 3]!], teamIds: i % 6 === 0 ? [teams[0]!, teams[1]!] : i % 2 ? [teams[1]!] : [],
      }), 201)
    }
    for (let i = 0; i < 6; i++) {
      expectOk(await small.admin.post('/api/v1/users', { username: `other${i}`, firstName: FIRST[i]!, lastName: LAST[i]!, email: `x${i}@contoso.com` }), 201)
    }
  })

  it('changes some of them: names, active, tenant-wide deletes', async () => {
    const page = expectOk(await big.admin.get('/api/v1/users?limit=200&sort=username'))
    const users = (page.items as Json[]).filter((u) => u.username !== 'admin')
    expectOk(await big.admin.patch(`/api/v1/users/${users[0]!.id}`, { lastName: 'Sonnenschein', active: false }))
    expectOk(await big.admin.patch(`/api/v1/users/${users[1]!.id}`, { firstName: 'Bertha', email: 'bertha@example.org' }))
    expectOk(await big.admin.patch(`/api/v1/users/${users[2]!.id}`, { active: true }))
    expectOk(await big.admin.delete(`/api/v1/users/${users[3]!.id}`), 204)
  })

  const filters = (): Array<[string, Omit<UserFilter, 'tenantId' | 'terms'>]> => [
    ['', {}], ['active=true', { active: true }], ['active=false', { active: false }],
    [`campaign=${campaigns[0]}`, { campaignId: campaigns[0]! }], [`team=${teams[1]}`, { teamId: teams[1]! }],
    [`role=${big.roles['quality-manager']}`, { roleId: big.roles['quality-manager']! }],
    [`campaign=${campaigns[1]}&team=${teams[1]}&active=true`, { campaignId: campaigns[1]!, teamId: teams[1]!, active: true }],
    [`role=${big.roles.agent}&campaign=${campaigns[2]}`, { roleId: big.roles.agent!, campaignId: campaigns[2]! }],
    ['kind=bot', { kind: 'bot' }], ['kind=agent&active=true', { kind: 'agent', active: true }],
    ['qualityMonitoring=true', { qualityMonitoring: true }], [`qualityMonitoring=false&team=${teams[1]}`, { qualityMonitoring: false, teamId: teams[1]! }],
  ]
  // Terms of letters and digits (the words decide), with punctuation (words narrow, LIKE decides), short ones (LIKE alone).
  const texts = ['', 'anna', 'jan', 'son', 'contoso', 'zoe', 'li', 'an sen', '470', 'odegard', 'ánh', 'nomatch', 'a.1', 'anna.1', '@contoso.', 'son sonnen', 'vries de', 'contoso anna']

  it('finds the same users with every choice of driving condition, as the fields say, and totals agree with the rows', async () => {
    const db = env().db
    const dialect = dialectOf(db)
    const failures: string[] = []
    // What each search must find, from the users' fields as the API reports them (after the changes
    // above, so stale words in the index would show).
    const everyone = (expectOk(await big.admin.get('/api/v1/users?limit=200')).items as Json[])
    const matches = (u: Json, text: string, filter: Omit<UserFilter, 'tenantId' | 'terms'>) =>
      searchKey(text).split(/\s+/).filter(Boolean).every((term) => searchText(u as never).includes(term))
      && (filter.active === undefined || u.active === filter.active) && (filter.roleId === undefined || u.roleId === filter.roleId)
      && (filter.campaignId === undefined || u.campaignIds.includes(filter.campaignId)) && (filter.teamId === undefined || u.teamIds.includes(filter.teamId))
      && (filter.kind === undefined || u.kind === filter.kind) && (filter.qualityMonitoring === undefined || u.qualityMonitoring === filter.qualityMonitoring)
    for (const text of texts) {
      const terms = await resolveSearchTerms(db, dialect, big.id, searchKey(text).split(/\s+/).filter(Boolean))
      for (const [query, filter] of filters()) {
        const results = new Set<string>()
        for (const textWay of ['drive', 'probe', 'scan'] as const) {
          for (const links of [true, false]) {
            for (const [role, kind] of [[true, true], [true, false], [false, true], [false, false]]) {
              const rows = await userSearchQuery(db, dialect, { tenantId: big.id, terms, ...filter, drive: { text: textWay, links, role: role!, kind: kind! } })
                .select('u.username').orderBy('u.username').execute()
              results.add(rows.map((r) => r.username).join(','))
            }
          }
        }
        if (results.size !== 1) failures.push(`q=${text}&${query}: the ways disagree: ${[...results].join(' | ')}`)
        const expected = everyone.filter((u) => matches(u, text, filter)).map((u) => u.username as string).sort().join(',')
        if ([...results][0] !== expected) failures.push(`q=${text}&${query}: found ${[...results][0]}, the fields say ${expected}`)
        for (const tenant of [big.id, undefined]) {
          const answer = expectOk(await big.admin.get(`/api/v1/users?limit=200&q=${encodeURIComponent(text)}&${query}${tenant ? `&tenant=${tenant}` : ''}`))
          const wanted = [...results][0]!.split(',').filter(Boolean)
          const got = (answer.items as Json[]).map((u) => u.username as string).sort()
          if (answer.total !== got.length || JSON.stringify(got) !== JSON.stringify([...wanted].sort())) {
            failures.push(`q=${text}&${query}: total ${answer.total}, listed ${got.join(',')}, wanted ${wanted.join(',')}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    // The search found something for most combinations, so the comparison above means something.
    const nonEmpty = expectOk(await big.admin.get('/api/v1/users?limit=200&q=son')).total
    expect(nonEmpty).toBeGreaterThan(5)
  })

  it('pages through the same users in the same order under every tuning of the plans (walks, windows, drives)', async () => {
    const failures: string[] = []
    const walk = async (query: string) => {
      const seen: string[] = []
      let cursor: string | undefined
      let total = -1
      do {
        const page = expectOk(await big.admin.get(`/api/v1/users?limit=4&${query}${cursor ? `&cursor=${cursor}` : ''}`))
        seen.push(...(page.items as Json[]).map((u) => u.username as string))
        total = page.total
        cursor = page.nextCursor
      } while (cursor)
      const second = expectOk(await big.admin.get(`/api/v1/users?limit=4&page=2&${query}`)).items.map((u: Json) => u.username)
      return JSON.stringify({ seen, total, second: second.join(',') === seen.slice(4, 8).join(',') })
    }
    const queries: string[] = []
    for (const text of ['anna', 'son', 'contoso', 'an sen', 'a.1', 'jan']) {
      for (const [query] of filters().slice(0, 4)) for (const sort of ['username', 'lastName', 'createdAt']) for (const order of ['asc', 'desc']) queries.push(`q=${encodeURIComponent(text)}&${query}&sort=${sort}&order=${order}`)
    }
    const saved = structuredClone(SEARCH_TUNING)
    const reference = new Map<string, string>()
    try {
      for (const query of queries) reference.set(query, await walk(query))
      const tunings = [
        { walkFirst: 3, drive: 0, scan: 2 }, { walkFirst: 12, drive: 0, scan: 2 }, { walkFirst: 100, drive: 0, scan: 2 },
        { walkFirst: 3, drive: 100, scan: 2 }, { walkFirst: 12, drive: 100, scan: 2 }, { walkFirst: 1, drive: 2, scan: 0 },
      ]
      for (const tuning of tunings) {
        SEARCH_TUNING.walkFirst = tuning.walkFirst
        SEARCH_TUNING.textDrive = { sqlite: tuning.drive, postgres: tuning.drive }
        SEARCH_TUNING.textScanShare = tuning.scan
        for (const query of queries) {
          const got = await walk(query)
          if (got !== reference.get(query)) failures.push(`${JSON.stringify(tuning)} ${query}: ${got} instead of ${reference.get(query)}`)
        }
      }
    } finally {
      Object.assign(SEARCH_TUNING, saved)
    }
    expect(failures).toEqual([])
    expect([...reference.values()].filter((r) => JSON.parse(r).seen.length > 8).length).toBeGreaterThan(10)
  })

  it('counts text matches across all tenants for a platform administrator, and within one tenant', async () => {
    const platform = (url: string) => env().app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${env().platformKey}` } }).then((r) => r.json())
    for (const text of ['contoso', 'anna', 'son', 'nomatch']) {
      const all = await platform(`/api/v1/users?limit=200&q=${text}`)
      const inBig = await platform(`/api/v1/users?limit=200&q=${text}&tenant=${big.id}`)
      const inSmall = await platform(`/api/v1/users?limit=200&q=${text}&tenant=${small.slug}`)
      expect({ text, all: all.total, listed: all.items.length }).toEqual({ text, all: all.total, listed: all.total })
      expect({ text, big: inBig.total, listed: inBig.items.length }).toEqual({ text, big: inBig.total, listed: inBig.total })
      expect({ text, sum: inBig.total + inSmall.total }).toEqual({ text, sum: all.total })
    }
    expect((await platform(`/api/v1/users?limit=200&q=contoso&tenant=${small.slug}`)).total).toBe(6)
  })
})
