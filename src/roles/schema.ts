import Type, { type Static } from 'typebox'
import { Id, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'
import { ALL_PERMISSIONS } from './permissions.js'

export const PermissionName = Type.Enum(ALL_PERMISSIONS, { description: 'A permission from GET /api/v1/permissions.' })

export const Role = Type.Object({
  id: Id,
  tenantId: Id,
  key: Type.Union([Type.String(), Type.Null()], { description: 'Built-in roles have a fixed key; custom roles null.' }),
  name: Type.String(),
  description: Type.String(),
  builtin: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
})
export type Role = Static<typeof Role>

const Name = Type.String({ minLength: 1, maxLength: 100 })
const Permissions = Type.Array(PermissionName, { uniqueItems: true, maxItems: 100 })

export const RoleCreate = Type.Object({
  tenantId: Type.Optional(Id),
  name: Name,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  permissions: Permissions,
}, { additionalProperties: false })
export type RoleCreate = Static<typeof RoleCreate>

export const RolePatch = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  permissions: Type.Optional(Permissions),
}, { additionalProperties: false })
export type RolePatch = Static<typeof RolePatch>

export const RoleListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PagingQuery,
}, { additionalProperties: false })
export type RoleListQuery = Static<typeof RoleListQuery>

export const RolePage = PageOf(Role)

export const PermissionInfo = Type.Object({ name: Type.String(), description: Type.String(), platformOnly: Type.Boolean() })
export const PermissionList = Type.Object({ items: Type.Array(PermissionInfo) })
