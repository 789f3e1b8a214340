import Type, { type Static } from 'typebox'
import { Id, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'
import { GroupProperties, GroupPropertiesInput } from './properties.js'

export const UserGroup = Type.Object({
  id: Id,
  tenantId: Id,
  name: Type.String(),
  description: Type.String(),
  isDefault: Type.Boolean({ description: 'New users join the default group unless another is named.' }),
  properties: GroupProperties,
  resourceFilterIds: Type.Array(Id, { description: 'Campaigns (queues) the group\'s users may serve or see.' }),
  userCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
})
export type UserGroup = Static<typeof UserGroup>

const Name = Type.String({ minLength: 1, maxLength: 100 })
const ResourceFilterIds = Type.Array(Id, { uniqueItems: true, maxItems: 500 })

export const UserGroupCreate = Type.Object({
  tenantId: Type.Optional(Id),
  name: Name,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  isDefault: Type.Optional(Type.Boolean()),
  properties: Type.Optional(GroupPropertiesInput),
  resourceFilterIds: Type.Optional(ResourceFilterIds),
}, { additionalProperties: false })
export type UserGroupCreate = Static<typeof UserGroupCreate>

export const UserGroupPatch = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  isDefault: Type.Optional(Type.Literal(true, { description: 'Make this the default group (the old default stops being one).' })),
  properties: Type.Optional(GroupPropertiesInput),
  resourceFilterIds: Type.Optional(ResourceFilterIds),
}, { additionalProperties: false })
export type UserGroupPatch = Static<typeof UserGroupPatch>

export const UserGroupListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PagingQuery,
}, { additionalProperties: false })
export type UserGroupListQuery = Static<typeof UserGroupListQuery>

export const UserGroupPage = PageOf(UserGroup)
