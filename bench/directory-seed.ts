// Bulk seeding of the users and their links, by plain SQL on each engine (the service writes one user
// per transaction with audit records, far too slow for a million). Secondary indexes and the FTS
// triggers are dropped during the load and recreated from their stored definitions afterwards, so
// the schema ends up exactly as the migration made it.
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { searchWords } from '../src/users/search-text.js'
import { USER_COLUMNS, USER_INT4_COLUMNS, USER_INT8_COLUMNS, userGenerator, type SeedRefs, type SeedUser } from './directory-data.js'

export interface SeedResult {
  users: number
  campaignLinks: number
  teamLinks: number
  identities: number
  /** Inserting rows. */
  insertSeconds: number
  /** Recreating indexes and the full-text index. */
  indexSeconds: number
  analyzeSeconds: number
  /** Filling user_counts (the search totals) from the users and links. */
  countSeconds: number
  /** Some user ids, for GET /users/{id}. */
  sampleIds: string[]
  /** The word index: distinct words in the tenant's dictionary, and postings (user, word). */
  words: number
  postings: number
}

const LINK_TABLES = ['users', 'user_campaigns', 'user_teams', 'user_identities', 'search_words', 'user_words']
const BATCH = 10_000

function progress(label: string, done: number, total: number, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000
  process.stdout.write(`\r  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} users (${Math.round(done / seconds).toLocaleString('en')}/s)   `)
  if (done === total) process.stdout.write('\n')
}

const sampleEvery = (total: number) => Math.max(1, Math.floor(total / 2000))

/**
 * The word index of the seeded users, built as the users are generated: the tenant's dictionary
 * (word → id, ids after `firstId`) and the postings, kept in typed arrays and handed out sorted by
 * (word, active, user), the order of user_words' primary key, so that it is written in one pass.
 */
class WordIndex {
  readonly ids = new Map<string, number>()
  readonly newWords: Array<[number, string]> = []
  private postings = new Float64Array(1 << 20)
  private size = 0
  constructor(private nextId: number) {}

  add(userPk: number, active: number, searchText: string): void {
    for (const word of searchWords(searchText)) {
      let id = this.ids.get(word)
      if (id === undefined) {
        // The packed key below is exact only while word ids stay under 2^22.
        if (this.nextId >= 2 ** 22) throw new Error('too many words for the packed postings')
        id = this.nextId++
        this.ids.set(word, id)
        this.newWords.push([id, word])
      }
      if (this.size === this.postings.length) {
        const grown = new Float64Array(this.postings.length * 2)
        grown.set(this.postings)
        this.postings = grown
      }
      // word, active and user in one sortable number: word · 2^31 + active · 2^30 + user (users < 2^30).
      this.postings[this.size++] = id * 2 ** 31 + active * 2 ** 30 + userPk
    }
  }

  get count() { return this.size }

  /** [word_id, active, user_pk] in primary-key order. */
  *sorted(): Generator<[number, number, number]> {
    const all = this.postings.subarray(0, this.size).sort()
    for (const key of all) {
      const userPk = key % 2 ** 30
      const rest = (key - userPk) / 2 ** 30
      yield [Math.floor(rest / 2), rest % 2, userPk]
    }
  }
}

