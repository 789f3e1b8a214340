import Type, { type Static } from 'typebox'

const Login = Type.String({ minLength: 1, maxLength: 254, description: 'Username or email address.' })

export const ResetRequest = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 63 }),
  login: Login,
  channel: Type.Enum(['email', 'sms'], { default: 'email' }),
}, { additionalProperties: false })
export type ResetRequest = Static<typeof ResetRequest>

export const ResetConfirm = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 63 }),
  login: Login,
  code: Type.String({ minLength: 1, maxLength: 20 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false })
export type ResetConfirm = Static<typeof ResetConfirm>

export const ResetRequested = Type.Object({ message: Type.String() })
