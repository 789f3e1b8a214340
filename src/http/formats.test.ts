import { describe, expect, it } from 'vitest'
import { canonicalLocale, canonicalTimeZone, isEmail, isLocale, isPersonName, isSlug, isTimeZone, toE164 } from './formats.js'

describe('formats', () => {
  it('normalises international phone numbers to E.164, accepting the 00 prefix', () => {
    expect(toE164('+31 20 123 4567')).toBe('+31201234567')
    expect(toE164('0031201234567')).toBe('+31201234567')
    expect(toE164('+44 (20) 7946-0958')).toBe('+442079460958')
    for (const bad of ['020 123 4567', '+0123456789', '+31', '+1234567890123456', 'phone', '']) expect(toE164(bad)).toBeNull()
  })

  it('accepts IANA zone names only', () => {
    for (const good of ['UTC', 'Europe/Amsterdam', 'America/Argentina/Buenos_Aires', 'Australia/Sydney']) expect(isTimeZone(good)).toBe(true)
    for (const bad of ['+01:00', 'Mars/Olympus', 'CET+1', 'Europe', '']) expect(isTimeZone(bad)).toBe(false)
  })

  it('stores zone names as IANA spells them, keeping valid links', () => {
    expect(canonicalTimeZone('europe/amsterdam')).toBe('Europe/Amsterdam')
    expect(canonicalTimeZone('utc')).toBe('UTC')
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires')
    expect(canonicalTimeZone('america/argentina/buenos_aires')).toMatch(/^America\/(Argentina\/)?Buenos_Aires$/)
  })

  it('accepts language tags and canonicalises them', () => {
    expect(isLocale('nl-NL')).toBe(true)
    expect(isLocale('de')).toBe(true)
    expect(isLocale('xx_YY')).toBe(false)
    expect(isLocale('english')).toBe(false)
    expect(canonicalLocale('nl-nl')).toBe('nl-NL')
  })

  it('accepts names in any script with apostrophes and hyphens, nothing else', () => {
    for (const good of ['Zoë', "O'Brien", 'Smith-Jones', '山田', 'Nguyễn Văn', 'Ørsted', 'Anna 2']) expect(isPersonName(good)).toBe(true)
    for (const bad of ['<script>', 'a_b', 'x@y', 'semi;colon']) expect(isPersonName(bad)).toBe(false)
  })

  it('checks emails and slugs', () => {
    expect(isEmail('anna.smith+cc@example.co.uk')).toBe(true)
    for (const bad of ['nope', 'a@b', 'a b@c.d', 'a@@b.c', 'a..b@c.d']) expect(isEmail(bad)).toBe(false)
    expect(isSlug('acme-2')).toBe(true)
    for (const bad of ['Acme', '-acme', 'acme-', 'a_b']) expect(isSlug(bad)).toBe(false)
  })
})
