// `npm run bench -- directory [--users N] [--engine sqlite|postgres|both] [--reps N] [--http-seconds S] [--kinds TEXT|none] [--no-docs] [--keep]`
//
// Seeds a tenant with N users, replays a fixed mix of search-panel queries through searchUsers() and
// the same SQL raw, measures GET /api/v1/users/{id} against a bare Fastify route, prints the figures
// and appends them to docs/benchmarks.md.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import Fastify from 'fastify'
import type { LogEvent } from 'kysely'
import pg from 'pg'
import { systemContext } from '../src/auth/context.js'
import { hashPassword } from '../src/auth/passwords.js'
import { createCampaign } from '../src/campaigns/service.js'
import { migrate, openDatabase, postgresSessionOptions, type DB } from '../src/db/database.js'
import type { DialectName } from '../src/db/dialect.js'
import { SecretBox } from '../src/auth/secret-box.js'
import { buildApp } from '../src/http/app.js'
import { ALL_PERMISSIONS } from '../src/roles/permissions.js'
import { createApiKeyFor, ensurePlatform } from '../src/setup/service.js'
import { createTeam } from '../src/teams/service.js'
import { createGroup } from '../src/groups/service.js'
import { createProfile, createSkill } from '../src/skills/service.js'
import { createTenant } from '../src/tenants/service.js'
import { rebuildUserCounts } from '../src/users/queries.js'
import { USER_SORTS, type UserListQuery } from '../src/users/schema.js'
import { searchUsers } from '../src/users/service.js'
import { CAMPAIGNS, TEAMS, type SeedRefs } from './directory-data.js'
import { seedPostgres, seedSqlite, type SeedResult } from './directory-seed.js'
import { appendToDocs, BENCH_MESSAGES, int, machine, ms, pct } from './report.js'
import { combineLoads, expectAll, runLoad, type LoadResult } from './http-load.js'

const GOAL_MS = 50
const GOAL_RATIO = 0.5
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'
const SYSTEM = systemContext(new Set(ALL_PERMISSIONS))

interface Options {
  users: number
  engines: DialectName[]
  reps: number
  cursorPages: number
  httpSeconds: number
  docs: boolean
  keep: boolean
  pgUrl: string
  /** Only the query kinds whose name contains this text ('none': skip the search mix). */
  kinds: string | null
}

function parseOptions(args: string[]): Options {
  const options: Options = {
    users: 100_000, engines: ['sqlite', 'postgres'], reps: 7, cursorPages: 20, httpSeconds: 5, docs: true, keep: false, kinds: null,
    pgUrl: process.env.GATEHOUSE_BENCH_DATABASE_URL ?? process.env.GATEHOUSE_TEST_DATABASE_URL ?? DEFAULT_PG_URL,
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const value = () => {
      const v = args[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    const count = (min: number) => {
      const n = Number(value().replace(/[_,]/g, ''))
      if (!Number.isInteger(n) || n < min) throw new Error(`${arg} must be an integer >= ${min}`)
      return n
    }
    if (arg === '--users') options.users = count(1000)
    else if (arg === '--reps') options.reps = count(1)
    else if (arg === '--cursor-pages') options.cursorPages = count(1)
    else if (arg === '--http-seconds') options.httpSeconds = count(1)
    else if (arg === '--pg-url') options.pgUrl = value()
    else if (arg === '--no-docs') options.docs = false
    else if (arg === '--keep') options.keep = true
    else if (arg === '--kinds') options.kinds = value()
    else if (arg === '--engine') {
      const engine = value()
      if (engine === 'both') options.engines = ['sqlite', 'postgres']
      else if (engine === 'sqlite' || engine === 'postgres') options.engines = [engine]
      else throw new Error('--engine must be sqlite, postgres or both')
    } else throw new Error(`unknown option ${arg}`)
  }
  return options
}

// ---------- statistics ----------

export interface Stats { p50: number; p95: number; max: number; n: number }

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
  return { p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]!, n: sorted.length }
}


// ---------- query capture and raw replay ----------

interface Captured { sql: string; params: unknown[]; start: number; end: number }

