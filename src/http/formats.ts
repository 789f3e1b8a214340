// String formats used by the schemas. Each failing format becomes the error code `invalid_<code>`.
import Format from 'typebox/format'

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'))

/** IANA zone names ("Europe/Amsterdam", "UTC"); offsets such as "+01:00" are refused. */
export function isTimeZone(value: string): boolean {
  if (TIME_ZONES.has(value) || value === 'UTC') return true
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const TIME_ZONES_BY_LOWER_CASE = new Map([...TIME_ZONES].map((zone) => [zone.toLowerCase(), zone]))

/**
 * "europe/amsterdam" → "Europe/Amsterdam": zones are stored as IANA spells them. A valid name in
 * IANA's spelling is kept as given, also when ICU knows it by an older alias
 * ("America/Argentina/Buenos_Aires" is not turned into "America/Buenos_Aires").
 */
export function canonicalTimeZone(value: string): string {
  if (TIME_ZONES.has(value) || value === 'UTC') return value
  const known = TIME_ZONES_BY_LOWER_CASE.get(value.toLowerCase())
  if (known) return known
  // A link such as "america/argentina/buenos_aires": ICU's spelling of the zone it stands for.
  return value === value.toLowerCase() ? new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone : value
}

/** BCP 47 language tags such as "en", "nl-NL", "de-CH". */
export function isLocale(value: string): boolean {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value)) return false
  try {
    return Intl.getCanonicalLocales(value).length === 1
  } catch {
    return false
  }
}

export function canonicalLocale(value: string): string {
  return Intl.getCanonicalLocales(value)[0] ?? value
}

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]_]+(\.[^\s@"(),:;<>[\\\]_]+)+$/u
export const isEmail = (value: string) => value.length <= 254 && EMAIL.test(value) && !value.includes('..')

/**
 * Phone numbers in international form: "+31 20 123 4567" or, as Puzzel writes them, "0031201234567".
 * Returns E.164 ("+31201234567") or null when the value cannot be one.
 */
export function toE164(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, '')
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null
  if (digits === null || !/^[1-9][0-9]{6,14}$/.test(digits)) return null
  return `+${digits}`
}

/** Letters of any script, digits, spaces, apostrophes and hyphens (the Workspace manual's rule). */
export const isPersonName = (value: string) => /^[\p{L}\p{M}\p{N} '’-]*$/u.test(value)

/** The default username rule: letters, digits and ! @ # $ % ^ & _ . - (a tenant may also require lowercase). */
export const isUsername = (value: string) => /^[\p{L}\p{N}!@#$%^&_.-]+$/u.test(value)

export const isSlug = (value: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)

// format name → [check, error code, message]
export const FORMATS: Record<string, [(value: string) => boolean, string, string]> = {
  timezone: [isTimeZone, 'invalid_timezone', 'must be an IANA time zone such as Europe/Amsterdam'],
  locale: [isLocale, 'invalid_locale', 'must be a language tag such as en or nl-NL'],
  email: [isEmail, 'invalid_email', 'must be a valid email address'],
  phone: [(v) => toE164(v) !== null, 'invalid_phone', 'must be an international number starting with + or 00'],
  username: [isUsername, 'invalid_username', 'may contain letters, digits and ! @ # $ % ^ & _ . - only'],
  'person-name': [isPersonName, 'invalid_name', 'may contain only letters, digits, spaces, apostrophes and hyphens'],
  slug: [isSlug, 'invalid_slug', 'must be lowercase letters, digits and hyphens'],
  uuid: [(v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), 'invalid_id', 'must be an id'],
}

for (const [name, [check]] of Object.entries(FORMATS)) Format.Set(name, check)
