import Type, { type Static } from 'typebox'
import { Id, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

export const Team = Type.Object({
  id: Id,
  tenantId: Id,
  name: Type.String(),
  description: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
})
export type Team = Static<typeof Team>

const Name = Type.String({ minLength: 1, maxLength: 100 })

export const TeamCreate = Type.Object({
  tenantId: Type.Optional(Id),
  name: Name,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type TeamCreate = Static<typeof TeamCreate>

export const TeamPatch = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type TeamPatch = Static<typeof TeamPatch>

export const TeamListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PagingQuery,
}, { additionalProperties: false })
export type TeamListQuery = Static<typeof TeamListQuery>

export const TeamPage = PageOf(Team)
