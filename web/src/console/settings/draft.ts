// The tenant settings form's state: the tenant's name and its settings as the inputs hold them (an
// emptied number is NaN, which the API refuses at its field), and the patch of what changed: each
// policy with only its changed fields.
import type { Tenant, TenantPatch, TenantSettings, TenantSettingsPatch } from '../../api/types'
import { changedFields } from '../forms/changes'

export interface SettingsDraft { name: string; settings: TenantSettings }

export const SELF_EDITABLE = ['firstName', 'lastName', 'displayName', 'email', 'mobilePhone', 'jobTitle', 'description'] as const
export type SelfEditable = (typeof SELF_EDITABLE)[number]

export const draftOf = (tenant: Tenant): SettingsDraft => ({ name: tenant.name, settings: normalised(structuredClone(tenant.settings)) })

/** Lists in a fixed order, so that choosing in another order is no change. */
function normalised(settings: TenantSettings): TenantSettings {
  settings.selfService.editableFields = SELF_EDITABLE.filter((field) => settings.selfService.editableFields.includes(field))
  settings.secondFactorPolicy.requiredForRoleIds = [...settings.secondFactorPolicy.requiredForRoleIds].sort()
  return settings
}

const isPolicy = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function patchOf(base: SettingsDraft, draft: SettingsDraft): TenantPatch | null {
  const patch: TenantPatch = {}
  if (draft.name.trim() !== base.name) patch.name = draft.name.trim()
  const settings: Record<string, unknown> = {}
  const next = normalised(structuredClone(draft.settings))
  for (const key of Object.keys(next) as Array<keyof TenantSettings>) {
    const before: unknown = base.settings[key]
    const after: unknown = next[key]
    const changed = isPolicy(before) && isPolicy(after) ? changedFields(before, after) : JSON.stringify(before) === JSON.stringify(after) ? null : after
    if (changed !== null) settings[key] = changed
  }
  if (Object.keys(settings).length > 0) patch.settings = settings as TenantSettingsPatch
  return Object.keys(patch).length > 0 ? patch : null
}

/** Every path the API may name an error at: name and each setting. */
export const fieldPaths = (draft: SettingsDraft): string[] => [
  'name',
  ...Object.entries(draft.settings).flatMap(([key, value]) => (isPolicy(value) ? Object.keys(value).map((field) => `settings.${key}.${field}`) : [`settings.${key}`])),
]
