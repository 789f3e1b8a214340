import { describe, expect, it } from 'vitest'
import { Problem } from '../http/problem.js'
import { decodeCursor, encodeCursor } from './paging.js'

describe('cursors', () => {
  it('round-trip and stay bound to their sort', () => {
    const cursor = encodeCursor({ s: 'lastName:asc', v: 'Smith', t: 42 })
    expect(decodeCursor(cursor, 'lastName:asc')).toEqual({ s: 'lastName:asc', v: 'Smith', t: 42 })
    expect(() => decodeCursor(cursor, 'lastName:desc')).toThrow(Problem)
  })

  it('refuse garbage with 400 invalid_cursor', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"s":"x","v":{},"t":1}').toString('base64url')]) {
      try {
        decodeCursor(bad, 'x')
        expect.unreachable()
      } catch (error) {
        expect(error).toMatchObject({ status: 400, code: 'invalid_cursor' })
      }
    }
  })
})
