// Dates in the page's language and the user's time zone (the browser's until the user has one).
export function formatDateTime(iso: string, language: string, timeZone: string | null): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
  try {
    return new Intl.DateTimeFormat(language, timeZone ? { ...options, timeZone } : options).format(new Date(iso))
  } catch {
    // A zone this browser does not know.
    return new Intl.DateTimeFormat(language, options).format(new Date(iso))
  }
}
