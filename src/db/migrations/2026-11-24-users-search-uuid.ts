// PostgreSQL: the narrow search copy (users_search) keeps its tenant as a 16-byte uuid instead of
// 37 bytes of text. Counting text matches reads these rows by the tens of thousands, and at a
// million users the table no longer fits PostgreSQL's default 128 MB of shared buffers otherwise.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  const statements = [
    `alter table users_search alter column tenant_id type uuid using tenant_id::uuid`,
    `create or replace function users_search_sync() returns trigger language plpgsql as $$
       begin
         insert into users_search (pk, tenant_id, active, search_text) values (new.pk, new.tenant_id::uuid, new.active, new.search_text)
         on conflict (pk) do update set tenant_id = excluded.tenant_id, active = excluded.active, search_text = excluded.search_text;
         return null;
       end $$`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
