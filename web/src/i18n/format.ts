// Dates in the page's language and the viewer's time zone, the zone always named ("1 Dec 2026, 14:05 CET").

/** The zone a signed-in user sees times in: their own, else their tenant's, else the browser's. */
export function viewerTimeZone(userTimeZone: string | null, tenantTimeZone: string | null): string {
  return userTimeZone ?? tenantTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** The browser's own variant of the page's language for dates ("en-GB" writes 1 Dec 2026, 14:05), else the language. */
function dateLocale(language: string): string {
  const tags = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]
  return tags.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language
}

interface Formatters { dateTime: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }

// Making a formatter costs far more than using one, and a table shows many dates: one pair per language and zone.
const formatters = new Map<string, Formatters>()

function formattersFor(language: string, timeZone: string | null): Formatters {
  const key = `${language} ${timeZone ?? ''}`
  let found = formatters.get(key)
  if (!found) {
    const locale = dateLocale(language)
    const make = (zone: string | undefined) => ({
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }),
      // dateStyle/timeStyle cannot be combined with timeZoneName: the zone's short name comes separately.
      zone: new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }),
    })
    try {
      found = make(timeZone ?? undefined)
    } catch {
      // A zone this browser does not know: the browser's own, which the zone name then says.
      found = make(undefined)
    }
    formatters.set(key, found)
  }
  return found
}

export function formatDateTime(iso: string, language: string, timeZone: string | null): string {
  const date = new Date(iso)
  const { dateTime, zone } = formattersFor(language, timeZone)
  const zoneName = zone.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value
  return zoneName ? `${dateTime.format(date)} ${zoneName}` : dateTime.format(date)
}
