// The language and time-zone choices of a profile (the account page and the update_profile step):
// empty means the organisation's default.
import { NativeSelect } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, supportedLanguage } from '../i18n'

function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'))
  zones.add('UTC')
  if (current) zones.add(current)
  return [...zones].sort()
}

interface SelectProps { value: string; onChange: (value: string) => void; error: ReactNode; disabled?: boolean }

export function LocaleSelect({ value, onChange, error, disabled }: SelectProps) {
  const { t } = useTranslation()
  // A locale an administrator set that has no translations stays choosable as it is.
  const locales: string[] = [...LANGUAGES, ...(value && !supportedLanguage(value) ? [value] : [])]
  const label = (locale: string) => {
    const language = supportedLanguage(locale)
    return language && language === locale ? t(`languages.${language}`) : locale
  }
  return (
    <NativeSelect label={t('profile.locale')} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)} error={error}
      data={[{ value: '', label: t('profile.organisationDefault') }, ...locales.map((locale) => ({ value: locale, label: label(locale) }))]} />
  )
}

export function TimeZoneSelect({ value, onChange, error, disabled }: SelectProps) {
  const { t } = useTranslation()
  return (
    <NativeSelect label={t('profile.timeZone')} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)} error={error}
      data={[{ value: '', label: t('profile.organisationDefault') }, ...timeZones(value)]} />
  )
}
