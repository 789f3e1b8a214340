import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from '../http/schemas.js'
import { User } from '../users/schema.js'

export const SessionView = Type.Object({
  id: Id,
  /** The session this request came with. */
  current: Type.Boolean(),
  state: Type.Enum(['pending', 'active']),
  browser: Type.String({ description: 'e.g. "Chrome 131 on Windows"' }),
  clientIp: Nullable(Type.String()),
  authenticatedWith: Type.String({ description: 'How the user signed in, e.g. "password" or "password+totp".' }),
  campaignId: Nullable(Id),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
})
export type SessionView = Static<typeof SessionView>

export const SessionList = Type.Object({ items: Type.Array(SessionView) })
export const EndedSessions = Type.Object({ ended: Type.Integer() })

export const SignInEvent = Type.Object({
  at: Timestamp,
  outcome: Type.Enum(['success', 'failure']),
  reason: Nullable(Type.String({ description: 'Why a failure failed: wrong_password, locked, throttled, wrong_code, …' })),
  clientIp: Nullable(Type.String()),
  browser: Nullable(Type.String()),
})

/** GET /me: who is calling. */
export const Me = Type.Object({
  user: User,
  tenantSlug: Type.String(),
  permissions: Type.Array(Type.String()),
  isPlatformAdmin: Type.Boolean(),
  /** Null for API keys. */
  sessionId: Nullable(Id),
  campaignId: Nullable(Id),
  editableFields: Type.Array(Type.String(), { description: 'Profile fields you may change yourself (PATCH /me).' }),
  tenantLocale: Nullable(Type.String({ description: 'The language you inherit, for when your own locale is null: your user group\'s, else your tenant\'s (settings.locale).' })),
  tenantTimeZone: Nullable(Type.String({ description: 'Your tenant\'s default time zone (settings.timeZone), for when your own time zone is null.' })),
})
