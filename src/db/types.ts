// Table types for Kysely. Conventions that hold on both engines:
// - ids are UUIDv7 strings; users also carry an integer `pk` (stable row number used by the
//   SQLite full-text index and as the tie-breaker of every sort);
// - times are integers (milliseconds since the epoch), so they compare and sort alike everywhere;
// - booleans are integers 0/1; JSON is stored as text.
import type { Generated } from 'kysely'

export type Flag = 0 | 1

export interface TenantsTable {
  id: string
  slug: string
  name: string
  active: Flag
  settings: string
  created_at: number
  created_by: string | null
  updated_at: number
  updated_by: string | null
  version: number
}

export interface RolesTable {
  id: string
  tenant_id: string
  builtin_key: string | null
  name: string
  name_key: string
  description: string
  permissions: string
  created_at: number
  updated_at: number
  version: number
}

export interface CampaignsTable {
  id: string
  tenant_id: string
  name: string
  name_key: string
  active: Flag
  created_at: number
  updated_at: number
  version: number
}

export interface TeamsTable {
  id: string
  tenant_id: string
  name: string
  name_key: string
  description: string
  created_at: number
  updated_at: number
  version: number
}

export interface UsersTable {
  pk: Generated<number>
  id: string
  tenant_id: string
  username: string
  username_key: string
  first_name: string
  last_name: string
  display_name: string
  email: string | null
  email_key: string | null
  email_verified: Flag
  mobile_phone: string | null
  job_title: string
  description: string
  employee_number: string | null
  external_username: string
  agent_id: number | null
  time_zone: string | null
  locale: string | null
  role_id: string
  /** Copy of the role's name so that the directory can sort by it through an index. */
  role_name: string
  default_campaign_id: string | null
  /** Copy of the default campaign's name, for the same reason. */
  default_campaign_name: string | null
  active: Flag
  choose_campaign_at_login: Flag
  restrict_view: Flag
  quality_monitoring: Flag
  messenger_sound: Flag
  password_hash: string | null
  password_changed_at: number | null
  created_at: number
  created_by: string | null
  updated_at: number
  updated_by: string | null
  last_login_at: number | null
  last_login_ip: string | null
  last_login_browser: string | null
  /** Set when the account was locked (wrong passwords or an administrator). */
  locked_at: number | null
  /** When the lock ends by itself; null with locked_at set: only an administrator unlocks. */
  locked_until: number | null
  /** JSON array of RequiredAction names the user must complete at the next sign-in. */
  required_actions: Generated<string>
  /** Lower-cased, accent-free text of every searchable field, indexed by trigrams. */
  search_text: string
  version: number
  /** agent (a person), wallboard, bot or api (machines: API keys only). */
  kind: Generated<string>
  /** The internal number (extension); set once. */
  extension: number | null
  /** Queue presence as the telephony reports it: logged_on or logged_off. */
  presence_state: Generated<string>
  presence_since: number | null
  presence_profile_id: string | null
  /** The user group; always set (the migration put every existing user in the default group). */
  group_id: string
  /** User-specific values of group properties (JSON object; a missing key inherits the group's). */
  property_overrides: Generated<string>
  /** Campaigns assigned to the user as resource filters (JSON list), on top of the group's; kept when the group changes. */
  resource_filter_ids: Generated<string>
  /** The version of the user's picture (user_avatars.version); null: none. */
  avatar_version: number | null
}

export interface UserGroupsTable {
  id: string
  tenant_id: string
  name: string
  name_key: string
  description: string
  is_default: number
  /** JSON: the values this group's users inherit (see src/groups/properties.ts). */
  properties: string
  /** JSON list of campaign ids: the queues/campaigns the group's users may serve or see. */
  resource_filter_ids: string
  created_at: number
  updated_at: number
  version: number
}

export interface UserCampaignsTable {
  user_id: string
  campaign_id: string
  tenant_id: string
}

export interface UserTeamsTable {
  user_id: string
  team_id: string
  tenant_id: string
}

/** PostgreSQL only: a narrow copy of users' search text (see the migration). */
/** A tenant's dictionary of search words (runs of letters and digits of the users' search text). */
export interface SearchWordsTable {
  id: Generated<number>
  tenant_id: string
  word: string
}

/** Postings of the word index: which users (active or not) have which words. */
export interface UserWordsTable {
  word_id: number
  active: number
  user_pk: number
}

/** scope: 'tenant' (scope_id ''), 'role', 'campaign', 'team', 'kind' (scope_id the kind) or 'quality' (quality-monitored users, scope_id ''). */
export interface UserCountsTable {
  tenant_id: string
  scope: string
  scope_id: string
  active: number
  n: number
}

export interface UserIdentitiesTable {
  id: string
  tenant_id: string
  user_id: string
  environment: string
  environment_key: string
  username: string
  username_key: string
  position: number
}

export interface ApiKeysTable {
  id: string
  tenant_id: string
  user_id: string
  name: string
  /** First characters of the key, shown so people can tell their keys apart. */
  prefix: string
  /** SHA-256 of the whole key: keys are 256-bit random, so a fast hash is safe here. */
  secret_hash: string
  created_at: number
  created_by: string | null
  last_used_at: number | null
  revoked_at: number | null
}

export interface AuditEventsTable {
  id: Generated<number>
  tenant_id: string
  at: number
  actor_id: string | null
  actor_username: string | null
  client_ip: string | null
  action: string
  entity_type: string
  entity_id: string
  changes: string
}

