import { describe, expect, it } from 'vitest'
import { routeOf } from './router'

describe('routeOf', () => {
  it('names the sign-in and account pages, and gives the console / and its pages', () => {
    expect(routeOf('/login')).toEqual({ page: 'login', tenant: null })
    expect(routeOf('/t/acme/login')).toEqual({ page: 'login', tenant: 'acme' })
    expect(routeOf('/account')).toEqual({ page: 'account' })
    for (const path of ['/', '/users', '/users/new', '/users/01a233c2-7055-7b0b-a223-3e5eccc7d330', '/audit-log']) expect(routeOf(path), path).toEqual({ page: 'console' })
    for (const path of ['/t/acme', '/users/', '/index.html', '/Users', '/api/v1/me', '/assets/x']) expect(routeOf(path), path).toEqual({ page: 'not-found' })
  })
})
