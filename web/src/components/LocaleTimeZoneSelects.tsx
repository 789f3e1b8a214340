// The language and time-zone choices of a profile (the account page, the update_profile step and the
// console's user editor): empty means the organisation's default. The time zone is picked by region,
// then zone, as the IANA names go ("Europe" then "Amsterdam"), as the Workspace manual shows it.
import { NativeSelect, SimpleGrid } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, supportedLanguage } from '../i18n'

/** Every zone this browser knows, with UTC, by region ("Europe" → ["Europe/Amsterdam", …]). */
export function zonesByRegion(current: string): Map<string, string[]> {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])
  if (current) zones.add(current)
  const regions = new Map<string, string[]>()
  for (const zone of [...zones].sort()) {
    const region = regionOf(zone)
    regions.set(region, [...(regions.get(region) ?? []), zone])
  }
  return regions
}

export const regionOf = (zone: string) => zone.split('/')[0]!
/** "America/Argentina/Buenos_Aires" → "Argentina / Buenos Aires" */
const placeOf = (zone: string) => (zone.includes('/') ? zone.slice(zone.indexOf('/') + 1) : zone).replace(/_/g, ' ').replace(/\//g, ' / ')

interface SelectProps {
  value: string
  onChange: (value: string) => void
  error: ReactNode
  disabled?: boolean
  /** The organisation's own default (tenant settings): a value is needed, there is no default to fall back on. */
  required?: boolean
}

/** A locale by its name in the page's language when it has translations ("nl" → "Nederlands"), else as it is. */
export function localeName(t: TFunction, locale: string): string {
  const language = supportedLanguage(locale)
  return language && language === locale ? t(`languages.${language}`) : locale
}

export function LocaleSelect({ value, onChange, error, disabled, required = false }: SelectProps) {
  const { t } = useTranslation()
  // A locale an administrator set that has no translations stays choosable as it is.
  const locales: string[] = [...LANGUAGES, ...(value && !supportedLanguage(value) ? [value] : [])]
  const label = (locale: string) => localeName(t, locale)
  return (
    <NativeSelect label={t('profile.locale')} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)} error={error}
      data={[...(required ? [] : [{ value: '', label: t('profile.organisationDefault') }]), ...locales.map((locale) => ({ value: locale, label: label(locale) }))]} />
  )
}

export function TimeZoneSelect({ value, onChange, error, disabled, required = false }: SelectProps) {
  const { t } = useTranslation()
  const regions = zonesByRegion(value)
  // The region shown: the zone's, or one picked before its zone.
  const [pickedRegion, setPickedRegion] = useState(value ? regionOf(value) : '')
  const region = value ? regionOf(value) : pickedRegion
  const chooseRegion = (next: string) => {
    setPickedRegion(next)
    // A region's first zone, so that the value is always a zone (or the organisation default).
    onChange(next === '' ? '' : regions.get(next)?.[0] ?? '')
  }
  const zones = regions.get(region) ?? []
  return (
    <SimpleGrid cols={2} spacing="xs">
      <NativeSelect label={t('profile.timeZoneRegion')} value={region} disabled={disabled} onChange={(event) => chooseRegion(event.currentTarget.value)}
        data={[...(required ? [] : [{ value: '', label: t('profile.organisationDefault') }]), ...[...regions.keys()].map((name) => ({ value: name, label: name }))]} />
      <NativeSelect label={t('profile.timeZone')} value={value} disabled={disabled || region === ''} onChange={(event) => onChange(event.currentTarget.value)} error={error}
        data={region === '' ? [{ value: '', label: t('profile.organisationDefault') }] : zones.map((zone) => ({ value: zone, label: placeOf(zone) }))} />
    </SimpleGrid>
  )
}
