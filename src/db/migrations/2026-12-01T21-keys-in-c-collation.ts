// PostgreSQL: identifiers and keys (ids, tenant ids, username and email keys, slugs, words) compare
// byte by byte. Under the database's collation (C.UTF-8 here, which PostgreSQL 15 does not take for
// "C") every comparison in an index descent went through the C library's collation; with COLLATE
// "C", 4,391 lookups of users by id took 26 ms instead of 46 ms (docs/benchmarks.md). The order is
// the same for these columns (code points), and it is SQLite's binary order, so both engines sort
// keys alike. Names keep their ICU collation.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = current_schema() and c.data_type = 'text' and c.collation_name is null
       and c.table_name not like 'kysely_%'
     order by c.table_name, c.ordinal_position`.execute(db)
  const byTable = new Map<string, string[]>()
  for (const row of rows) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row.column_name])
  for (const [table, columns] of byTable) {
    const changes = columns.map((c) => `alter column "${c}" type text collate "C"`)
    await sql.raw(`alter table "${table}" ${changes.join(', ')}`).execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
