import { describe, expect, it } from 'vitest'
import Type, { type TSchema } from 'typebox'
import { UserListQuery } from '../users/schema.js'
import type { Problem } from './problem.js'
import { fieldErrors, textConverter, toFieldPath, validatorCompiler } from './validation.js'
import './formats.js'

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

describe('query and path validation', () => {
  const validate = (schema: TSchema, value: unknown) =>
    (validatorCompiler({ schema, httpPart: 'querystring', method: 'GET', url: '/' } as never) as (v: unknown) => { value?: unknown; error?: Problem })(value)

  it('converts text to numbers and booleans and fills in defaults', () => {
    expect(textConverter(UserListQuery)).not.toBeNull()
    expect(validate(UserListQuery, { q: 'anna', active: 'TRUE', limit: '20', page: '3' }).value)
      .toEqual({ q: 'anna', active: true, limit: 20, page: 3, sort: 'username', order: 'asc' })
    expect(validate(UserListQuery, { active: '0' }).value).toMatchObject({ active: false, limit: 50 })
  })

  it('refuses text that is no number or boolean, naming each field', () => {
    const { error } = validate(UserListQuery, { limit: '1.5', page: 'x', active: 'yes', sort: 'colour', extra: '1' })
    expect(error?.errors?.map((e) => [e.path, e.code]).sort()).toEqual([
      ['active', 'invalid_type'], ['extra', 'unknown_field'], ['limit', 'invalid_type'], ['page', 'invalid_type'], ['sort', 'invalid_value'],
    ])
  })

  it('leaves schemas that are not flat to the general conversion', () => {
    expect(textConverter(Type.Object({ tags: Type.Array(Type.String()) }))).toBeNull()
    expect(validate(Type.Object({ n: Type.Optional(Type.Integer()), tags: Type.Array(Type.String()) }), { n: '2', tags: ['a'] }).value).toEqual({ n: 2, tags: ['a'] })
  })
})
