// The API's shapes, taken from the server's own schemas (types only: nothing of the server is bundled).
import type { Static } from 'typebox'
import type { ProfileStep as ProfileStepSchema, SignInAnswer as SignInAnswerSchema } from '../../../src/sign-in/schema.js'
import type { Me as MeSchema, SessionView as SessionViewSchema, SignInEvent as SignInEventSchema } from '../../../src/sessions/schema.js'
import type { FactorList as FactorListSchema, TotpEnrolment as TotpEnrolmentSchema } from '../../../src/second-factors/schema.js'
import type {
  AgentIdPage as AgentIdPageSchema, OwnProfilePatch as OwnProfilePatchSchema, REQUIRED_ACTIONS, User as UserSchema, UserCreate as UserCreateSchema,
  UserPage as UserPageSchema, UserPatch as UserPatchSchema, USER_SORTS,
} from '../../../src/users/schema.js'
import type { Tenant as TenantSchema } from '../../../src/tenants/schema.js'
import type { Campaign as CampaignSchema } from '../../../src/campaigns/schema.js'
import type { PermissionInfo as PermissionInfoSchema, Role as RoleSchema } from '../../../src/roles/schema.js'
import type { Team as TeamSchema } from '../../../src/teams/schema.js'
import type { ApiKey as ApiKeySchema, ApiKeyCreated as ApiKeyCreatedSchema } from '../../../src/api-keys/schema.js'
import type { AuditEvent as AuditEventSchema, AuditPage as AuditPageSchema } from '../../../src/audit/schema.js'
import type { LockState as LockStateSchema, PasswordSetAnswer as PasswordSetAnswerSchema } from '../../../src/credentials/schema.js'
import type { ResetRequest as ResetRequestSchema } from '../../../src/password-reset/schema.js'
import type { ProblemSchema } from '../../../src/http/schemas.js'
import type { Avatar as AvatarSchema } from '../../../src/avatars/schema.js'

export type SignInAnswer = Static<typeof SignInAnswerSchema>
export type SignInStep = NonNullable<SignInAnswer['nextStep']>
export type ProfileStepFields = Static<typeof ProfileStepSchema>
export type SecondFactorMethod = NonNullable<SignInAnswer['secondFactorMethods']>[number]
export type SessionView = Static<typeof SessionViewSchema>
export type SignInEvent = Static<typeof SignInEventSchema>
export type FactorList = Static<typeof FactorListSchema>
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>
export type User = Static<typeof UserSchema>
export type Avatar = Static<typeof AvatarSchema>
export type OwnProfilePatch = Static<typeof OwnProfilePatchSchema>
export type ResetChannel = Static<typeof ResetRequestSchema>['channel']

export type Me = Static<typeof MeSchema>
export type FactorView = FactorList['items'][number]
/** One failing field of a 422 answer; `params` holds the rule's numbers, e.g. {min: 12}. */
export type FieldError = NonNullable<Static<typeof ProblemSchema>['errors']>[number]

export type Tenant = Static<typeof TenantSchema>
export type Campaign = Static<typeof CampaignSchema>
export type Role = Static<typeof RoleSchema>
export type PermissionInfo = Static<typeof PermissionInfoSchema>
export type Team = Static<typeof TeamSchema>
export type UserPage = Static<typeof UserPageSchema>
export type UserCreate = Static<typeof UserCreateSchema>
export type UserPatch = Static<typeof UserPatchSchema>
export type UserSort = (typeof USER_SORTS)[number]
export type RequiredAction = (typeof REQUIRED_ACTIONS)[number]
export type AgentIdPage = Static<typeof AgentIdPageSchema>
export type ApiKey = Static<typeof ApiKeySchema>
export type ApiKeyCreated = Static<typeof ApiKeyCreatedSchema>
export type AuditEvent = Static<typeof AuditEventSchema>
export type AuditPage = Static<typeof AuditPageSchema>
export type PasswordSetAnswer = Static<typeof PasswordSetAnswerSchema>
export type LockState = Static<typeof LockStateSchema>

// The console's other pages: tenants, campaigns, teams, roles, tenant settings and bulk actions on users.
export type { TenantCreate, TenantPatch, TenantSettings, TenantSettingsPatch } from '../../../src/tenants/schema.js'
export type { CampaignCreate, CampaignPatch } from '../../../src/campaigns/schema.js'
export type { TeamCreate, TeamPatch } from '../../../src/teams/schema.js'
export type { RoleCreate, RolePatch } from '../../../src/roles/schema.js'
export type { BulkAction, UserBulkRequest, UserBulkResult } from '../../../src/users/schema.js'
export type { UserGroup, UserGroupCreate, UserGroupPatch } from '../../../src/groups/schema.js'
export type { GroupProperties, PropertyName, PropertyOverrides } from '../../../src/groups/properties.js'
export type { Profile, ProfileCreate, ProfilePatch, Skill, SkillCreate, SkillPatch, UserSkills, UserSkillsPatch } from '../../../src/skills/schema.js'
export type { Codec, NatMode, Transport, UserVoice, VoicePatch, VoiceSettings } from '../../../src/voice/schema.js'
