// The user form's state: every field an administrator edits, as the inputs hold it (text for the
// optional values), turned into the API's create body or a patch of the changed fields only. Server
// field errors name API paths; each belongs to one tab.
import type { RequiredAction, User, UserCreate, UserPatch } from '../../../api/types'
import { NUMBER_PROPERTIES, type NumberProperty } from '../../groups/properties'
import type { VoiceField } from './voice'

export interface IdentityRow { environment: string; username: string }

export interface UserDraft {
  username: string
  firstName: string
  lastName: string
  displayName: string
  email: string
  emailVerified: boolean
  mobilePhone: string
  jobTitle: string
  description: string
  employeeNumber: string
  externalUsername: string
  agentId: string
  /** The internal number: typed while the user has none, then fixed. */
  extension: string
  timeZone: string
  locale: string
  roleId: string
  campaignIds: string[]
  defaultCampaignId: string
  teamIds: string[]
  active: boolean
  chooseCampaignAtLogin: boolean
  restrictView: boolean
  qualityMonitoring: boolean
  messengerSound: boolean
  identities: IdentityRow[]
  requiredActions: RequiredAction[]
  /** The user group (empty for a new user: the tenant's default group). */
  groupId: string
  /** The user's own value of each property as typed; empty: the group's value is inherited. */
  propertyOverrides: Record<NumberProperty, string>
  /** Campaigns assigned to the user as resource filters, on top of the group's. */
  resourceFilterIds: string[]
}
export type DraftField = keyof UserDraft

// Every required action, in the order the sign-in asks for them (a Record, so that none is missed).
const ACTION_ORDER: Record<RequiredAction, number> = { update_password: 0, configure_totp: 1, verify_email: 2, update_profile: 3 }
export const REQUIRED_ACTIONS = (Object.keys(ACTION_ORDER) as RequiredAction[]).sort((a, b) => ACTION_ORDER[a] - ACTION_ORDER[b])

export const TABS = ['basic', 'profile', 'options', 'group', 'teams', 'identities', 'voice', 'security', 'information', 'history'] as const
export type EditorTab = (typeof TABS)[number]

/** The tab of each field (and of the password and the phone settings, which are not part of the user). */
const TAB_OF: Record<DraftField | 'password' | 'tenantId' | VoiceField, EditorTab> = {
  username: 'basic', password: 'basic', tenantId: 'basic', roleId: 'basic', campaignIds: 'basic', defaultCampaignId: 'basic',
  firstName: 'profile', lastName: 'profile', displayName: 'profile', email: 'profile', emailVerified: 'profile', mobilePhone: 'profile',
  jobTitle: 'profile', description: 'profile', employeeNumber: 'profile', externalUsername: 'profile', agentId: 'profile', extension: 'profile', timeZone: 'profile', locale: 'profile',
  active: 'options', chooseCampaignAtLogin: 'options', restrictView: 'options', qualityMonitoring: 'options', messengerSound: 'options',
  teamIds: 'teams', identities: 'identities', requiredActions: 'security', groupId: 'group', propertyOverrides: 'group', resourceFilterIds: 'group',
  transport: 'voice', nat: 'voice', codecs: 'voice', context: 'voice', callGroups: 'voice', pickupGroups: 'voice',
}

/** "identities[2].username" → identities → the Identities tab; unknown paths → Basic. */
export function tabOfPath(path: string): EditorTab {
  const field = /^[A-Za-z]+/.exec(path)?.[0] ?? ''
  return Object.hasOwn(TAB_OF, field) ? TAB_OF[field as keyof typeof TAB_OF] : 'basic'
}

export function draftOf(user: User): UserDraft {
  return {
    username: user.username, firstName: user.firstName, lastName: user.lastName, displayName: user.displayName, email: user.email ?? '',
    emailVerified: user.emailVerified, mobilePhone: user.mobilePhone ?? '', jobTitle: user.jobTitle, description: user.description,
    employeeNumber: user.employeeNumber ?? '', externalUsername: user.externalUsername, agentId: user.agentId === null ? '' : String(user.agentId),
    extension: user.extension === null ? '' : String(user.extension),
    timeZone: user.timeZone ?? '', locale: user.locale ?? '', roleId: user.roleId, campaignIds: [...user.campaignIds],
    defaultCampaignId: user.defaultCampaignId ?? '', teamIds: [...user.teamIds], active: user.active, chooseCampaignAtLogin: user.chooseCampaignAtLogin,
    restrictView: user.restrictView, qualityMonitoring: user.qualityMonitoring, messengerSound: user.messengerSound,
    identities: user.identities.map((identity) => ({ ...identity })), requiredActions: [...user.requiredActions],
    groupId: user.groupId, resourceFilterIds: [...user.resourceFilters.user],
    propertyOverrides: overridesOf((name) => user.properties[name].override),
  }
}

