import { randomUUID } from 'node:crypto'

/**
 * UUIDv7: random, but ordered by creation time, which keeps index inserts local. Built from
 * randomUUID() (whose randomness Node draws in batches: a tenth of the cost of randomBytes(16) per
 * id): its version-4 layout already has the variant bits; the first 48 bits become the time and
 * the version digit 7.
 */
export function newId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`
}

export const isId = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
