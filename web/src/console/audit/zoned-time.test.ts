import { describe, expect, it } from 'vitest'
import { zonedToIso } from './zoned-time'

describe('zonedToIso', () => {
  it('reads wall-clock time in the given zone, summer and winter', () => {
    expect(zonedToIso('2026-01-15T09:30', 'Europe/Amsterdam')).toBe('2026-01-15T08:30:00.000Z')
    expect(zonedToIso('2026-07-15T09:30', 'Europe/Amsterdam')).toBe('2026-07-15T07:30:00.000Z')
    expect(zonedToIso('2026-07-15T09:30', 'America/New_York')).toBe('2026-07-15T13:30:00.000Z')
    expect(zonedToIso('2026-07-15T09:30', 'UTC')).toBe('2026-07-15T09:30:00.000Z')
  })

  it('takes the time after a spring-forward gap and refuses what is not a time', () => {
    // 02:30 does not exist in Amsterdam on 29 March 2026: it reads as 03:30 summer time.
    expect(zonedToIso('2026-03-29T02:30', 'Europe/Amsterdam')).toBe('2026-03-29T01:30:00.000Z')
    expect(zonedToIso('yesterday', 'UTC')).toBeNull()
    expect(zonedToIso('', 'UTC')).toBeNull()
  })
})
