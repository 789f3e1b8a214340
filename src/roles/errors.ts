import { conflict, Problem } from '../http/problem.js'

export const roleNameTaken = () => conflict('role_name_taken', 'The tenant already has a role with this name.', 'name')
export const builtinRoleReadOnly = () => new Problem(409, 'builtin_role_read_only', 'Built-in roles cannot be changed or deleted; create a custom role instead.')
export const roleInUse = (count: number) => new Problem(409, 'role_in_use', `${count} user(s) hold this role; give them another role first.`)
export const escalation = (what: string) => new Problem(403, 'privilege_escalation', `You cannot ${what}: it involves permissions you do not hold yourself.`)
export const platformOnlyPermission = (index: number) =>
  new Problem(422, 'validation_failed', 'tenants:manage is for roles of the platform tenant only.', [
    { path: `permissions[${index}]`, code: 'platform_only_permission', message: 'only roles of the platform tenant may hold this permission' },
  ])
