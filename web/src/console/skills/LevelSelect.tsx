// A skill level: 0 is "member only", the scale's top the best.
import { NativeSelect } from '@mantine/core'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { levelChoices } from './api'

export function levelText(t: TFunction, level: number, max: number | null): string {
  if (level === 0) return t('skills.memberOnly', { level })
  return level === max ? t('skills.levelBest', { level }) : String(level)
}

export function LevelSelect({ label, labelHidden = false, value, max, onChange, error, disabled, size }: {
  label: string
  /** In a table whose column says what it is: the label for screen readers only. */
  labelHidden?: boolean
  value: number
  max: number | null
  onChange: (level: number) => void
  error?: ReactNode
  disabled?: boolean
  size?: 'xs' | 'sm'
}) {
  const { t } = useTranslation()
  return (
    <NativeSelect label={labelHidden ? undefined : label} aria-label={labelHidden ? label : undefined} value={String(value)} onChange={(event) => onChange(Number(event.currentTarget.value))} error={error} disabled={disabled} size={size}
      data={levelChoices(max, value).map((level) => ({ value: String(level), label: levelText(t, level, max) }))} />
  )
}
