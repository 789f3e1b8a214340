import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../tenants/service.js'
import { commonPasswordCount, isCommonPassword } from './common-passwords.js'
import { policyViolations } from './password-policy.js'

const policy = defaultSettings().passwordPolicy
const owner = { username: 'j.devries', email: 'jan.devries@example.com', firstName: 'Jan', lastName: 'de Vries' }
const codes = (password: string, p = policy) => policyViolations(p, password, owner).map((e) => e.code).sort()

describe('the password policy', () => {
  it('ships at least 10,000 common passwords and matches them without regard to case', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000)
    expect(isCommonPassword('Password1')).toBe(true)
    expect(isCommonPassword('QWERTY')).toBe(true)
    expect(isCommonPassword('plankton-violin-42')).toBe(false)
  })

  it('counts characters, not bytes, and never lets a password under 8 through', () => {
    expect(codes('ééééééé')).toEqual(['password_too_short'])
    expect(codes('éééééééé')).toEqual([])
    expect(codes('x'.repeat(129))).toEqual(['password_too_long'])
  })

  it('reports every broken rule at once', () => {
    const strict = { ...policy, minLength: 12, requireLowercase: true, requireUppercase: true, requireDigit: true, requireSymbol: true }
    expect(codes('XYZ', strict)).toEqual(['password_needs_digit', 'password_needs_lowercase', 'password_needs_symbol', 'password_too_short'])
    expect(codes('Ünïcödé-Pass 7', strict)).toEqual([])
  })

  it('gives the numbers of length rules as params, so that pages can say them in any language', () => {
    const errors = policyViolations({ ...policy, minLength: 12 }, 'plankton', owner)
    expect(errors).toEqual([{ path: 'password', code: 'password_too_short', message: 'must be at least 12 characters long', params: { min: 12 } }])
    expect(policyViolations(policy, 'x'.repeat(129), owner)[0]!.params).toEqual({ max: 128 })
  })

  it('refuses the username, the email\'s local part and the names, in any case', () => {
    expect(codes('xxJ.DEVRIESxx')).toEqual(['password_contains_personal_info'])
    expect(codes('my jan.devries pw')).toEqual(['password_contains_personal_info'])
    expect(codes('hello De Vries!')).toEqual(['password_contains_personal_info'])
    // Names under three characters would refuse too much.
    expect(policyViolations(policy, 'bo-and-al-forever', { ...owner, firstName: 'Bo', lastName: 'Al' }).map((e) => e.code)).toEqual([])
    expect(policyViolations({ ...policy, rejectPersonalInfo: false }, 'xxJ.DEVRIESxx', owner)).toEqual([])
  })
})
