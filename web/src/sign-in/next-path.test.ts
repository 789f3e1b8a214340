import { describe, expect, it } from 'vitest'
import { safeNextPath } from './next-path'

const origin = 'http://localhost:8080'

describe('safeNextPath', () => {
  it('keeps a path on this origin, with its query and hash', () => {
    expect(safeNextPath('/account', origin)).toBe('/account')
    expect(safeNextPath('/account?tab=sessions#x', origin)).toBe('/account?tab=sessions#x')
  })

  it('goes to the console for anything that leaves the origin or is no path', () => {
    for (const next of [null, '', 'account', 'https://evil.example/', '//evil.example/account', '/\\evil.example', '\\\\evil.example',
      'javascript:alert(1)', ' /account', 'http://localhost:8080.evil.example/', '/api/v1/sign-out']) {
      expect(safeNextPath(next, origin), String(next)).toBe('/')
    }
  })

  it('normalises dot segments before checking', () => {
    expect(safeNextPath('/login/../account', origin)).toBe('/account')
    expect(safeNextPath('/./api/v1/me', origin)).toBe('/')
  })
})