/** 'pending' until every sign-in step is done; only 'active' sessions open the API. */
export interface SessionsTable {
  id: string
  /** SHA-256 of the cookie's secret (256 random bits, so a fast hash is safe). */
  secret_hash: string
  tenant_id: string
  user_id: string
  state: 'pending' | 'active'
  /** JSON array of the steps still to do, in order. */
  pending_steps: string
  csrf_token: string
  campaign_id: string | null
  /** How the user proved who they are, e.g. 'password' or 'password+totp'. */
  authenticated_with: string
  client_ip: string | null
  user_agent: string
  /** The user agent in words, e.g. "Chrome 131 on Windows". */
  browser: string
  created_at: number
  last_seen_at: number
  idle_expires_at: number
  expires_at: number
}

/** Keys: 'name:<tenant id>:<username key>', 'ip:<address>'. */
export interface SignInCountersTable {
  key: string
  /** Failed or refused attempts since the window began (the lockout policy counts these). */
  failures: number
  last_failure_at: number
  /** Attempts before this time are refused with 429 (progressive throttling). */
  blocked_until: number
}

export interface PasswordHistoryTable {
  id: string
  user_id: string
  password_hash: string
  created_at: number
}

/** kind 'totp' (secret: sealed base32 key) or 'webauthn' (credential_id, public_key, sign_count). */
export interface SecondFactorsTable {
  id: string
  tenant_id: string
  user_id: string
  kind: 'totp' | 'webauthn'
  name: string
  secret: string | null
  credential_id: string | null
  public_key: string | null
  sign_count: number | null
  transports: string | null
  /** 0 while enrolling (a TOTP key not yet confirmed by a first code). */
  confirmed: Flag
  /** The last TOTP time step accepted: a code of that step or earlier is a replay. */
  last_used_step: number | null
  created_at: number
  last_used_at: number | null
}

export interface RecoveryCodesTable {
  id: string
  user_id: string
  /** HMAC-SHA-256 of the normalised code, keyed from the configured secret key. */
  code_hash: string
  used_at: number | null
  created_at: number
}

/** A passkey ceremony's challenge (base64url), single use; see the migration. */
export interface WebauthnChallengesTable {
  id: string
  tenant_id: string
  /** Null for a sign-in with a passkey alone: the passkey names the user. */
  user_id: string | null
  /** The browser session it belongs to (account page, sign-in step). */
  session_id: string | null
  /** SHA-256 of the attempt cookie of a sign-in with a passkey alone. */
  attempt_hash: string | null
  purpose: 'register' | 'second_factor' | 'passwordless'
  challenge: string
  expires_at: number
  created_at: number
}

export type CodePurpose = 'reset_password' | 'invitation' | 'verify_email'

export interface OneTimeCodesTable {
  id: string
  tenant_id: string
  user_id: string
  purpose: CodePurpose
  channel: 'email' | 'sms'
  /** HMAC-SHA-256 of purpose, user and code, keyed from the configured secret key. */
  code_hash: string
  /** Wrong tries so far; the code dies at the fifth. */
  attempts: number
  expires_at: number
  used_at: number | null
  created_at: number
}

/** Voice settings of a user (JSON lists as text); sip_password sealed by SecretBox. */
export interface UserVoiceTable {
  user_id: string
  tenant_id: string
  transport: string
  nat: string
  codecs: string
  context: string
  call_groups: string
  pickup_groups: string
  sip_password: string | null
  updated_at: number
  version: number
}

export interface SkillsTable {
  id: string
  tenant_id: string
  name: string
  name_key: string
  description: string
  created_at: number
  updated_at: number
  version: number
}

/** A named set of skills with levels: a group's (offered to its users) or one user's (personal). */
export interface ProfilesTable {
  id: string
  tenant_id: string
  name: string
  name_key: string
  group_id: string | null
  user_id: string | null
  created_at: number
  updated_at: number
  version: number
}

export interface ProfileSkillsTable {
  profile_id: string
  skill_id: string
  /** 0 is "member only"; 1 to the tenant's settings.skillLevels.max, the best. */
  level: number
}

/** A group profile a user has switched off (Puzzel's check boxes); absent means on. */
export interface UserProfilesOffTable {
  user_id: string
  profile_id: string
}

/** A user's picture: the square thumbnail made of the upload, without metadata. */
export interface UserAvatarsTable {
  user_id: string
  tenant_id: string
  content_type: string
  image: Buffer
  size: number
  updated_at: number
  /** Grows with every new picture, also across a removal (see nextAvatarVersion). */
  version: number
}

export interface Database {
  user_groups: UserGroupsTable
  skills: SkillsTable
  profiles: ProfilesTable
  profile_skills: ProfileSkillsTable
  user_profiles_off: UserProfilesOffTable
  one_time_codes: OneTimeCodesTable
  webauthn_challenges: WebauthnChallengesTable
  second_factors: SecondFactorsTable
  recovery_codes: RecoveryCodesTable
  sessions: SessionsTable
  sign_in_counters: SignInCountersTable
  password_history: PasswordHistoryTable
  tenants: TenantsTable
  roles: RolesTable
  campaigns: CampaignsTable
  teams: TeamsTable
  users: UsersTable
  user_campaigns: UserCampaignsTable
  user_teams: UserTeamsTable
  user_identities: UserIdentitiesTable
  user_counts: UserCountsTable
  search_words: SearchWordsTable
  user_words: UserWordsTable
  user_voice: UserVoiceTable
  user_avatars: UserAvatarsTable
  api_keys: ApiKeysTable
  audit_events: AuditEventsTable
}
