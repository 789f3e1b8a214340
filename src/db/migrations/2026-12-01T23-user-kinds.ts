// Kinds of account (Puzzel's user types): agent, the people; wallboard, bot and api, accounts of
// machines, which sign in with API keys only. Counted in user_counts like roles, so that the list
// filtered by kind (and by quality monitoring) has its total in one read; indexed by tenant and
// kind, so that the few machine accounts of a tenant are found without walking its people.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const statements = [
    `alter table users add column kind ${pg ? 'text collate "C"' : 'text'} not null default 'agent'`,
    `create index users_kind on users (tenant_id, kind)`,
    `insert into user_counts (tenant_id, scope, scope_id, active, n)
       select tenant_id, 'kind', kind, active, count(*) from users group by tenant_id, kind, active`,
    `insert into user_counts (tenant_id, scope, scope_id, active, n)
       select tenant_id, 'quality', '', active, count(*) from users where quality_monitoring = 1 group by tenant_id, active`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
