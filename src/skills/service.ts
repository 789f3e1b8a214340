// Skills, the tenant's skill-level scale (settings.skillLevels) and profiles: named sets of skills
// with levels, a group's (offered to its users, each switched on or off per user) or one user's.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, resolveTenantScope, restrictedCampaigns, targetTenantId, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { isId, newId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { FieldErrors, notFound, Problem } from '../http/problem.js'
import { iso } from '../http/schemas.js'
import { visibleGroup } from '../groups/service.js'
import { defaultSettings, tenantSettingsOf } from '../tenants/service.js'
import type { UserRow } from '../users/queries.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { profileInUse, skillNameTaken } from './errors.js'
import {
  countAgentsLoggedOn, deleteProfileRow, deleteSkillRow, findProfileById, findProfileByName, findProfileSkills, findProfilesOf, findProfilesOff,
  findSkillById, findSkillsOfTenant, insertProfile, insertSkill, profileListQuery, replaceProfileSkills, setProfileSwitch, skillListQuery,
  updateProfileRow, updateSkillRow, type ProfileFilter, type ProfileRow, type ProfileSkillRow, type SkillRow,
} from './queries.js'
import type {
  ConfirmQuery, Profile, ProfileCreate, ProfileListQuery, ProfilePatch, Skill, SkillCreate, SkillListQuery, SkillPatch, UserSkills, UserSkillsPatch,
} from './schema.js'

// ---------- skills ----------

const toSkill = (row: SkillRow): Skill => ({
  id: row.id, tenantId: row.tenant_id, name: row.name, description: row.description, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version,
})

function skillNameTakenOr(error: unknown): never {
  if (violatedUniqueIndex(error) === 'skills_tenant_name_key') throw skillNameTaken()
  throw error
}

const visibleSkill = async (db: Kysely<Database>, ctx: Context, id: string, lock = false) =>
  visibleOr404(ctx, isId(id) ? await findSkillById(db, id, lock) : undefined, 'skill')