/** Collects the statements of one service call, from openDatabase's log hook. */
class Recorder {
  private current: Captured[] | null = null
  readonly log = (event: LogEvent) => {
    if (this.current === null || event.level !== 'query') return
    const end = performance.now()
    this.current.push({ sql: event.query.sql, params: [...event.query.parameters], start: end - event.queryDurationMillis, end })
  }

  async record<T>(call: () => Promise<T>): Promise<{ value: T; elapsed: number; statements: Captured[] }> {
    this.current = []
    const started = performance.now()
    try {
      const value = await call()
      return { value, elapsed: performance.now() - started, statements: this.current }
    } finally {
      this.current = null
    }
  }
}

/** Statements that ran at the same time (the service awaits some in parallel) form one wave. */
function waves(statements: Captured[]): Captured[][] {
  const result: Captured[][] = []
  let end = -Infinity
  for (const s of [...statements].sort((a, b) => a.start - b.start)) {
    if (s.start >= end || result.length === 0) result.push([s])
    else result[result.length - 1]!.push(s)
    end = Math.max(s.start >= end ? s.end : end, s.end)
  }
  return result
}

interface Engine {
  name: DialectName
  version: string
  db: DB
  recorder: Recorder
  /** Runs the captured statements directly on the driver; returns elapsed milliseconds. */
  replay(statements: Captured[]): Promise<number>
  /** Runs statements on the driver, each prepared once (the HTTP floor route); returns their rows. */
  query(statements: Array<Pick<Captured, 'sql' | 'params'>>): Promise<unknown[][]>
  seed(refs: SeedRefs, users: number): Promise<SeedResult>
  close(): Promise<void>
}