export function seedSqlite(file: string, refs: SeedRefs, total: number): SeedResult {
  const db = new SQLite(file)
  try {
    // Load-time settings of this connection only: a big page cache, and no fsync per transaction.
    db.pragma('cache_size = -2000000')
    db.pragma('synchronous = OFF')
    db.pragma('temp_store = MEMORY')
    // Lets CREATE INDEX sort on the second core.
    db.pragma('threads = 2')
    db.pragma('foreign_keys = ON')
    const objects = db.prepare(
      `select type, name, sql from sqlite_master where tbl_name in (${LINK_TABLES.map(() => '?').join(',')}) and type in ('index', 'trigger') and sql is not null order by rowid`,
    ).all(...LINK_TABLES) as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>
    for (const o of objects) db.exec(`drop ${o.type} ${o.name}`)

    const basePk = (db.prepare('select coalesce(max(pk), 0) as n from users').get() as { n: number }).n
    const words = new WordIndex((db.prepare('select coalesce(max(id), 0) as n from search_words').get() as { n: number }).n + 1)
    const users = multiRowInserter(db, 'users', ['pk', ...USER_COLUMNS], 20)
    const campaignLinks = multiRowInserter(db, 'user_campaigns', ['user_id', 'campaign_id', 'tenant_id'], 100)
    const teamLinks = multiRowInserter(db, 'user_teams', ['user_id', 'team_id', 'tenant_id'], 100)
    const identityRows = multiRowInserter(db, 'user_identities', ['id', 'tenant_id', 'user_id', 'environment', 'environment_key', 'username', 'username_key', 'position'], 50)
    const result: SeedResult = { users: total, campaignLinks: 0, teamLinks: 0, identities: 0, insertSeconds: 0, indexSeconds: 0, analyzeSeconds: 0, countSeconds: 0, sampleIds: [], words: 0, postings: 0 }
    const every = sampleEvery(total)
    const next = userGenerator(refs, total)
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const { row, campaignIds, teamIds, identities } = next(i)
        users.add([basePk + i + 1, ...USER_COLUMNS.map((c) => row[c])])
        words.add(basePk + i + 1, row.active, row.search_text)
        for (const id of campaignIds) campaignLinks.add([row.id, id, refs.tenantId])
        for (const id of teamIds) teamLinks.add([row.id, id, refs.tenantId])
        identities.forEach((x, position) => identityRows.add([x.id, refs.tenantId, row.id, x.environment, x.environment_key, x.username, x.username_key, position]))
        result.campaignLinks += campaignIds.length
        result.teamLinks += teamIds.length
        result.identities += identities.length
        if (i % every === 0) result.sampleIds.push(row.id)
        // Users before their links, which refer to them.
        if (users.pending === 20 || i === to - 1) {
          users.write(true)
          for (const links of [campaignLinks, teamLinks, identityRows]) links.write(i === to - 1)
        }
      }
    })
    const started = performance.now()
    for (let from = 0; from < total; from += BATCH * 5) {
      insertBatch(from, Math.min(total, from + BATCH * 5))
      progress('sqlite insert', Math.min(total, from + BATCH * 5), total, started)
    }
    const dictionary = multiRowInserter(db, 'search_words', ['id', 'tenant_id', 'word'], 100)
    const postings = multiRowInserter(db, 'user_words', ['word_id', 'active', 'user_pk'], 300)
    db.transaction(() => {
      for (const [id, word] of words.newWords) dictionary.add([id, refs.tenantId, word])
      dictionary.write(true)
      for (const posting of words.sorted()) {
        postings.add(posting)
        if (postings.pending === 3000) postings.write()
      }
      postings.write(true)
    })()
    result.words = words.newWords.length
    result.postings = words.count
    result.insertSeconds = (performance.now() - started) / 1000

    const indexing = performance.now()
    const timed = (name: string, run: () => void) => {
      const t = performance.now()
      run()
      if (process.env.SEED_TIMINGS) console.log(`    ${name}: ${((performance.now() - t) / 1000).toFixed(2)} s`)
    }
    // CREATE INDEX sorts in memory-sized runs, handing each to the second core; a cache as big as
    // the table makes it one run sorted on one core (measured: 2.0 s instead of 1.6 s per index).
    db.pragma('cache_size = -20000')
    for (const o of objects) if (o.type === 'index') timed(o.name, () => db.exec(o.sql))
    db.pragma('cache_size = -2000000')
    // The triggers were off during the load: build the dictionary's external-content index in one pass instead.
    timed('search_words_fts', () => db.exec(`insert into search_words_fts(search_words_fts) values('rebuild')`))
    for (const o of objects) if (o.type === 'trigger') db.exec(o.sql)
    result.indexSeconds = (performance.now() - indexing) / 1000

    const analyzing = performance.now()
    // Statistics from a sample of each index, as PRAGMA optimize gathers them: the planner needs the
    // shape of the data, not exact counts (with the checkpoint, 4.7 s -> 2.4 s at 1,000,000 users).
    db.pragma('analysis_limit = 1000')
    db.exec('analyze')
    db.pragma('wal_checkpoint(TRUNCATE)')
    result.analyzeSeconds = (performance.now() - analyzing) / 1000
    return result
  } finally {
    db.close()
  }
}

