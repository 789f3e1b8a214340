import Type, { type Static } from 'typebox'
import { Id, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

export const Campaign = Type.Object({
  id: Id,
  tenantId: Id,
  name: Type.String(),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
})
export type Campaign = Static<typeof Campaign>

const Name = Type.String({ minLength: 1, maxLength: 100 })

export const CampaignCreate = Type.Object({
  tenantId: Type.Optional(Id),
  name: Name,
  active: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false })
export type CampaignCreate = Static<typeof CampaignCreate>

export const CampaignPatch = Type.Object({
  name: Type.Optional(Name),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type CampaignPatch = Static<typeof CampaignPatch>

export const CampaignListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
  ...PagingQuery,
}, { additionalProperties: false })
export type CampaignListQuery = Static<typeof CampaignListQuery>

export const CampaignPage = PageOf(Campaign)