async function openSqlite(options: Options): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-'))
  const file = path.join(dir, 'directory.db')
  const recorder = new Recorder()
  const db = openDatabase({ dialect: 'sqlite', file }, { log: recorder.log })
  await migrate(db)
  // The raw baseline uses its own connection with the same settings as openDatabase's.
  const raw = new SQLite(file)
  raw.pragma('cache_size = -65536')
  raw.pragma('busy_timeout = 5000')
  const version = (raw.prepare('select sqlite_version() as v').get() as { v: string }).v
  const prepared = new Map<string, SQLite.Statement>()
  return {
    name: 'sqlite', version, db, recorder,
    async replay(statements) {
      const started = performance.now()
      // As Kysely's SQLite driver does: prepare, then all() for readers.
      for (const s of statements) {
        const stmt = raw.prepare(s.sql)
        if (stmt.reader) stmt.all(s.params)
        else stmt.run(s.params)
      }
      return performance.now() - started
    },
    async query(statements) {
      return statements.map((s) => {
        let stmt = prepared.get(s.sql)
        if (!stmt) prepared.set(s.sql, stmt = raw.prepare(s.sql))
        return stmt.all(s.params)
      })
    },
    seed: async (refs, users) => seedSqlite(file, refs, users),
    async close() {
      raw.close()
      await db.destroy()
      if (options.keep) console.log(`  kept the SQLite database: ${file}`)
      else fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function openPostgres(options: Options): Promise<Engine | string> {
  const probe = new pg.Client({ connectionString: options.pgUrl, connectionTimeoutMillis: 3000 })
  let version: string
  try {
    await probe.connect()
    version = (await probe.query<{ server_version: string }>('show server_version')).rows[0]!.server_version
  } catch (error) {
    await probe.end().catch(() => undefined)
    return `no PostgreSQL server answers at ${options.pgUrl.replace(/\/\/[^@]*@/, '//…@')} (${(error as Error).message})`
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`
  await probe.query(`create schema ${schema}`)
  await probe.end()
  const recorder = new Recorder()
  const db = openDatabase({ dialect: 'postgres', url: options.pgUrl }, { schema, log: recorder.log })
  // The raw baseline gets a pool of the same size and settings as openDatabase's.
  const raw = new pg.Pool({ connectionString: options.pgUrl, max: 10, options: postgresSessionOptions(schema) })
  try {
    await migrate(db)
  } catch (error) {
    await dropPostgres(options.pgUrl, schema, db, raw)
    throw error
  }
  return {
    name: 'postgres', version, db, recorder,
    async replay(statements) {
      const started = performance.now()
      for (const wave of waves(statements)) await Promise.all(wave.map((s) => raw.query(s.sql, s.params)))
      return performance.now() - started
    },
    async query(statements) {
      // Named statements: parsed and planned once per connection, as the service's prepared queries are.
      const name = (sql: string) => `floor_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`
      const rows: unknown[][] = []
      for (const s of statements) rows.push((await raw.query({ name: name(s.sql), text: s.sql, values: s.params })).rows)
      return rows
    },
    seed: (refs, users) => seedPostgres(options.pgUrl, schema, refs, users),
    async close() {
      if (options.keep) {
        await raw.end()
        await db.destroy()
        console.log(`  kept the PostgreSQL schema: ${schema}`)
      } else {
        await dropPostgres(options.pgUrl, schema, db, raw)
      }
    },
  }
}

async function dropPostgres(url: string, schema: string, db: DB, raw: pg.Pool): Promise<void> {
  await raw.end()
  await db.destroy()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`drop schema ${schema} cascade`)
  await client.end()
}

// ---------- the tenant ----------

export interface Setup { refs: SeedRefs; apiKey: string }

/** Platform, tenant, campaigns and teams through the real services (few rows, so exact by construction). */
export async function setUp(db: DB): Promise<Setup> {
  const created = await ensurePlatform(db, { username: 'admin', password: 'bench-platform-admin-password' })
  if (!created) throw new Error('the benchmark database already had a platform administrator')
  const { key } = await createApiKeyFor(db, { tenantSlug: 'system', username: 'admin', name: 'benchmark' })
  const tenant = await createTenant(db, SYSTEM, { slug: 'bench', name: 'Benchmark Contact Centre' })
  const campaigns = []
  for (const [name] of CAMPAIGNS) campaigns.push(await createCampaign(db, SYSTEM, { tenantId: tenant.id, name }))
  const teams = []
  for (const [name] of TEAMS) teams.push(await createTeam(db, SYSTEM, { tenantId: tenant.id, name, description: `Team ${name}` }))
  const roles = await db.selectFrom('roles').select(['id', 'name', 'builtin_key']).where('tenant_id', '=', tenant.id).execute()
  // Skills: one the default group's profile gives everyone, one a small group's profile gives its 5 %.
  const defaultGroupId = (await db.selectFrom('user_groups').select('id').where('tenant_id', '=', tenant.id).where('is_default', '=', 1).executeTakeFirstOrThrow()).id
  const nightShift = await createGroup(db, SYSTEM, { tenantId: tenant.id, name: 'Night shift' })
  const [english, german] = [await createSkill(db, SYSTEM, { tenantId: tenant.id, name: 'English' }), await createSkill(db, SYSTEM, { tenantId: tenant.id, name: 'German' })]
  await createProfile(db, SYSTEM, { name: 'Front desk', groupId: defaultGroupId, skills: [{ skillId: english.id, level: 5 }] })
  await createProfile(db, SYSTEM, { name: 'DACH', groupId: nightShift.id, skills: [{ skillId: german.id, level: 7 }, { skillId: english.id, level: 3 }] })
  return {
    apiKey: key,
    refs: {
      tenantId: tenant.id,
      groupId: defaultGroupId,
      smallGroupId: nightShift.id,
      skills: { everyone: english.id, smallGroup: german.id },
      editorId: created.user.id,
      roles: roles.filter((r) => r.builtin_key !== null).map((r) => ({ id: r.id, name: r.name, key: r.builtin_key! })),
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      passwordHash: await hashPassword('a-password-of-a-benchmark-user'),
    },
  }
}

// ---------- the query mix ----------

type Query = Omit<UserListQuery, 'tenant' | 'limit' | 'sort' | 'order'> & Partial<Pick<UserListQuery, 'sort' | 'order'>>

interface Kind {
  name: string
  query: Query
  /** Follow nextCursor this many pages; the samples are the cursor pages, not the first one. */
  cursorPages?: number
}

function queryMix(refs: SeedRefs, cursorPages: number): Kind[] {
  const campaign = (name: string) => refs.campaigns.find((c) => c.name === name)!.id
  const team = (name: string) => refs.teams.find((t) => t.name === name)!.id
  const role = (key: string) => refs.roles.find((r) => r.key === key)!.id
  const [bigTeam, smallTeam] = [TEAMS[4]![0], TEAMS[23]![0]]
  const kinds: Kind[] = [
    // Substring search, few to very many matches.
    { name: 'q "odegard" (accented surname)', query: { q: 'Ødegård' } },
    { name: 'q "zoë"', query: { q: 'zoë' } },
    { name: 'q "4711" (ids)', query: { q: '4711' } },
    { name: 'q "maria garcia" (two words)', query: { q: 'maria garcia' } },
    { name: 'q "anna"', query: { q: 'anna' } },
    { name: 'q "jan"', query: { q: 'jan' } },
    { name: 'q "son"', query: { q: 'son' } },
    { name: 'q "contoso" (email domain)', query: { q: 'contoso' } },
    // Each filter.
    { name: 'active=true', query: { active: true } },
    { name: 'active=false', query: { active: false } },
    { name: 'campaign (large)', query: { campaign: campaign(CAMPAIGNS[0]![0]) } },
    { name: 'campaign (small)', query: { campaign: campaign(CAMPAIGNS[CAMPAIGNS.length - 1]![0]) } },
    { name: 'role agent (large)', query: { role: role('agent') } },
    { name: 'role quality manager (small)', query: { role: role('quality-manager') } },
    { name: 'team (large)', query: { team: team(bigTeam) } },
    { name: 'team (small)', query: { team: team(smallTeam) } },
    { name: 'user group (small)', query: { group: refs.smallGroupId } },
    { name: 'skill, user group profile (everyone)', query: { skill: refs.skills.everyone, skillLevel: 1 } },
    { name: 'skill >= 5, user group profile (small)', query: { skill: refs.skills.smallGroup, skillLevel: 5 } },
    { name: 'skill, user group profile (everyone), active, sort lastName', query: { skill: refs.skills.everyone, skillLevel: 1, active: true, sort: 'lastName' } },
  ]
  // Every sort column, both ways, no filter.
  for (const sort of USER_SORTS) for (const order of ['asc', 'desc'] as const) kinds.push({ name: `sort ${sort} ${order}`, query: { sort, order } })
  kinds.push(
    // Sorts with a filter, selective or not.
    { name: 'role quality manager, sort lastName', query: { role: role('quality-manager'), sort: 'lastName' } },
    { name: 'campaign (small), sort createdAt desc', query: { campaign: campaign(CAMPAIGNS[CAMPAIGNS.length - 1]![0]), sort: 'createdAt', order: 'desc' } },
    { name: 'active=false, sort lastLoginAt desc', query: { active: false, sort: 'lastLoginAt', order: 'desc' } },
    { name: 'team (small) + active, sort displayName', query: { team: team(smallTeam), active: true, sort: 'displayName' } },
    { name: 'q "anna", sort lastLoginAt desc', query: { q: 'anna', sort: 'lastLoginAt', order: 'desc' } },
    { name: 'q "son" + active, sort email', query: { q: 'son', active: true, sort: 'email' } },
    // Numbered pages.
    { name: 'page 50, sort username', query: { page: 50 } },
    { name: 'page 50, sort lastName desc', query: { page: 50, sort: 'lastName', order: 'desc' } },
    { name: 'page 50, active, sort lastLoginAt desc', query: { page: 50, active: true, sort: 'lastLoginAt', order: 'desc' } },
    // Deep cursor pages.
    { name: `cursor pages 2-${cursorPages + 1}, sort username`, query: {}, cursorPages },
    { name: `cursor pages 2-${cursorPages + 1}, sort lastLoginAt desc`, query: { sort: 'lastLoginAt', order: 'desc' }, cursorPages },
    { name: `cursor pages 2-${cursorPages + 1}, sort campaign`, query: { sort: 'campaign' }, cursorPages },
    { name: `cursor pages 2-${cursorPages + 1}, active, sort lastName`, query: { active: true, sort: 'lastName' }, cursorPages },
  )
  return kinds
}

interface KindResult { name: string; total: number; statements: number; service: Stats; raw: Stats }

async function runMix(engine: Engine, refs: SeedRefs, options: Options): Promise<KindResult[]> {
  const results: KindResult[] = []
  const base = { tenant: refs.tenantId, limit: 50, sort: 'username', order: 'asc' } as const
  const wanted = (kind: Kind) => options.kinds === null || kind.name.includes(options.kinds)
  for (const kind of queryMix(refs, options.cursorPages).filter(wanted)) {
    const query: UserListQuery = { ...base, ...kind.query }
    const service: number[] = []
    const raw: number[] = []
    let total = 0
    let statements = 0
    const sample = async (q: UserListQuery) => {
      const call = await engine.recorder.record(() => searchUsers(engine.db, SYSTEM, q))
      service.push(call.elapsed)
      raw.push(await engine.replay(call.statements))
      total = call.value.total
      statements = call.statements.length
      return call.value
    }
    await searchUsers(engine.db, SYSTEM, query) // warm-up, not counted
    if (kind.cursorPages) {
      // Fewer walks than reps: each walk gives cursorPages samples.
      for (let walk = 0; walk < Math.max(1, Math.ceil(options.reps / 3)); walk++) {
        let cursor = (await searchUsers(engine.db, SYSTEM, query)).nextCursor
        for (let p = 0; p < kind.cursorPages && cursor; p++) cursor = (await sample({ ...query, cursor })).nextCursor
      }
    } else {
      for (let r = 0; r < options.reps; r++) await sample(query)
    }
    const result = { name: kind.name, total, statements, service: stats(service), raw: stats(raw) }
    results.push(result)
    const flag = result.service.p95 <= GOAL_MS ? '' : '  ✘ misses the goal'
    console.log(`  ${kind.name.padEnd(44)} total ${int(total).padStart(9)}  service p50 ${ms(result.service.p50).padStart(6)} p95 ${ms(result.service.p95).padStart(6)} max ${ms(result.service.max).padStart(6)}  raw p50 ${ms(result.raw.p50).padStart(6)} p95 ${ms(result.raw.p95).padStart(6)}${flag}`)
  }
  return results
}

// ---------- HTTP ----------

interface HttpResult {
  app: LoadResult
  /** A bare Fastify route answering a constant body: the framework alone. */
  bare: LoadResult
  /** A bare Fastify route running the app's own statements raw on the driver: framework plus database. */
  floor: LoadResult
  ratio: number
  floorRatio: number
  floorStatements: number
  connections: number
}

const BARE_BODY = { id: '0192f5a4-7c1e-7b3a-9c1d-2f3e4a5b6c7d', username: 'anna.de.jong', displayName: 'Anna de Jong', active: true }

async function runHttp(engine: Engine, apiKey: string, userIds: string[], options: Options): Promise<HttpResult> {
  const app = await buildApp({ db: engine.db, config: { trustProxy: false, logLevel: 'silent' }, logger: false, secrets: SecretBox.fromKey(randomBytes(32)), messages: BENCH_MESSAGES })
  const headers = { authorization: `Bearer ${apiKey}` }
  // The statements one GET /users/{id} runs (the second call: the first may record the key's use),
  // replayed by the floor route with the requested id in place of the sampled one.
  const sampleId = userIds[0]!
  for (let i = 0; i < 2; i++) await app.inject({ method: 'GET', url: `/api/v1/users/${sampleId}`, headers })
  const captured = await engine.recorder.record(() => app.inject({ method: 'GET', url: `/api/v1/users/${sampleId}`, headers }))
  if (captured.value.statusCode !== 200) throw new Error(`GET /api/v1/users/{id} answered ${captured.value.statusCode}`)
  const statements = captured.statements.filter((s) => /^\s*select/i.test(s.sql)).map(({ sql, params }) => ({ sql, params }))

  const bare = Fastify({ logger: false })
  bare.get('/bare', async () => BARE_BODY)
  bare.get<{ Params: { id: string } }>('/floor/:id', async (request) => {
    const id = request.params.id
    const rows = await engine.query(statements.map((s) => ({ sql: s.sql, params: s.params.map((p) => (p === sampleId ? id : p)) })))
    if (rows[rows.length - 1]!.length === 0) throw new Error('the floor route found no rows')
    return { rows }
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  await bare.listen({ host: '127.0.0.1', port: 0 })
  const connections = 10
  try {
    const port = (server: { server: { address(): unknown } }) => (server.server.address() as AddressInfo).port
    const load = {
      app: (seconds: number) => runLoad({ port: port(app), paths: userIds.map((id) => `/api/v1/users/${id}`), headers, connections, seconds, maxRequests: 2_000_000 }),
      bare: (seconds: number) => runLoad({ port: port(bare), paths: ['/bare'], headers: {}, connections, seconds, maxRequests: 2_000_000 }),
      floor: (seconds: number) => runLoad({ port: port(bare), paths: userIds.map((id) => `/floor/${id}`), headers: {}, connections, seconds, maxRequests: 2_000_000 }),
    }
    for (const run of Object.values(load)) await run(1)
    // Alternate the three, twice, so that drift (other processes, PostgreSQL's background work) hits all.
    const runs: Record<keyof typeof load, LoadResult[]> = { app: [], bare: [], floor: [] }
    for (let round = 0; round < 2; round++) {
      for (const name of ['bare', 'floor', 'app'] as const) runs[name].push(await load[name](options.httpSeconds))
    }
    const [appResult, bareResult, floorResult] = [combineLoads(runs.app), combineLoads(runs.bare), combineLoads(runs.floor)]
    for (const [name, r] of [['app', appResult], ['bare', bareResult], ['floor', floorResult]] as const) expectAll(name, r)
    return {
      app: appResult, bare: bareResult, floor: floorResult, connections, floorStatements: statements.length,
      ratio: appResult.perSecond / bareResult.perSecond, floorRatio: appResult.perSecond / floorResult.perSecond,
    }
  } finally {
    await app.close()
    await bare.close()
  }
}

// ---------- report ----------

interface EngineReport { engine: DialectName; version: string; seed: SeedResult; kinds: KindResult[]; http: HttpResult; seconds: number }

const seedSeconds = (s: SeedResult) => s.insertSeconds + s.indexSeconds + s.analyzeSeconds + s.countSeconds
const seedRate = (s: SeedResult) => s.users / seedSeconds(s)

function markdown(options: Options, reports: EngineReport[], skipped: string[]): string {
  const m = machine()
  const lines = [
    '',
    `## Directory, ${int(options.users)} users — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Command: \`npm run bench -- directory --users ${options.users}${options.engines.length === 1 ? ` --engine ${options.engines[0]}` : ''}${options.kinds !== null ? ` --kinds ${options.kinds}` : ''}\` (commit ${m.commit}, ${options.reps} repetitions per kind, cursor kinds ${options.cursorPages} pages per walk).`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GB RAM; Node ${m.node}; ${reports.map((r) => `${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${r.version}`).join('; ')}.`,
    '',
    `Goal: p95 ≤ ${GOAL_MS} ms for every query kind (total count included) at 1,000,000 users on both engines; GET /api/v1/users/{id} at ≥ ${GOAL_RATIO * 100} % of the requests/s of a bare Fastify route.`,
    '',
    'Times are milliseconds of wall time in the benchmark process: "service" is one searchUsers() call (tenant lookup, page, total count, links of the 50 users); "raw" replays exactly the statements that call made (captured through the log hook) straight on better-sqlite3 / pg, statements that ran in parallel again in parallel.',
  ]
  for (const skip of skipped) lines.push('', `PostgreSQL: skipped — ${skip}.`)
  for (const r of reports) {
    const s = r.seed
    const title = r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'
    const missed = r.kinds.filter((k) => k.service.p95 > GOAL_MS)
    lines.push(
      '',
      `### ${title} ${r.version}`,
      '',
      `Seeding: ${int(s.users)} users, ${int(s.campaignLinks)} campaign links, ${int(s.teamLinks)} team links, ${int(s.identities)} identities, ${int(s.postings)} word postings of ${int(s.words)} distinct words in ${seedSeconds(s).toFixed(1)} s = **${int(seedRate(s))} users/s** (insert ${s.insertSeconds.toFixed(1)} s, indexes ${s.indexSeconds.toFixed(1)} s, ${r.engine === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE'} ${s.analyzeSeconds.toFixed(1)} s, search totals ${s.countSeconds.toFixed(1)} s); the rows alone went in at ${int(s.users / s.insertSeconds)} users/s.`,
      ...(r.kinds.length === 0 ? ['', `The search mix was not run (\`--kinds ${options.kinds}\`).`] : [
        '',
        '| query kind | matches | service p50 | p95 | max | raw SQL p50 | p95 | max | statements | goal |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
        ...r.kinds.map((k) => `| ${k.name} | ${int(k.total)} | ${ms(k.service.p50)} | ${ms(k.service.p95)} | ${ms(k.service.max)} | ${ms(k.raw.p50)} | ${ms(k.raw.p95)} | ${ms(k.raw.max)} | ${k.statements} | ${k.service.p95 <= GOAL_MS ? '✔' : '✘'} |`),
        '',
        `${missed.length ? `**${missed.length} of ${r.kinds.length} kinds miss the goal:** ${missed.map((k) => k.name).join('; ')}.` : `All ${r.kinds.length} kinds meet the goal.`}`,
      ]),
      '',
      `HTTP (${r.http.connections} keep-alive connections, load generator in a separate process, 2 × ${options.httpSeconds} s each, alternated): GET /api/v1/users/{id} **${int(r.http.app.perSecond)} req/s**; a bare Fastify route with a constant body ${int(r.http.bare.perSecond)} req/s, ratio **${pct(r.http.ratio)}** (goal ≥ ${pct(GOAL_RATIO)}${r.http.ratio >= GOAL_RATIO ? ', met' : ', missed'}); a bare Fastify route running the same ${r.http.floorStatements} SELECT statements raw on the driver (prepared once) and returning their rows ${int(r.http.floor.perSecond)} req/s, ratio **${pct(r.http.floorRatio)}**.`,
      '',
      `Whole run on ${title}: ${(r.seconds / 60).toFixed(1)} min.`,
    )
  }
  return `${lines.join('\n')}\n`
}

// ---------- main ----------

async function runEngine(engine: Engine, options: Options): Promise<EngineReport> {
  const started = performance.now()
  console.log(`\n${engine.name} ${engine.version}: seeding ${int(options.users)} users`)
  const { refs, apiKey } = await setUp(engine.db)
  const seed = await engine.seed(refs, options.users)
  const counting = performance.now()
  await rebuildUserCounts(engine.db)
  seed.countSeconds = (performance.now() - counting) / 1000
  console.log(`  seeded in ${seedSeconds(seed).toFixed(1)} s = ${int(seedRate(seed))} users/s (insert ${seed.insertSeconds.toFixed(1)} s, indexes ${seed.indexSeconds.toFixed(1)} s, analyze ${seed.analyzeSeconds.toFixed(1)} s, counts ${seed.countSeconds.toFixed(1)} s); rows inserted at ${int(seed.users / seed.insertSeconds)} users/s; word index ${int(seed.words)} words, ${int(seed.postings)} postings`)
  console.log(`${engine.name}: search mix (${options.reps} repetitions, limit 50; milliseconds)`)
  const kinds = await runMix(engine, refs, options)
  console.log(`${engine.name}: GET /api/v1/users/{id} against a bare route`)
  const http = await runHttp(engine, apiKey, seed.sampleIds, options)
  console.log(`  app ${int(http.app.perSecond)} req/s; bare ${int(http.bare.perSecond)} req/s, ratio ${pct(http.ratio)}; same statements raw in a bare route ${int(http.floor.perSecond)} req/s, ratio ${pct(http.floorRatio)}`)
  return { engine: engine.name, version: engine.version, seed, kinds, http, seconds: (performance.now() - started) / 1000 }
}

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args)
  const reports: EngineReport[] = []
  const skipped: string[] = []
  for (const name of options.engines) {
    const engine = name === 'sqlite' ? await openSqlite(options) : await openPostgres(options)
    if (typeof engine === 'string') {
      console.log(`\npostgres: SKIPPED — ${engine}`)
      skipped.push(engine)
      continue
    }
    try {
      reports.push(await runEngine(engine, options))
    } finally {
      await engine.close()
    }
  }
  const section = markdown(options, reports, skipped)
  if (options.docs) appendToDocs(section)
  else console.log(section)
}
