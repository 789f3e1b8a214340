import { sql, type Kysely, type Selectable } from 'kysely'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'
import type { Database, ProfilesTable, SkillsTable } from '../db/types.js'

export type SkillRow = Selectable<SkillsTable>
export type ProfileRow = Selectable<ProfilesTable>
export interface ProfileSkillRow { profile_id: string; skill_id: string; skill_name: string; level: number }

// ---------- skills ----------

export const findSkillById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('skills').selectAll().where('id', '=', id), lock).executeTakeFirst()

export const findSkillsOfTenant = (db: Kysely<Database>, tenantId: string, ids: string[]) =>
  ids.length ? db.selectFrom('skills').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([])

export async function insertSkill(db: Kysely<Database>, row: SkillRow): Promise<void> {
  await db.insertInto('skills').values(row).execute()
}

export async function updateSkillRow(db: Kysely<Database>, id: string, version: number, changes: Partial<SkillRow>): Promise<boolean> {
  const result = await db.updateTable('skills').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteSkillRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('profile_skills').where('skill_id', '=', id).execute()
  await db.deleteFrom('skills').where('id', '=', id).execute()
}

export function skillListQuery(db: Kysely<Database>, filter: { tenantId: string | null; q?: string }) {
  let query = db.selectFrom('skills')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.q) query = query.where(likeContains('name_key', filter.q))
  return query
}

// ---------- profiles ----------

export const findProfileById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('profiles').selectAll().where('id', '=', id), lock).executeTakeFirst()

/** A profile of the same owner (group or user) with this name, other than `exceptId`. */
export const findProfileByName = (db: Kysely<Database>, owner: { group_id: string | null; user_id: string | null }, nameKey: string, exceptId: string | null) => {
  let query = db.selectFrom('profiles').select('id').where('name_key', '=', nameKey)
  query = owner.group_id ? query.where('group_id', '=', owner.group_id) : query.where('user_id', '=', owner.user_id)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return query.executeTakeFirst()
}

export interface ProfileFilter {
  tenantId: string | null
  groupId?: string
  userId?: string
  /** Restrict view: personal profiles only of oneself and of users linked to one of these campaigns. */
  personalWithin?: { campaignIds: string[]; selfId: string }
}

export function profileListQuery(db: Kysely<Database>, filter: ProfileFilter) {
  let query = db.selectFrom('profiles')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.groupId) query = query.where('group_id', '=', filter.groupId)
  if (filter.userId) query = query.where('user_id', '=', filter.userId)
  const within = filter.personalWithin
  if (within) {
    query = query.where((eb) => eb.or([
      eb('user_id', 'is', null),
      eb('user_id', '=', within.selfId),
      ...(within.campaignIds.length ? [eb('user_id', 'in', eb.selectFrom('user_campaigns').select('user_id').where('campaign_id', 'in', within.campaignIds))] : []),
    ]))
  }
  return query
}

/** The group's profiles and the user's own, in name order. */
export const findProfilesOf = (db: Kysely<Database>, userId: string, groupId: string) =>
  db.selectFrom('profiles').selectAll()
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('group_id', '=', groupId)]))
    .orderBy('name_key').orderBy('id').execute()

export async function findProfileSkills(db: Kysely<Database>, profileIds: string[]): Promise<ProfileSkillRow[]> {
  if (!profileIds.length) return []
  return db.selectFrom('profile_skills as ps').innerJoin('skills as s', 's.id', 'ps.skill_id')
    .select(['ps.profile_id', 'ps.skill_id', 's.name as skill_name', 'ps.level'])
    .where('ps.profile_id', 'in', profileIds).orderBy('s.name_key').execute()
}

/** Agents logged on to the queues with these profiles now, per profile. */
export async function countAgentsLoggedOn(db: Kysely<Database>, profileIds: string[]): Promise<Map<string, number>> {
  if (!profileIds.length) return new Map()
  const rows = await db.selectFrom('users').select(['presence_profile_id', (eb) => eb.fn.countAll().as('n')])
    .where('presence_state', '=', 'logged_on').where('presence_profile_id', 'in', profileIds).groupBy('presence_profile_id').execute()
  return new Map(rows.map((r) => [r.presence_profile_id!, Number(r.n)]))
}

export async function insertProfile(db: Kysely<Database>, row: ProfileRow): Promise<void> {
  await db.insertInto('profiles').values(row).execute()
}

export async function updateProfileRow(db: Kysely<Database>, id: string, version: number, changes: Partial<ProfileRow>): Promise<boolean> {
  const result = await db.updateTable('profiles').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function replaceProfileSkills(db: Kysely<Database>, profileId: string, skills: Array<{ skillId: string; level: number }>): Promise<void> {
  await db.deleteFrom('profile_skills').where('profile_id', '=', profileId).execute()
  if (skills.length) await db.insertInto('profile_skills').values(skills.map((s) => ({ profile_id: profileId, skill_id: s.skillId, level: s.level }))).execute()
}

/** Deletes a profile; agents logged on with it keep their presence, without a profile. */
export async function deleteProfileRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('users').set({ presence_profile_id: null }).where('presence_profile_id', '=', id).execute()
  await db.deleteFrom('profiles').where('id', '=', id).execute()
}

// ---------- a user's switches ----------

export const findProfilesOff = async (db: Kysely<Database>, userId: string): Promise<Set<string>> =>
  new Set((await db.selectFrom('user_profiles_off').select('profile_id').where('user_id', '=', userId).execute()).map((r) => r.profile_id))

export async function setProfileSwitch(db: Kysely<Database>, userId: string, profileId: string, enabled: boolean): Promise<void> {
  await db.deleteFrom('user_profiles_off').where('user_id', '=', userId).where('profile_id', '=', profileId).execute()
  if (!enabled) await db.insertInto('user_profiles_off').values({ user_id: userId, profile_id: profileId }).execute()
}

/** A user left a group: the switches of its profiles go with it. */
export async function dropSwitchesOfGroup(db: Kysely<Database>, userId: string, groupId: string): Promise<void> {
  await db.deleteFrom('user_profiles_off').where('user_id', '=', userId)
    .where('profile_id', 'in', db.selectFrom('profiles').select('id').where('group_id', '=', groupId)).execute()
}

/** Whether a profile is the user's to log on with: their own, or their group's and switched on. */
export async function isProfileAvailable(db: Kysely<Database>, userId: string, groupId: string, profileId: string): Promise<boolean> {
  const row = await db.selectFrom('profiles as p').select('p.id')
    .where('p.id', '=', profileId)
    .where((eb) => eb.or([eb('p.user_id', '=', userId), eb('p.group_id', '=', groupId)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('user_profiles_off as o').select(sql.lit(1).as('one')).where('o.user_id', '=', userId).whereRef('o.profile_id', '=', 'p.id'))))
    .executeTakeFirst()
  return row !== undefined
}
