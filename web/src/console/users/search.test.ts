import { describe, expect, it } from 'vitest'
import { DEFAULT_SEARCH, exportQuery, pageQuery, paramsOf, searchOf } from './search'

describe('the search in the URL', () => {
  it('reads back what it wrote, leaving the defaults out', () => {
    const search = { ...DEFAULT_SEARCH, q: 'anna de', active: 'inactive' as const, campaign: 'c1', team: 't1', presence: 'logged_on' as const, sort: 'lastLoginAt' as const, order: 'desc' as const, page: 3, limit: 25 as const }
    const params = paramsOf(search)
    expect(params.toString()).toBe('q=anna+de&active=false&campaign=c1&team=t1&presence=logged_on&sort=lastLoginAt&order=desc&page=3&limit=25')
    expect(searchOf(params)).toEqual(search)
    expect(paramsOf(DEFAULT_SEARCH).toString()).toBe('')
  })

  it('takes the default for anything the URL cannot mean', () => {
    expect(searchOf(new URLSearchParams('sort=password&order=up&page=-2&limit=7&active=maybe&presence=busy'))).toEqual(DEFAULT_SEARCH)
    expect(searchOf(new URLSearchParams('page=1.5')).page).toBe(1)
  })

  it('asks the API for one page, and for every match when exporting', () => {
    const search = { ...DEFAULT_SEARCH, q: ' zoë ', active: 'active' as const, role: 'r1', page: 2, limit: 10 as const }
    expect(pageQuery(search, { tenant: 'acme' })).toBe('/api/v1/users?q=zo%C3%AB&active=true&role=r1&tenant=acme&sort=username&order=asc&page=2&limit=10')
    expect(exportQuery(search, {})).toBe('/api/v1/users?q=zo%C3%AB&active=true&role=r1&sort=username&order=asc')
    expect(pageQuery({ ...DEFAULT_SEARCH, presence: 'logged_off' }, {})).toBe('/api/v1/users?presence=logged_off&sort=username&order=asc&page=1&limit=50')
  })

  it('keeps the group, and the skill with its minimum level, in the URL and asks the API for them', () => {
    const search = { ...DEFAULT_SEARCH, group: 'g1', skill: 's1', skillLevel: 4 }
    const params = paramsOf(search)
    expect(params.toString()).toBe('group=g1&skill=s1&skillLevel=4')
    expect(searchOf(params)).toEqual(search)
    expect(pageQuery(search, {})).toBe('/api/v1/users?group=g1&skill=s1&skillLevel=4&sort=username&order=asc&page=1&limit=50')
    // Level 0 (any level, "member only" included) is the default: left out.
    expect(paramsOf({ ...search, skillLevel: 0 }).toString()).toBe('group=g1&skill=s1')
    // A level without a skill, or one that is no level, means nothing.
    expect(searchOf(new URLSearchParams('skillLevel=3'))).toEqual(DEFAULT_SEARCH)
    expect(searchOf(new URLSearchParams('skill=s1&skillLevel=x')).skillLevel).toBe(0)
    expect(searchOf(new URLSearchParams('skill=s1&skillLevel=100')).skillLevel).toBe(0)
  })
})
