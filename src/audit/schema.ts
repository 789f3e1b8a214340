import Type, { type Static } from 'typebox'
import { Id, Nullable, PageOf, PagingQuery, Timestamp } from '../http/schemas.js'

export const AuditEvent = Type.Object({
  id: Type.String(),
  tenantId: Id,
  at: Timestamp,
  actorId: Nullable(Type.String()),
  actorUsername: Nullable(Type.String()),
  clientIp: Nullable(Type.String()),
  action: Type.String({ description: 'e.g. user.create, user.update, user.deactivate, role.delete, api_key.revoke' }),
  entityType: Type.String(),
  entityId: Type.String(),
  changes: Type.Record(Type.String(), Type.Object({ old: Type.Unknown(), new: Type.Unknown() }), { description: 'Changed fields with old and new values; secrets redacted.' }),
})

export const AuditListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ maxLength: 100, description: 'Tenant id or slug (platform administrators).' })),
  entityType: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this time.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this time.' })),
  ...PagingQuery,
  order: Type.Enum(['asc', 'desc'], { default: 'desc' }),
}, { additionalProperties: false })
export type AuditListQuery = Static<typeof AuditListQuery>

export const AuditPage = PageOf(AuditEvent)
