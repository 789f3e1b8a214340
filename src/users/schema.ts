import Type, { type Static } from 'typebox'
import { PropertyOverrides, UserProperties } from '../groups/properties.js'
import { Id, Nullable, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

const PersonName = Type.String({ format: 'person-name', maxLength: 100 })

/**
 * What a user must do once at the next sign-in, after the password and second factor and before the
 * session opens (Eleveo's "required user actions"). Gatehouse also sets update_password itself (a
 * password set by an administrator) and asks for a new password past the tenant's maximum age, and
 * for a second factor where the tenant or the role requires one.
 */
export const REQUIRED_ACTIONS = ['update_password', 'configure_totp', 'verify_email', 'update_profile'] as const
export type RequiredAction = (typeof REQUIRED_ACTIONS)[number]
const RequiredActions = Type.Array(Type.Enum([...REQUIRED_ACTIONS]), {
  uniqueItems: true, maxItems: REQUIRED_ACTIONS.length,
  description: 'update_password: choose a new password; configure_totp: set up an authenticator app; verify_email: enter a code sent to the email address; update_profile: review names, email, mobile phone, language and time zone.',
})
const Text = (maxLength: number) => Type.String({ maxLength })

/**
 * Kinds of account (Puzzel's user types): agent, the people of the contact centre (agents,
 * supervisors, administrators); wallboard, bot and api, accounts of machines, which authenticate
 * with API keys only: no password, no second factor, no sign-in. Chosen when the account is made.
 */
export const USER_KINDS = ['agent', 'wallboard', 'bot', 'api'] as const
export type UserKind = (typeof USER_KINDS)[number]
export const isMachineKind = (kind: string) => kind !== 'agent'
const Kind = Type.Enum([...USER_KINDS], { description: 'agent: a person; wallboard, bot, api: machines (API keys only).' })

export const Identity = Type.Object({
  environment: Type.String({ minLength: 1, maxLength: 100, description: 'The SSO environment (application context).' }),
  username: Type.String({ minLength: 1, maxLength: 200, description: 'The user\'s username in that environment.' }),
}, { additionalProperties: false })

export const User = Type.Object({
  id: Id,
  tenantId: Id,
  kind: Kind,
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  emailVerified: Type.Boolean(),
  mobilePhone: Nullable(Type.String({ description: 'E.164, e.g. +31201234567.' })),
  jobTitle: Type.String(),
  description: Type.String(),
  employeeNumber: Nullable(Type.String()),
  externalUsername: Type.String(),
  agentId: Nullable(Type.Integer()),
  extension: Nullable(Type.Integer({ description: 'The internal number; set once, then never changed.' })),
  timeZone: Nullable(Type.String({ description: 'Null: the tenant\'s default applies.' })),
  locale: Nullable(Type.String({ description: 'Null: the tenant\'s default applies.' })),
  roleId: Id,
  roleName: Type.String(),
  campaignIds: Type.Array(Id),
  defaultCampaignId: Nullable(Id),
  defaultCampaignName: Nullable(Type.String()),
  teamIds: Type.Array(Id),
  active: Type.Boolean(),
  chooseCampaignAtLogin: Type.Boolean(),
  restrictView: Type.Boolean(),
  qualityMonitoring: Type.Boolean(),
  messengerSound: Type.Boolean(),
  identities: Type.Array(Identity),
  createdAt: Timestamp,
  createdBy: Nullable(Type.String()),
  updatedAt: Timestamp,
  updatedBy: Nullable(Type.String()),
  updatedByUsername: Nullable(Type.String()),
  lastLoginAt: Nullable(Timestamp),
  lastLoginIp: Nullable(Type.String()),
  lastLoginBrowser: Nullable(Type.String()),
  passwordChangedAt: Nullable(Timestamp),
  locked: Type.Boolean({ description: 'Locked by wrong passwords; an administrator unlocks (POST /users/{id}/unlock).' }),
  lockedUntil: Nullable(Timestamp),
  requiredActions: RequiredActions,
  groupId: Id,
  groupName: Type.String(),
  properties: UserProperties,
  resourceFilters: Type.Object({
    user: Type.Array(Id, { description: 'Campaigns assigned to the user (kept when the group changes).' }),
    group: Type.Array(Id, { description: 'Campaigns the group gives.' }),
    effective: Type.Array(Id, { description: 'Both together: the campaigns (queues) the user may serve or see.' }),
  }),
  presence: Type.Object({
    state: Type.Enum(['logged_on', 'logged_off'], { description: 'Logged on to the queues, as the telephony last reported (PUT /users/{id}/presence).' }),
    since: Nullable(Timestamp),
    profileId: Nullable(Id),
  }),
  avatarVersion: Nullable(Type.Integer({ description: 'The picture\'s version (GET /users/{id}/avatar?v=<this>); null: no picture.' })),
  version: Type.Integer(),
})
export type User = Static<typeof User>

export const PresenceReport = Type.Object({
  state: Type.Enum(['logged_on', 'logged_off']),
  profileId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false })
export type PresenceReport = Static<typeof PresenceReport>

// Fields an administrator sets; on create all are optional but username.
const editable = {
  username: Type.String({ format: 'username', minLength: 1, maxLength: 100, description: 'Unique in the tenant, case-insensitively. Allowed characters follow the tenant\'s username rule.' }),
  firstName: PersonName,
  lastName: PersonName,
  displayName: Text(200),
  email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  emailVerified: Type.Boolean(),
  mobilePhone: Nullable(Type.String({ format: 'phone', maxLength: 32, description: 'International: +31 20 123 4567 or 0031201234567; stored as E.164.' })),
  jobTitle: Text(200),
  description: Text(2000),
  employeeNumber: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  externalUsername: Text(200),
  agentId: Nullable(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
  extension: Nullable(Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'Unique in the tenant; omitted on create: the next free number of the tenant\'s range (settings.agentNumbers). Cannot be changed once set.' })),
  timeZone: Nullable(Type.String({ format: 'timezone', maxLength: 64 })),
  locale: Nullable(Type.String({ format: 'locale', maxLength: 35 })),
  roleId: Id,
  campaignIds: Type.Array(Id, { uniqueItems: true, maxItems: 500 }),
  defaultCampaignId: Nullable(Id),
  teamIds: Type.Array(Id, { uniqueItems: true, maxItems: 500 }),
  active: Type.Boolean(),
  chooseCampaignAtLogin: Type.Boolean(),
  restrictView: Type.Boolean(),
  qualityMonitoring: Type.Boolean(),
  messengerSound: Type.Boolean(),
  identities: Type.Array(Identity, { maxItems: 50 }),
  requiredActions: RequiredActions,
  groupId: Type.Unsafe<string>({ ...Id, description: 'The user group; on create, the tenant\'s default group when left out. Not changed while the user is logged on to the queues.' }),
  propertyOverrides: PropertyOverrides,
  resourceFilterIds: Type.Array(Id, { uniqueItems: true, maxItems: 500, description: 'Campaigns assigned to the user as resource filters, on top of the group\'s.' }),
}

