import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from '../http/schemas.js'

export const PasswordSet = Type.Object({
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  generate: Type.Optional(Type.Boolean({ description: 'Have Gatehouse generate a password that meets the policy; it is shown once, in the answer.' })),
  temporary: Type.Optional(Type.Boolean({ default: true, description: 'The user must change it at the next sign-in (the default).' })),
}, { additionalProperties: false })
export type PasswordSet = Static<typeof PasswordSet>

export const PasswordSetAnswer = Type.Object({
  generatedPassword: Type.Optional(Type.String({ description: 'Only when generate was true; shown this once.' })),
  passwordChangedAt: Timestamp,
  sessionsEnded: Type.Integer(),
})

export const OwnPasswordChange = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false })
export type OwnPasswordChange = Static<typeof OwnPasswordChange>

export const GeneratePasswordQuery = Type.Object({
  tenant: Type.Optional(Id),
}, { additionalProperties: false })

export const GeneratedPassword = Type.Object({ password: Type.String() })

export const LockState = Type.Object({
  locked: Type.Boolean(),
  lockedAt: Nullable(Timestamp),
  lockedUntil: Nullable(Timestamp),
})
