import Type, { type Static } from 'typebox'
import { Id, PagingQuery, PageOf, Timestamp } from '../http/schemas.js'

export const PasswordPolicy = Type.Object({
  minLength: Type.Integer({ minimum: 8, maximum: 256, default: 8, description: 'Never below 8.' }),
  maxLength: Type.Integer({ minimum: 64, maximum: 1024, default: 128, description: 'At least 64.' }),
  requireLowercase: Type.Boolean({ default: false }),
  requireUppercase: Type.Boolean({ default: false }),
  requireDigit: Type.Boolean({ default: false }),
  requireSymbol: Type.Boolean({ default: false }),
  rejectPersonalInfo: Type.Boolean({ default: true, description: 'Refuse passwords containing the username, email or names.' }),
  historyCount: Type.Integer({ minimum: 0, maximum: 24, default: 0, description: 'Refuse the last N passwords.' }),
  maxAgeDays: Type.Integer({ minimum: 0, maximum: 3650, default: 0, description: '0: passwords do not expire.' }),
  rejectCommon: Type.Boolean({ default: true, description: 'Refuse passwords from the common-password list.' }),
}, { additionalProperties: false })

export const LockoutPolicy = Type.Object({
  mode: Type.Enum(['none', 'disable', 'lock', 'temporary'], {
    default: 'temporary',
    description: 'none: never lock (throttling only); disable: clear "active" after maxFailures; lock: lock until an administrator unlocks; temporary: lock for lockMinutes.',
  }),
  maxFailures: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  lockMinutes: Type.Integer({ minimum: 1, maximum: 10080, default: 15 }),
}, { additionalProperties: false })

export const SessionPolicy = Type.Object({
  idleMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 30, description: 'A session unused this long ends (Keycloak: SSO Session Idle).' }),
  maxHours: Type.Integer({ minimum: 1, maximum: 720, default: 12, description: 'A session ends this long after sign-in, used or not (a shift and a half).' }),
}, { additionalProperties: false })

export const SecondFactorPolicy = Type.Object({
  requiredForAll: Type.Boolean({ default: false, description: 'Everyone must sign in with a second factor (and set one up at the next sign-in).' }),
  requiredForRoleIds: Type.Array(Type.String({ format: 'uuid' }), { default: [], maxItems: 100, description: 'Holders of these roles must.' }),
}, { additionalProperties: false })

export const SELF_EDITABLE_FIELDS = ['firstName', 'lastName', 'displayName', 'email', 'mobilePhone', 'jobTitle', 'description'] as const

export const SelfService = Type.Object({
  editableFields: Type.Array(Type.Enum([...SELF_EDITABLE_FIELDS]), {
    default: ['displayName', 'mobilePhone'], uniqueItems: true,
    description: 'Profile fields users may change themselves (locale and time zone always).',
  }),
}, { additionalProperties: false })

/** Numbers of people in the telephony: the agent ID of reports and phone log-on, and the internal number (extension). */
export const AgentNumbers = Type.Object({
  agentIdRequired: Type.Boolean({ default: false, description: 'People (kind agent) must have an agent ID.' }),
  autoExtension: Type.Boolean({ default: true, description: 'A new person without an internal number gets the next free one of the range (Connectel\'s "auto generate internal number").' }),
  extensionFrom: Type.Integer({ minimum: 1, maximum: 999_999_999, default: 1000 }),
  extensionTo: Type.Integer({ minimum: 1, maximum: 999_999_999, default: 9999 }),
}, { additionalProperties: false })

export const SkillLevels = Type.Object({
  max: Type.Integer({ minimum: 1, maximum: 99, default: 9, description: 'Skill levels run from 1 to this (the best); level 0 means "member only" (Puzzel). Levels already given above a lowered maximum stay as they are.' }),
}, { additionalProperties: false })

export const TenantSettings = Type.Object({
  timeZone: Type.String({ format: 'timezone', default: 'UTC' }),
  locale: Type.String({ format: 'locale', default: 'en' }),
  usernameRule: Type.Enum(['default', 'lowercase'], {
    default: 'default',
    description: 'default: letters, digits and ! @ # $ % ^ & _ . - ; lowercase: the same with lowercase letters only.',
  }),
  emailRequired: Type.Boolean({ default: false }),
  passwordPolicy: PasswordPolicy,
  lockoutPolicy: LockoutPolicy,
  sessionPolicy: SessionPolicy,
  secondFactorPolicy: SecondFactorPolicy,
  passwordlessSignIn: Type.Boolean({
    default: false,
    description: 'Users may sign in with a passkey alone ("Sign in with a passkey"): a discoverable passkey verified by PIN or biometrics counts as password and second factor. Required actions and the campaign choice still follow.',
  }),
  selfService: SelfService,
  agentNumbers: AgentNumbers,
  skillLevels: SkillLevels,
}, { additionalProperties: false })
export type TenantSettings = Static<typeof TenantSettings>

export const TenantSettingsPatch = Type.Object({
  timeZone: Type.Optional(TenantSettings.properties.timeZone),
  locale: Type.Optional(TenantSettings.properties.locale),
  usernameRule: Type.Optional(TenantSettings.properties.usernameRule),
  emailRequired: Type.Optional(TenantSettings.properties.emailRequired),
  passwordPolicy: Type.Optional(Type.Partial(PasswordPolicy, { additionalProperties: false })),
  lockoutPolicy: Type.Optional(Type.Partial(LockoutPolicy, { additionalProperties: false })),
  sessionPolicy: Type.Optional(Type.Partial(SessionPolicy, { additionalProperties: false })),
  secondFactorPolicy: Type.Optional(Type.Partial(SecondFactorPolicy, { additionalProperties: false })),
  passwordlessSignIn: Type.Optional(TenantSettings.properties.passwordlessSignIn),
  selfService: Type.Optional(Type.Partial(SelfService, { additionalProperties: false })),
  agentNumbers: Type.Optional(Type.Partial(AgentNumbers, { additionalProperties: false })),
  skillLevels: Type.Optional(Type.Partial(SkillLevels, { additionalProperties: false })),
}, { additionalProperties: false })
export type TenantSettingsPatch = Static<typeof TenantSettingsPatch>

const Slug = Type.String({ format: 'slug', minLength: 1, maxLength: 63, description: 'Lowercase letters, digits and hyphens; used in sign-in URLs.' })
const Name = Type.String({ minLength: 1, maxLength: 200 })

export const Tenant = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
  settings: TenantSettings,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
})
export type Tenant = Static<typeof Tenant>

export const TenantCreate = Type.Object({
  slug: Slug,
  name: Name,
  active: Type.Optional(Type.Boolean()),
  settings: Type.Optional(TenantSettingsPatch),
}, { additionalProperties: false })
export type TenantCreate = Static<typeof TenantCreate>

export const TenantPatch = Type.Object({
  slug: Type.Optional(Slug),
  name: Type.Optional(Name),
  active: Type.Optional(Type.Boolean()),
  settings: Type.Optional(TenantSettingsPatch),
}, { additionalProperties: false })
export type TenantPatch = Static<typeof TenantPatch>

export const TenantListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
  ...PagingQuery,
}, { additionalProperties: false })
export type TenantListQuery = Static<typeof TenantListQuery>

export const TenantPage = PageOf(Tenant)
