// Skills and profiles (Puzzel, Genesys): a tenant defines skills; a profile is a named set of skills
// with levels. Group profiles belong to a user group and are offered to its users, each switched on
// or off per user (only the "off" switches are stored: a new group profile is on for everyone);
// personal profiles belong to one user. profile_skills is indexed by skill and level for the search
// "users with skill S at level L or better".
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const key = pg ? 'text collate "C"' : 'text'
  const int8 = pg ? 'bigint' : 'integer'
  for (const statement of [
    `create table skills (
      id ${key} primary key,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      name text not null,
      name_key text not null,
      description text not null,
      created_at ${int8} not null,
      updated_at ${int8} not null,
      version integer not null)`,
    `create unique index skills_tenant_name_key on skills (tenant_id, name_key)`,
    `create table profiles (
      id ${key} primary key,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      name text not null,
      name_key text not null,
      group_id ${key} references user_groups(id) on delete cascade,
      user_id ${key} references users(id) on delete cascade,
      created_at ${int8} not null,
      updated_at ${int8} not null,
      version integer not null,
      check ((group_id is null) <> (user_id is null)))`,
    `create index profiles_tenant on profiles (tenant_id, name_key)`,
    `create index profiles_group on profiles (group_id) where group_id is not null`,
    `create index profiles_user on profiles (user_id) where user_id is not null`,
    `create table profile_skills (
      profile_id ${key} not null references profiles(id) on delete cascade,
      skill_id ${key} not null references skills(id) on delete cascade,
      level integer not null,
      primary key (profile_id, skill_id))`,
    `create index profile_skills_skill on profile_skills (skill_id, level)`,
    `create table user_profiles_off (
      user_id ${key} not null references users(id) on delete cascade,
      profile_id ${key} not null references profiles(id) on delete cascade,
      primary key (user_id, profile_id))`,
    `create index user_profiles_off_profile on user_profiles_off (profile_id)`,
  ]) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