/**
 * Collects rows and inserts them `perStatement` at a time with one prepared multi-row INSERT (a
 * statement call costs more than a row). write() inserts the full statements' worth and keeps the
 * rest; write(true) inserts everything.
 */
function multiRowInserter(db: SQLite.Database, table: string, columns: readonly string[], perStatement: number) {
  const statement = (rows: number) => db.prepare(
    `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
  )
  const full = statement(perStatement)
  const single = statement(1)
  let pending: unknown[][] = []
  return {
    get pending() { return pending.length },
    add(row: unknown[]) { pending.push(row) },
    write(all = false) {
      let at = 0
      for (; at + perStatement <= pending.length; at += perStatement) full.run(pending.slice(at, at + perStatement).flat())
      if (all) for (; at < pending.length; at++) single.run(pending[at])
      pending = pending.slice(at)
    },
  }
}

/** `insert … select * from unnest($1::text[], …)`: one statement and one round trip per batch. */
function unnestInsert(table: string, columns: readonly string[], types: readonly string[]): string {
  return `insert into ${table} (${columns.join(', ')}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`
}

export async function seedPostgres(url: string, schema: string, refs: SeedRefs, total: number): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` })
  await client.connect()
  try {
    await client.query(`set maintenance_work_mem = '1GB'`)
    await client.query('set synchronous_commit = off')
    // Indexes that back no constraint can go during the load; the unique constraint on users.id stays
    // (the links' foreign keys need it).
    const { rows: indexes } = await client.query<{ indexdef: string; indexname: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = $1 and i.tablename = any($2)
          and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
      [schema, LINK_TABLES],
    )
    for (const index of indexes) await client.query(`drop index ${schema}.${index.indexname}`)
    // The postings go in after the users, sorted; their key and foreign key are made again afterwards.
    await client.query('alter table user_words drop constraint user_words_pkey')
    await client.query('alter table user_words disable trigger all')

    const basePk = Number((await client.query<{ n: string }>('select coalesce(max(pk), 0) as n from users')).rows[0]!.n)
    const words = new WordIndex(Number((await client.query<{ n: string }>('select coalesce(max(id), 0) as n from search_words')).rows[0]!.n) + 1)
    const userSql = unnestInsert('users', ['pk', ...USER_COLUMNS], ['int8', ...USER_COLUMNS.map((c) => (USER_INT8_COLUMNS.has(c) ? 'int8' : USER_INT4_COLUMNS.has(c) ? 'int4' : 'text'))])
    const campaignSql = unnestInsert('user_campaigns', ['user_id', 'campaign_id', 'tenant_id'], ['text', 'text', 'text'])
    const teamSql = unnestInsert('user_teams', ['user_id', 'team_id', 'tenant_id'], ['text', 'text', 'text'])
    const identitySql = unnestInsert('user_identities', ['id', 'tenant_id', 'user_id', 'environment', 'environment_key', 'username', 'username_key', 'position'],
      ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'int4'])

    const result: SeedResult = { users: total, campaignLinks: 0, teamLinks: 0, identities: 0, insertSeconds: 0, indexSeconds: 0, analyzeSeconds: 0, countSeconds: 0, sampleIds: [], words: 0, postings: 0 }
    const every = sampleEvery(total)
    const next = userGenerator(refs, total)
    const started = performance.now()
    for (let from = 0; from < total; from += BATCH) {
      const to = Math.min(total, from + BATCH)
      const users: SeedUser[] = []
      for (let i = from; i < to; i++) {
        const user = next(i)
        users.push(user)
        words.add(basePk + i + 1, user.row.active, user.row.search_text)
      }
      const columns = [users.map((_, k) => basePk + from + k + 1), ...USER_COLUMNS.map((c) => users.map((u) => u.row[c]))]
      const campaignLinks = users.flatMap((u) => u.campaignIds.map((id) => [u.row.id, id]))
      const teamLinks = users.flatMap((u) => u.teamIds.map((id) => [u.row.id, id]))
      const identities = users.flatMap((u) => u.identities.map((x, position) => ({ ...x, user_id: u.row.id, position })))
      await client.query('begin')
      await client.query(userSql, columns)
      await client.query(campaignSql, [campaignLinks.map((l) => l[0]), campaignLinks.map((l) => l[1]), campaignLinks.map(() => refs.tenantId)])
      await client.query(teamSql, [teamLinks.map((l) => l[0]), teamLinks.map((l) => l[1]), teamLinks.map(() => refs.tenantId)])
      await client.query(identitySql, [
        identities.map((x) => x.id), identities.map(() => refs.tenantId), identities.map((x) => x.user_id), identities.map((x) => x.environment),
        identities.map((x) => x.environment_key), identities.map((x) => x.username), identities.map((x) => x.username_key), identities.map((x) => x.position),
      ])
      await client.query('commit')
      result.campaignLinks += campaignLinks.length
      result.teamLinks += teamLinks.length
      result.identities += identities.length
      users.forEach((u, k) => { if ((from + k) % every === 0) result.sampleIds.push(u.row.id) })
      progress('postgres insert', to, total, started)
    }
    await client.query(`select setval(pg_get_serial_sequence('users', 'pk'), $1)`, [basePk + total])
    const dictionarySql = unnestInsert('search_words', ['id', 'tenant_id', 'word'], ['int8', 'text', 'text'])
    for (let at = 0; at < words.newWords.length; at += 50_000) {
      const slice = words.newWords.slice(at, at + 50_000)
      await client.query(dictionarySql, [slice.map((w) => w[0]), slice.map(() => refs.tenantId), slice.map((w) => w[1])])
    }
    if (words.newWords.length) await client.query(`select setval(pg_get_serial_sequence('search_words', 'id'), $1)`, [words.newWords[words.newWords.length - 1]![0]])
    const postingSql = unnestInsert('user_words', ['word_id', 'active', 'user_pk'], ['int8', 'int4', 'int8'])
    let batch: Array<[number, number, number]> = []
    const writePostings = async () => {
      await client.query(postingSql, [batch.map((p) => p[0]), batch.map((p) => p[1]), batch.map((p) => p[2])])
      batch = []
    }
    for (const posting of words.sorted()) {
      batch.push(posting)
      if (batch.length === 100_000) await writePostings()
    }
    if (batch.length) await writePostings()
    result.words = words.newWords.length
    result.postings = words.count
    result.insertSeconds = (performance.now() - started) / 1000

    const indexing = performance.now()
    await client.query('alter table user_words add primary key (word_id, active, user_pk)')
    await client.query('alter table user_words enable trigger all')
    for (const index of indexes) await client.query(index.indexdef)
    result.indexSeconds = (performance.now() - indexing) / 1000

    // VACUUM as well as ANALYZE: it sets the visibility map, as autovacuum does for an insert-only
    // table in steady state, so that index-only scans are measured as production would see them.
    const analyzing = performance.now()
    for (const table of [...LINK_TABLES, 'tenants', 'roles', 'campaigns', 'teams', 'api_keys']) await client.query(`vacuum (analyze) ${table}`)
    result.analyzeSeconds = (performance.now() - analyzing) / 1000
    return result
  } finally {
    await client.end()
  }
}
