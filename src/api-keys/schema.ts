import Type, { type Static } from 'typebox'
import { Id, Nullable, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

export const ApiKey = Type.Object({
  id: Id,
  tenantId: Id,
  userId: Id,
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart.' }),
  createdAt: Timestamp,
  createdBy: Nullable(Type.String({ description: 'Id of the user who made it, or "system" for the command line.' })),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
})
export type ApiKey = Static<typeof ApiKey>

export const ApiKeyCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  userId: Type.Optional(Type.Union([Id], { description: 'Whose key; omit for your own. Others\' keys need users:credentials.' })),
}, { additionalProperties: false })
export type ApiKeyCreate = Static<typeof ApiKeyCreate>

export const ApiKeyCreated = Type.Object({
  apiKey: ApiKey,
  key: Type.String({ description: 'The key itself. It is shown this once and stored only as a hash.' }),
})

export const ApiKeyListQuery = Type.Object({
  user: Type.Optional(Id),
  revoked: Type.Optional(Type.Boolean({ description: 'Include revoked keys (default false).' })),
  ...PagingQuery,
}, { additionalProperties: false })
export type ApiKeyListQuery = Static<typeof ApiKeyListQuery>

export const ApiKeyPage = PageOf(ApiKey)