export const UserPatch = Type.Partial(Type.Object(editable), { additionalProperties: false })
export type UserPatch = Static<typeof UserPatch>

export const UserCreate = Type.Object({
  tenantId: Type.Optional(Id),
  kind: Type.Optional(Type.Unsafe<UserKind>({ ...Kind, default: 'agent', description: 'Set once, when the account is made (default agent).' })),
  ...Type.Partial(Type.Object(editable)).properties,
  username: editable.username,
}, { additionalProperties: false })
export type UserCreate = Static<typeof UserCreate>

export const USER_SORTS = [
  'username', 'firstName', 'lastName', 'displayName', 'email', 'role', 'campaign', 'active',
  'agentId', 'lastLoginAt', 'timeZone', 'createdAt',
] as const
export type UserSort = (typeof USER_SORTS)[number]

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches any part of first, last or display name, username, email, employee number or agent ID; case- and accent-insensitive. Several words must all match.' })),
  active: Type.Optional(Type.Boolean({ description: 'Omit for all users.' })),
  campaign: Type.Optional(Id),
  role: Type.Optional(Id),
  team: Type.Optional(Id),
  kind: Type.Optional(Kind),
  qualityMonitoring: Type.Optional(Type.Boolean({ description: 'Users whose calls a quality system should sample (true), or the others.' })),
  presence: Type.Optional(Type.Enum(['logged_on', 'logged_off'], { description: 'Users logged on to the queues, or not.' })),
  group: Type.Optional(Id),
  skill: Type.Optional(Type.Unsafe<string>({ ...Id, description: 'Users with this skill from a profile of theirs that is switched on…' })),
  skillLevel: Type.Optional(Type.Integer({ minimum: 0, maximum: 99, description: '…at this level or better (default 0: any level, "member only" included).' })),
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  sort: Type.Enum(USER_SORTS, { default: 'username' }),
  ...PagingQuery,
}, { additionalProperties: false })
export type UserListQuery = Static<typeof UserListQuery>