export async function listSkills(db: DB, ctx: Context, query: SkillListQuery) {
  authorize(ctx, 'users:read')
  const filter = { tenantId: await resolveTenantScope(db, ctx, query.tenant), q: query.q }
  const page = await paginate({
    rows: skillListQuery(db, filter).selectAll(),
    count: async () => Number((await skillListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query, dialect: dialectOf(db), cursorOf: (row) => [row.name_key, row.id],
  })
  // The scale of the tenant listed (a platform administrator listing every tenant: the default scale).
  const maxLevel = filter.tenantId ? (await tenantSettingsOf(db, filter.tenantId)).skillLevels.max : defaultSettings().skillLevels.max
  return { ...page, items: page.items.map(toSkill), maxLevel }
}

export async function getSkill(db: DB, ctx: Context, id: string): Promise<Skill> {
  authorize(ctx, 'users:read')
  return toSkill(await visibleSkill(db, ctx, id))
}

export async function createSkill(db: DB, ctx: Context, input: SkillCreate): Promise<Skill> {
  authorize(ctx, 'skills:manage')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  return db.transaction().execute(async (trx) => {
    const now = Date.now()
    const row: SkillRow = { id: newId(now), tenant_id: tenantId, name: input.name, name_key: caseKey(input.name), description: input.description ?? '', created_at: now, updated_at: now, version: 1 }
    await insertSkill(trx, row).catch(skillNameTakenOr)
    await recordAudit(trx, ctx, { tenantId, action: 'skill.create', entityType: 'skill', entityId: row.id, changes: diff(null, { name: row.name, description: row.description }) })
    return toSkill(row)
  })
}

export async function updateSkill(db: DB, ctx: Context, id: string, patch: SkillPatch, expected: number | undefined): Promise<Skill> {
  authorize(ctx, 'skills:manage')
  return db.transaction().execute(async (trx) => {
    const row = await visibleSkill(trx, ctx, id, true)
    checkVersion(row.version, expected)
    const name = patch.name ?? row.name
    const changes = { name, name_key: caseKey(name), description: patch.description ?? row.description, updated_at: Date.now() }
    if (!(await updateSkillRow(trx, row.id, row.version, changes).catch(skillNameTakenOr))) throw versionConflict()
    await recordAudit(trx, ctx, {
      tenantId: row.tenant_id, action: 'skill.update', entityType: 'skill', entityId: row.id,
      changes: diff({ name: row.name, description: row.description }, { name: changes.name, description: changes.description }),
    })
    return toSkill({ ...row, ...changes, version: row.version + 1 })
  })
}

/** Deletes a skill; the profiles that had it lose it. */
export async function deleteSkill(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'skills:manage')
  await db.transaction().execute(async (trx) => {
    const row = await visibleSkill(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await deleteSkillRow(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'skill.delete', entityType: 'skill', entityId: row.id, changes: diff({ name: row.name, description: row.description }, null) })
  })
}

// ---------- profiles ----------

const skillsOf = (rows: ProfileSkillRow[], profileId: string) =>
  rows.filter((r) => r.profile_id === profileId).map((r) => ({ skillId: r.skill_id, skillName: r.skill_name, level: r.level }))

async function toProfiles(db: Kysely<Database>, rows: ProfileRow[]): Promise<Profile[]> {
  const ids = rows.map((r) => r.id)
  const [skills, loggedOn] = await Promise.all([findProfileSkills(db, ids), countAgentsLoggedOn(db, ids)])
  return rows.map((row) => ({
    id: row.id, tenantId: row.tenant_id, name: row.name, kind: row.group_id ? 'group' : 'personal', groupId: row.group_id, userId: row.user_id,
    skills: skillsOf(skills, row.id), agentsLoggedOn: loggedOn.get(row.id) ?? 0,
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version,
  }))
}

const toProfile = async (db: Kysely<Database>, row: ProfileRow) => (await toProfiles(db, [row]))[0]!

const auditView = (p: Profile) => ({ name: p.name, skills: p.skills.map((s) => `${s.skillName}:${s.level}`) })

/**
 * The profile if the caller may see it: its tenant's, and for a personal one, of a user the caller
 * sees (that user is returned too, for the rules of changing it).
 */
async function visibleProfile(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<{ row: ProfileRow; owner: UserRow | null }> {
  const row = visibleOr404(ctx, isId(id) ? await findProfileById(db, id, lock) : undefined, 'profile')
  if (!row.user_id) return { row, owner: null }
  const owner = await findVisibleUser(db, ctx, row.user_id).catch((error: unknown) => {
    throw error instanceof Problem && error.status === 404 ? notFound('profile') : error
  })
  return { row, owner }
}

/** A personal profile is part of its user: changing it follows the rules for changing that user. */
async function checkMayChangeProfiles(db: Kysely<Database>, ctx: Context, owner: UserRow | null): Promise<void> {
  if (owner) await checkMayManage(db, ctx, owner, 'change the profiles of')
}

/** The owner (group or user) has no other profile of this name. */
async function checkProfileName(db: Kysely<Database>, owner: Pick<ProfileRow, 'group_id' | 'user_id'>, name: string, exceptId: string | null, errors: FieldErrors): Promise<void> {
  if (await findProfileByName(db, owner, caseKey(name), exceptId)) errors.add('name', 'profile_name_taken', 'This group or user already has a profile with this name.')
}

/** Skills of the tenant, each once, at levels of the tenant's scale; all failures at once. */
async function checkSkills(db: Kysely<Database>, tenantId: string, skills: Array<{ skillId: string; level: number }>, errors: FieldErrors): Promise<void> {
  const { max } = (await tenantSettingsOf(db, tenantId)).skillLevels
  const known = await findSkillsOfTenant(db, tenantId, [...new Set(skills.map((s) => s.skillId))])
  skills.forEach((s, i) => {
    if (!known.some((k) => k.id === s.skillId)) errors.add(`skills[${i}].skillId`, 'unknown_skill', 'No such skill in this tenant.')
    else if (skills.findIndex((o) => o.skillId === s.skillId) < i) errors.add(`skills[${i}].skillId`, 'duplicate', 'This skill is listed twice.')
    if (s.level > max) errors.add(`skills[${i}].level`, 'out_of_range', `Levels run from 0 (member only) to ${max}.`)
  })
}

export async function listProfiles(db: DB, ctx: Context, query: ProfileListQuery) {
  authorize(ctx, 'users:read')
  const tenantId = await resolveTenantScope(db, ctx, query.tenant)
  if (query.user) await findVisibleUser(db, ctx, query.user)
  const campaignIds = await restrictedCampaigns(db, ctx)
  const filter: ProfileFilter = {
    tenantId, ...(query.group ? { groupId: query.group } : {}), ...(query.user ? { userId: query.user } : {}),
    ...(campaignIds ? { personalWithin: { campaignIds, selfId: ctx.actor.userId } } : {}),
  }
  const page = await paginate({
    rows: profileListQuery(db, filter).selectAll(),
    count: async () => Number((await profileListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query, dialect: dialectOf(db), cursorOf: (row) => [row.name_key, row.id],
  })
  return { ...page, items: await toProfiles(db, page.items) }
}

export async function getProfile(db: DB, ctx: Context, id: string): Promise<Profile> {
  authorize(ctx, 'users:read')
  return toProfile(db, (await visibleProfile(db, ctx, id)).row)
}

export async function createProfile(db: DB, ctx: Context, input: ProfileCreate): Promise<Profile> {
  authorize(ctx, 'skills:manage')
  return db.transaction().execute(async (trx) => {
    const errors = new FieldErrors()
    if ((input.groupId === undefined) === (input.userId === undefined)) {
      errors.add('groupId', 'one_owner', 'Name either groupId (a group profile) or userId (a personal profile).')
      errors.throwIfAny()
    }
    const user = input.userId !== undefined ? await findVisibleUser(trx, ctx, input.userId) : null
    await checkMayChangeProfiles(trx, ctx, user)
    const owner = user
      ? { tenant_id: user.tenant_id, group_id: null, user_id: user.id }
      : { tenant_id: (await visibleGroup(trx, ctx, input.groupId!)).tenant_id, group_id: input.groupId!, user_id: null }
    await checkSkills(trx, owner.tenant_id, input.skills ?? [], errors)
    await checkProfileName(trx, owner, input.name, null, errors)
    errors.throwIfAny()
    const now = Date.now()
    const row: ProfileRow = { id: newId(now), ...owner, name: input.name, name_key: caseKey(input.name), created_at: now, updated_at: now, version: 1 }
    await insertProfile(trx, row)
    await replaceProfileSkills(trx, row.id, input.skills ?? [])
    const profile = await toProfile(trx, row)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'profile.create', entityType: 'profile', entityId: row.id, changes: diff(null, { ...auditView(profile), groupId: row.group_id, userId: row.user_id }) })
    return profile
  })
}

export async function updateProfile(db: DB, ctx: Context, id: string, patch: ProfilePatch, query: ConfirmQuery, expected: number | undefined): Promise<Profile> {
  authorize(ctx, 'skills:manage')
  return db.transaction().execute(async (trx) => {
    const { row, owner } = await visibleProfile(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await checkMayChangeProfiles(trx, ctx, owner)
    const before = await toProfile(trx, row)
    if (before.agentsLoggedOn > 0 && !query.confirm) throw profileInUse(before.agentsLoggedOn)
    const errors = new FieldErrors()
    if (patch.skills) await checkSkills(trx, row.tenant_id, patch.skills, errors)
    const name = patch.name ?? row.name
    if (patch.name) await checkProfileName(trx, row, name, row.id, errors)
    errors.throwIfAny()
    const changes = { name, name_key: caseKey(name), updated_at: Date.now() }
    if (!(await updateProfileRow(trx, row.id, row.version, changes))) throw versionConflict()
    if (patch.skills) await replaceProfileSkills(trx, row.id, patch.skills)
    const after = await toProfile(trx, { ...row, ...changes, version: row.version + 1 })
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'profile.update', entityType: 'profile', entityId: row.id, changes: diff(auditView(before), auditView(after)) })
    return after
  })
}

export async function deleteProfile(db: DB, ctx: Context, id: string, query: ConfirmQuery, expected: number | undefined): Promise<void> {
  authorize(ctx, 'skills:manage')
  await db.transaction().execute(async (trx) => {
    const { row, owner } = await visibleProfile(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await checkMayChangeProfiles(trx, ctx, owner)
    const before = await toProfile(trx, row)
    if (before.agentsLoggedOn > 0 && !query.confirm) throw profileInUse(before.agentsLoggedOn)
    await deleteProfileRow(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'profile.delete', entityType: 'profile', entityId: row.id, changes: diff(auditView(before), null) })
  })
}

// ---------- a user's skills ----------

async function userSkillsOf(db: Kysely<Database>, userId: string, groupId: string): Promise<UserSkills> {
  const profiles = await findProfilesOf(db, userId, groupId)
  const [skills, off] = await Promise.all([findProfileSkills(db, profiles.map((p) => p.id)), findProfilesOff(db, userId)])
  const listed = profiles.map((p) => ({ id: p.id, name: p.name, kind: p.group_id ? 'group' as const : 'personal' as const, enabled: !off.has(p.id), skills: skillsOf(skills, p.id) }))
  const best = new Map<string, { skillId: string; skillName: string; level: number }>()
  for (const skill of listed.filter((p) => p.enabled).flatMap((p) => p.skills)) {
    if ((best.get(skill.skillId)?.level ?? -1) < skill.level) best.set(skill.skillId, skill)
  }
  return { userId, profiles: listed, effective: [...best.values()].sort((a, b) => a.skillName.localeCompare(b.skillName)) }
}

export async function getUserSkills(db: DB, ctx: Context, userId: string): Promise<UserSkills> {
  authorize(ctx, 'users:read')
  const user = await findVisibleUser(db, ctx, userId)
  return userSkillsOf(db, user.id, user.group_id)
}

/** Switches profiles on or off for one user (Puzzel's check boxes), audited as a change of the user. */
export async function switchUserProfiles(db: DB, ctx: Context, userId: string, patch: UserSkillsPatch): Promise<UserSkills> {
  authorize(ctx, 'users:write')
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'change')
    const before = await userSkillsOf(trx, user.id, user.group_id)
    const errors = new FieldErrors()
    for (const id of Object.keys(patch.profiles)) {
      if (!before.profiles.some((p) => p.id === id)) errors.add(`profiles.${id}`, 'unknown_profile', 'Not a profile of this user or their group.')
    }
    errors.throwIfAny()
    for (const [id, enabled] of Object.entries(patch.profiles)) await setProfileSwitch(trx, user.id, id, enabled)
    const after = await userSkillsOf(trx, user.id, user.group_id)
    const onOff = (s: UserSkills) => Object.fromEntries(s.profiles.map((p) => [`profile ${p.name}`, p.enabled]))
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.profiles_update', entityType: 'user', entityId: user.id, changes: diff(onOff(before), onOff(after)) })
    return after
  })
}
