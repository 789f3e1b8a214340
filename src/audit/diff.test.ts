import { describe, expect, it } from 'vitest'
import { diff, REDACTED } from './service.js'

describe('audit diff', () => {
  it('lists only changed fields, nested ones by dotted path', () => {
    expect(diff({ name: 'a', same: 1, settings: { policy: { min: 8, max: 64 } } }, { name: 'b', same: 1, settings: { policy: { min: 12, max: 64 } } }))
      .toEqual({ name: { old: 'a', new: 'b' }, 'settings.policy.min': { old: 8, new: 12 } })
  })

  it('redacts secrets but keeps policy fields that merely mention passwords', () => {
    expect(diff({ password: 'old-secret', passwordPolicy: { minLength: 8 } }, { password: 'new-secret', passwordPolicy: { minLength: 10 } })).toEqual({
      password: { old: REDACTED, new: REDACTED },
      'passwordPolicy.minLength': { old: 8, new: 10 },
    })
  })

  it('treats creation and deletion as changes from and to nothing', () => {
    expect(diff(null, { name: 'x', list: [1] })).toEqual({ name: { old: null, new: 'x' }, list: { old: null, new: [1] } })
    expect(diff({ name: 'x' }, null)).toEqual({ name: { old: 'x', new: null } })
  })
})
