import { conflict, Problem } from '../http/problem.js'

export const slugTaken = () => conflict('slug_taken', 'Another tenant already uses this slug.', 'slug')
export const platformTenantProtected = () =>
  new Problem(409, 'platform_tenant_protected', 'The platform tenant cannot be renamed or deactivated.')
