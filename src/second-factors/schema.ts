import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from '../http/schemas.js'

export const FactorView = Type.Object({
  id: Id,
  kind: Type.Enum(['totp', 'webauthn']),
  name: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
})
export type FactorView = Static<typeof FactorView>

export const FactorList = Type.Object({
  items: Type.Array(FactorView),
  recoveryCodesLeft: Type.Integer({ description: 'Unused recovery codes.' }),
})
export type FactorList = Static<typeof FactorList>

export const TotpStart = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. "Phone"; default "Authenticator app".' })),
}, { additionalProperties: false })

export const TotpEnrolment = Type.Object({
  id: Id,
  secret: Type.String({ description: 'The key as base32 text, for typing into the app; shown during enrolment only.' }),
  otpauthUri: Type.String(),
  qrSvg: Type.String({ description: 'The otpauth URI as a QR code (SVG).' }),
})
export type TotpEnrolment = Static<typeof TotpEnrolment>

export const FactorRename = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export const TotpConfirm = Type.Object({ code: Type.String({ minLength: 1, maxLength: 12 }) }, { additionalProperties: false })

export const TotpConfirmed = Type.Object({
  factor: FactorView,
  recoveryCodes: Nullable(Type.Array(Type.String(), { description: 'With the first factor: ten single-use codes, shown this once.' })),
})

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) })
export const FactorsReset = Type.Object({ removed: Type.Integer() })