export const UserPage = PageOf(User)

/** What a bulk action does to each selected user (the console's "selected rows" or "all N matching"). */
export const BULK_ACTIONS = ['activate', 'deactivate', 'set_role', 'add_campaign', 'remove_campaign', 'add_team', 'remove_team', 'require_action', 'delete'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

export const UserBulkRequest = Type.Object({
  action: Type.Enum([...BULK_ACTIONS], { description: 'delete needs users:delete; the others users:write.' }),
  roleId: Type.Optional(Id),
  campaignId: Type.Optional(Id),
  teamId: Type.Optional(Id),
  requiredAction: Type.Optional(Type.Enum([...REQUIRED_ACTIONS])),
  userIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 10_000, uniqueItems: true, description: 'The selected users; or give query instead.' })),
  query: Type.Optional(Type.Object({
    q: UserListQuery.properties.q, active: UserListQuery.properties.active, campaign: UserListQuery.properties.campaign,
    role: UserListQuery.properties.role, team: UserListQuery.properties.team, kind: UserListQuery.properties.kind,
    qualityMonitoring: UserListQuery.properties.qualityMonitoring, presence: UserListQuery.properties.presence, group: UserListQuery.properties.group, skill: UserListQuery.properties.skill, skillLevel: UserListQuery.properties.skillLevel, tenant: UserListQuery.properties.tenant,
  }, { additionalProperties: false, description: 'Every user this search matches (at most 10,000).' })),
}, { additionalProperties: false })
export type UserBulkRequest = Static<typeof UserBulkRequest>

export const UserBulkResult = Type.Object({
  selected: Type.Integer({ description: 'Users the request named or the query matched.' }),
  succeeded: Type.Integer({ description: 'Users changed, or already as asked.' }),
  failed: Type.Array(Type.Object({
    id: Id,
    username: Nullable(Type.String()),
    status: Type.Integer(),
    code: Type.String({ description: 'The code the single-user request would have answered, e.g. privilege_escalation.' }),
    detail: Type.String(),
  })),
})
export type UserBulkResult = Static<typeof UserBulkResult>

export const AgentIdListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100 })),
  ...PagingQuery,
}, { additionalProperties: false })
export type AgentIdListQuery = Static<typeof AgentIdListQuery>

export const AgentIdPage = Type.Object({
  items: Type.Array(Type.Object({ agentId: Type.Integer(), userId: Id, username: Type.String() })),
  total: Type.Integer(),
  page: Type.Optional(Type.Integer()),
  nextCursor: Type.Optional(Type.String()),
  nextFreeAgentId: Type.Integer({ description: 'Suggestion: one above the highest ID in use.' }),
})

/** What users may change of themselves: locale and time zone always, the rest as the tenant allows. */
export const OwnProfilePatch = Type.Object({
  firstName: Type.Optional(editable.firstName),
  lastName: Type.Optional(editable.lastName),
  displayName: Type.Optional(editable.displayName),
  email: Type.Optional(editable.email),
  mobilePhone: Type.Optional(editable.mobilePhone),
  jobTitle: Type.Optional(editable.jobTitle),
  description: Type.Optional(editable.description),
  timeZone: Type.Optional(editable.timeZone),
  locale: Type.Optional(editable.locale),
}, { additionalProperties: false })
export type OwnProfilePatch = Static<typeof OwnProfilePatch>
