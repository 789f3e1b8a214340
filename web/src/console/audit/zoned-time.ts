// The audit log's time range is typed as wall-clock time in the viewer's time zone (which need not be
// the browser's): "2026-12-01T09:30" in Europe/Amsterdam is 08:30 UTC.

/** The zone's offset from UTC at that instant, in milliseconds (Amsterdam in winter: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return asUtc - Math.floor(instant / 1000) * 1000
}

/** "YYYY-MM-DDTHH:mm" in the zone as an ISO instant; null for anything else. */
export function zonedToIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) return null
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number]
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  // The offset at the guess, then at the corrected instant (they differ only next to a DST change).
  const first = wall - offsetAt(wall, timeZone)
  const instant = wall - offsetAt(first, timeZone)
  return Number.isNaN(instant) ? null : new Date(instant).toISOString()
}
