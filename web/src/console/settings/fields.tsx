// What every settings section gets, and the number input they share: an emptied field is NaN (the API
// refuses it at its field), the bounds are the API's.
import { NumberInput } from '@mantine/core'
import type { ReactNode } from 'react'
import type { TenantSettings } from '../../api/types'
import type { SettingsDraft } from './draft'

export interface SectionProps {
  draft: SettingsDraft
  error: unknown
  change: (settings: Partial<TenantSettings>) => void
}

type Policy = 'passwordPolicy' | 'lockoutPolicy' | 'sessionPolicy' | 'secondFactorPolicy' | 'selfService' | 'agentNumbers' | 'skillLevels'

/** A change to some fields of one policy. */
export const policyChange = <P extends Policy>({ draft, change }: SectionProps, policy: P) =>
  (fields: Partial<TenantSettings[P]>) => change({ [policy]: { ...draft.settings[policy], ...fields } })

export function NumberField({ label, description, value, min, max, onChange, error, disabled }: {
  label: string
  description?: string
  value: number
  min: number
  max: number
  onChange: (value: number) => void
  error: ReactNode
  disabled?: boolean
}) {
  return (
    <NumberInput label={label} description={description} value={Number.isNaN(value) ? '' : value} min={min} max={max} allowDecimal={false} allowNegative={false}
      clampBehavior="none" disabled={disabled} error={error} onChange={(next) => onChange(next === '' ? Number.NaN : Number(next))} />
  )
}
