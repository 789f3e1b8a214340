// What audit events say, in the page's language: actions ("user.deactivate" → "Deactivated"; a user's
// from the user editor's History, the others from audit.actions), kinds of entity, and values (ids of
// campaigns, roles, teams and user groups by their names).
import type { TFunction } from 'i18next'
import en from '../../i18n/en.json'

/** The actions Gatehouse records, for the action filter; events with others still show, by code. */
export const AUDIT_ACTIONS = [
  'user.create', 'user.update', 'user.activate', 'user.deactivate', 'user.delete', 'user.lock', 'user.unlock', 'user.password_set', 'user.password_change',
  'user.password_reset_request', 'user.password_reset', 'user.invite', 'user.invitation_accept', 'user.sign_in', 'user.sign_in_failed', 'user.sign_out',
  'user.sessions_end', 'user.second_factor_add', 'user.second_factor_remove', 'user.second_factor_rename', 'user.second_factor_failed',
  'user.second_factors_reset', 'user.recovery_codes_issue', 'user.required_action_complete', 'user.email_verification_request', 'user.email_verify',
  'user.voice_update', 'user.sip_password_set', 'user.profiles_update',
  'session.end', 'api_key.create', 'api_key.revoke', 'campaign.create', 'campaign.update', 'campaign.delete', 'team.create', 'team.update', 'team.delete',
  'role.create', 'role.update', 'role.delete', 'tenant.create', 'tenant.update',
  'group.create', 'group.update', 'group.delete', 'skill.create', 'skill.update', 'skill.delete', 'profile.create', 'profile.update', 'profile.delete',
] as const

export const ENTITY_TYPES = ['user', 'campaign', 'team', 'role', 'tenant', 'api_key', 'passkey', 'group', 'skill', 'profile'] as const

type UserAction = keyof typeof en.userEditor.history.actions
type OtherAction = keyof typeof en.audit.actions
type EntityType = keyof typeof en.audit.entities

const isUserAction = (key: string): key is UserAction => Object.hasOwn(en.userEditor.history.actions, key)
const isOtherAction = (key: string): key is OtherAction => Object.hasOwn(en.audit.actions, key)
const isEntityType = (key: string): key is EntityType => Object.hasOwn(en.audit.entities, key)

export function actionLabel(t: TFunction, action: string): string {
  const [entity, verb = ''] = action.split(/\.(.*)/)
  if (entity === 'user' && isUserAction(verb)) return t(`userEditor.history.actions.${verb}`)
  const key = action.replace('.', '_')
  return isOtherAction(key) ? t(`audit.actions.${key}`) : action
}

export const entityLabel = (t: TFunction, type: string) => (isEntityType(type) ? t(`audit.entities.${type}`) : type)

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)

/** A value as text: ids of campaigns, roles and teams by their names, yes and no for booleans. */
export function shownValue(t: TFunction, value: unknown, names: ReadonlyMap<string, string>): string {
  if (isEmpty(value)) return '—'
  if (typeof value === 'boolean') return value ? t('users.yes') : t('users.no')
  if (typeof value === 'string') return names.get(value) ?? value
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? names.get(item) ?? item : JSON.stringify(item))).join(', ')
  return JSON.stringify(value)
}

// A created or deleted thing's empty fields and switches that are off say nothing.
const saysNothing = (value: unknown) => isEmpty(value) || value === false

/** The changed fields of an event worth showing. */
export const changesOf = (changes: Record<string, { old: unknown; new: unknown }>) =>
  Object.entries(changes).filter(([, change]) => !(saysNothing(change.old) && saysNothing(change.new)))
