import Type, { type Static } from 'typebox'
import { Id, Nullable, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

const Name = Type.String({ minLength: 1, maxLength: 100 })
const TenantRef = Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' }))

export const Skill = Type.Object({
  id: Id, tenantId: Id, name: Type.String(), description: Type.String(),
  createdAt: Timestamp, updatedAt: Timestamp, version: Type.Integer(),
})
export type Skill = Static<typeof Skill>

export const SkillCreate = Type.Object({
  tenantId: Type.Optional(Id), name: Name, description: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type SkillCreate = Static<typeof SkillCreate>

export const SkillPatch = Type.Object({
  name: Type.Optional(Name), description: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type SkillPatch = Static<typeof SkillPatch>

export const SkillListQuery = Type.Object({ tenant: TenantRef, q: Type.Optional(Type.String({ maxLength: 200 })), ...PagingQuery }, { additionalProperties: false })
export type SkillListQuery = Static<typeof SkillListQuery>
export const SkillPage = Type.Object({
  ...PageOf(Skill).properties,
  maxLevel: Type.Integer({ description: 'The best level of the tenant\'s scale (settings.skillLevels.max); 0 is "member only". For anyone who may read skills.' }),
})

const Level = Type.Integer({ minimum: 0, maximum: 99, description: '0: member only; 1 to the tenant\'s settings.skillLevels.max, the best.' })

export const ProfileSkill = Type.Object({ skillId: Id, skillName: Type.String(), level: Level })
export const ProfileSkillInput = Type.Object({ skillId: Id, level: Level }, { additionalProperties: false })

export const Profile = Type.Object({
  id: Id, tenantId: Id, name: Type.String(),
  kind: Type.Enum(['group', 'personal'], { description: 'A group profile is offered to the group\'s users; a personal one belongs to one user.' }),
  groupId: Nullable(Id), userId: Nullable(Id),
  skills: Type.Array(ProfileSkill),
  agentsLoggedOn: Type.Integer({ description: 'Agents logged on to the queues with this profile now.' }),
  createdAt: Timestamp, updatedAt: Timestamp, version: Type.Integer(),
})
export type Profile = Static<typeof Profile>

const Skills = Type.Array(ProfileSkillInput, { maxItems: 200 })

export const ProfileCreate = Type.Object({
  name: Name,
  groupId: Type.Optional(Id),
  userId: Type.Optional(Id),
  skills: Type.Optional(Skills),
}, { additionalProperties: false, description: 'Name either groupId (a group profile) or userId (a personal profile).' })
export type ProfileCreate = Static<typeof ProfileCreate>

export const ProfilePatch = Type.Object({
  name: Type.Optional(Name),
  skills: Type.Optional(Skills),
}, { additionalProperties: false })
export type ProfilePatch = Static<typeof ProfilePatch>

export const ConfirmQuery = Type.Object({
  confirm: Type.Optional(Type.Boolean({ description: 'Change or delete a profile that logged-on agents use (else 409 profile_in_use).' })),
}, { additionalProperties: false })
export type ConfirmQuery = Static<typeof ConfirmQuery>

export const ProfileListQuery = Type.Object({
  tenant: TenantRef,
  group: Type.Optional(Id),
  user: Type.Optional(Id),
  ...PagingQuery,
}, { additionalProperties: false })
export type ProfileListQuery = Static<typeof ProfileListQuery>
export const ProfilePage = PageOf(Profile)

export const UserSkills = Type.Object({
  userId: Id,
  profiles: Type.Array(Type.Object({
    id: Id, name: Type.String(), kind: Type.Enum(['group', 'personal']), enabled: Type.Boolean(), skills: Type.Array(ProfileSkill),
  }), { description: 'The group\'s profiles and the user\'s own, each on or off for this user.' }),
  effective: Type.Array(ProfileSkill, { description: 'Each skill of the switched-on profiles at its highest level.' }),
})
export type UserSkills = Static<typeof UserSkills>

export const UserSkillsPatch = Type.Object({
  profiles: Type.Record(Type.String({ maxLength: 36 }), Type.Boolean(), { description: 'Profile id -> on (true) or off (false) for this user.' }),
}, { additionalProperties: false })
export type UserSkillsPatch = Static<typeof UserSkillsPatch>
