// Roles: the permission catalogue (GET /api/v1/permissions), the tenant's roles (the console's shared
// list) and one role with its ETag for the editor.
import { api } from '../../api/client'
import type { PermissionInfo, Role, RoleCreate, RolePatch } from '../../api/types'
import { resourceApi } from '../forms/resource-api'

export const rolesApi = resourceApi<Role, RoleCreate, RolePatch>('/api/v1/roles')

export const permissionsKey = ['console', 'permissions'] as const
export const listPermissions = async () => (await api<{ items: PermissionInfo[] }>('GET', '/api/v1/permissions')).items
