// Avatars (Connectel): one picture per user, stored as the small square thumbnail the service made
// of the upload (never the upload itself), in a table of its own so that the users rows the
// directory reads stay narrow. users.avatar_version mirrors the picture's version (null: none), so
// that the users list can name the picture's URL without a join.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const key = pg ? 'text collate "C"' : 'text'
  const int8 = pg ? 'bigint' : 'integer'
  const bytes = pg ? 'bytea' : 'blob'
  for (const statement of [
    `create table user_avatars (
      user_id ${key} primary key references users(id) on delete cascade,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      content_type text not null,
      image ${bytes} not null,
      size integer not null,
      updated_at ${int8} not null,
      version ${int8} not null)`,
    `create index user_avatars_tenant on user_avatars (tenant_id)`,
    `alter table users add column avatar_version ${int8}`,
  ]) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
