import { describe, expect, it } from 'vitest'
import { isId, newId } from './ids.js'

describe('ids', () => {
  it('are UUIDv7: version 7, RFC variant, the time in the first 48 bits, ordered by time', () => {
    const at = Date.UTC(2026, 10, 24, 12, 0, 0, 123)
    const id = newId(at)
    expect(isId(id)).toBe(true)
    expect(id[14]).toBe('7')
    expect('89ab').toContain(id[19])
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at)
    expect(newId(at + 1) > newId(at)).toBe(true)
  })

  it('are random within a millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId(0)))
    expect(ids.size).toBe(1000)
  })
})
