// User groups (Puzzel): every user belongs to exactly one group of the tenant, and inherits the
// group's properties (language, wrap-up time-out and maximum concurrent contacts per channel, and
// resource filters: the campaigns the user may serve) unless a user-specific value is set. Each
// tenant starts with a default group, which every existing user joins. Managing groups is a new
// permission (groups:manage; skills:manage for the skills and profiles that follow), given to the
// built-in Administrators and Contact Centre Managers.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'
import { newId } from '../ids.js'
import { grantToBuiltinRoles } from './grant.js'

// The values a new group starts with (as src/groups/properties.ts has them today).
const DEFAULT_PROPERTIES = {
  language: null, wrapUpSecondsPhone: 30, wrapUpSecondsChat: 30, wrapUpSecondsEmail: 60,
  maxContactsPhone: 1, maxContactsChat: 3, maxContactsEmail: 5,
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const key = pg ? 'text collate "C"' : 'text'
  const int8 = pg ? 'bigint' : 'integer'
  for (const statement of [
    `create table user_groups (
      id ${key} primary key,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      name text not null,
      name_key text not null,
      description text not null,
      is_default integer not null,
      properties text not null,
      resource_filter_ids text not null,
      created_at ${int8} not null,
      updated_at ${int8} not null,
      version integer not null)`,
    `create unique index user_groups_tenant_name_key on user_groups (tenant_id, name_key)`,
    `create unique index user_groups_one_default on user_groups (tenant_id) where is_default = 1`,
    `alter table users add column group_id ${key} references user_groups(id)`,
    `alter table users add column property_overrides text not null default '{}'`,
    `alter table users add column resource_filter_ids text not null default '[]'`,
    `create index users_group on users (group_id)`,
  ]) await sql.raw(statement).execute(db)
  const now = Date.now()
  const tenants = await db.selectFrom('tenants').select('id').execute()
  for (const tenant of tenants) {
    const id = newId(now)
    await db.insertInto('user_groups').values({
      id, tenant_id: tenant.id, name: 'Default', name_key: 'default', description: '', is_default: 1,
      properties: JSON.stringify(DEFAULT_PROPERTIES), resource_filter_ids: '[]', created_at: now, updated_at: now, version: 1,
    }).execute()
    await db.updateTable('users').set({ group_id: id }).where('tenant_id', '=', tenant.id).execute()
  }
  // Users are counted per group like per role, for the group filter's totals and the groups' sizes.
  await sql`insert into user_counts (tenant_id, scope, scope_id, active, n)
    select tenant_id, 'group', group_id, active, count(*) from users group by tenant_id, group_id, active`.execute(db)
  // Skills and profiles (the next migration) get their permission here too: one change of the built-in roles.
  await grantToBuiltinRoles(db, ['administrator', 'contact-centre-manager'], ['groups:manage', 'skills:manage'])
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