const overridesOf = (value: (name: NumberProperty) => number | null) =>
  Object.fromEntries(NUMBER_PROPERTIES.map((name) => [name, value(name) === null ? '' : String(value(name))])) as Record<NumberProperty, string>

/** A new user as the API would make one (active, with the messenger sound on). */
export const newDraft = (roleId = ''): UserDraft => ({
  username: '', firstName: '', lastName: '', displayName: '', email: '', emailVerified: false, mobilePhone: '', jobTitle: '', description: '',
  employeeNumber: '', externalUsername: '', agentId: '', extension: '', timeZone: '', locale: '', roleId, campaignIds: [], defaultCampaignId: '', teamIds: [],
  active: true, chooseCampaignAtLogin: false, restrictView: false, qualityMonitoring: false, messengerSound: true, identities: [], requiredActions: [],
  groupId: '', propertyOverrides: overridesOf(() => null), resourceFilterIds: [],
})

const isBlank = (row: IdentityRow) => row.environment.trim() === '' && row.username.trim() === ''

/** The rows the API gets: an empty row (both fields blank) is left out. Their indexes in the form, in order. */
export const sentIdentityRows = (rows: IdentityRow[]): number[] => rows.flatMap((row, index) => (isBlank(row) ? [] : [index]))

const orNull = (text: string) => (text.trim() === '' ? null : text.trim())

/** A number as typed: empty is null, a non-number goes as typed (for the API to refuse at its field). */
function typedNumber(text: string): unknown {
  const trimmed = text.trim()
  return trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The API's value of one field. A non-number agent ID or internal number goes as typed, for the API to refuse at its field. */
function apiValue(draft: UserDraft, field: DraftField): unknown {
  switch (field) {
    case 'email': case 'mobilePhone': case 'employeeNumber': case 'timeZone': case 'locale': case 'defaultCampaignId':
      return orNull(draft[field])
    case 'agentId': case 'extension':
      return typedNumber(draft[field])
    case 'propertyOverrides':
      // Null: no value of the user's own (the group's is inherited).
      return Object.fromEntries(NUMBER_PROPERTIES.map((name) => [name, typedNumber(draft.propertyOverrides[name])]))
    case 'identities':
      return sentIdentityRows(draft.identities).map((index) => draft.identities[index]!)
    case 'username':
      return draft.username.trim()
    default:
      return draft[field]
  }
}

const FIELDS = Object.keys(newDraft()) as DraftField[]
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The fields whose API value differs between the two. */
export const changedFields = (base: UserDraft, draft: UserDraft): DraftField[] =>
  FIELDS.filter((field) => !same(apiValue(base, field), apiValue(draft, field)))

/** PATCH body: the changed fields only; of the properties, the ones whose own value changed (null: inherit the group's again). */
export function patchOf(base: UserDraft, draft: UserDraft): UserPatch {
  return Object.fromEntries(changedFields(base, draft).map((field) => [field, field === 'propertyOverrides' ? changedOverrides(base, draft) : apiValue(draft, field)])) as UserPatch
}

function changedOverrides(base: UserDraft, draft: UserDraft): Record<string, unknown> {
  const before = apiValue(base, 'propertyOverrides') as Record<string, unknown>
  const after = apiValue(draft, 'propertyOverrides') as Record<string, unknown>
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => !same(before[name], value)))
}

/** POST body: every field set; a display name left empty is made from the names by the API. */
export function createBodyOf(draft: UserDraft, tenantId: string | null): UserCreate {
  const fresh = newDraft(draft.roleId)
  const fields = changedFields(fresh, draft).filter((field) => field !== 'roleId' && !(field === 'displayName' && draft.displayName.trim() === ''))
  // Without a role (the roles could not be read) the API gives the Agent role.
  const body: Record<string, unknown> = { username: apiValue(draft, 'username'), ...(draft.roleId ? { roleId: draft.roleId } : {}) }
  for (const field of fields) body[field] = field === 'propertyOverrides' ? changedOverrides(fresh, draft) : apiValue(draft, field)
  if (tenantId) body.tenantId = tenantId
  return body as UserCreate
}

/**
 * The user changed on the server by this editor's own action (a password, a lock): fields the form
 * left as they were take the new values; the ones being edited keep what was typed.
 */
export function rebase(oldBase: UserDraft, newBase: UserDraft, draft: UserDraft): UserDraft {
  const next = { ...draft }
  for (const field of FIELDS) {
    if (same(apiValue(oldBase, field), apiValue(draft, field))) (next as Record<DraftField, unknown>)[field] = newBase[field]
  }
  return next
}
