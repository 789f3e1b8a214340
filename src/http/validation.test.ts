import { describe, expect, it } from 'vitest'
import { fieldErrors, toFieldPath } from './validation.js'

describe('validation errors', () => {
  it('turns JSON pointers into field paths', () => {
    expect(toFieldPath('/identities/1/username')).toBe('identities[1].username')
    expect(toFieldPath('/settings/passwordPolicy/minLength')).toBe('settings.passwordPolicy.minLength')
    expect(toFieldPath('')).toBe('')
  })

  it('gives one telling error per field, also inside "or null" unions', () => {
    const errors = fieldErrors([
      { keyword: 'boolean', instancePath: '/extra', params: {}, message: 'schema is false' },
      { keyword: 'additionalProperties', instancePath: '', params: { additionalProperties: ['extra'] }, message: '' },
      { keyword: 'required', instancePath: '', params: { requiredProperties: ['username'] }, message: '' },
      { keyword: 'format', instancePath: '/timeZone', params: { format: 'timezone' }, message: '' },
      { keyword: 'type', instancePath: '/timeZone', params: { type: 'null' }, message: 'must be null' },
      { keyword: 'anyOf', instancePath: '/timeZone', params: {}, message: '' },
      { keyword: 'maxLength', instancePath: '/identities/0/username', params: { limit: 200 }, message: '' },
    ])
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['extra', 'unknown_field'], ['username', 'required'], ['timeZone', 'invalid_timezone'], ['identities[0].username', 'too_long'],
    ])
  })
})
