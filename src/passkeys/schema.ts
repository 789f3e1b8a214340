import Type, { type Static } from 'typebox'
import { Nullable } from '../http/schemas.js'
import { FactorView } from '../second-factors/schema.js'

const B64 = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$', description: 'base64url' })

/** What navigator.credentials.create() gave, as @simplewebauthn/browser's startRegistration sends it. */
export const RegistrationResponse = Type.Object({
  id: B64(1400),
  rawId: B64(1400),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: B64(4000),
    attestationObject: B64(16_000),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
  }, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
}, { additionalProperties: true })

/** What navigator.credentials.get() gave, as @simplewebauthn/browser's startAuthentication sends it. */
export const AuthenticationResponse = Type.Object({
  id: B64(1400),
  rawId: B64(1400),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: B64(4000),
    authenticatorData: B64(4000),
    signature: B64(1000),
    userHandle: Type.Optional(Type.String({ maxLength: 400 })),
  }, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
}, { additionalProperties: true })

const PasskeyName = Type.Optional(Type.String({ maxLength: 100, description: 'e.g. "Laptop"; default "Passkey".' }))

export const PasskeyRegistration = Type.Object({ name: PasskeyName, response: RegistrationResponse }, { additionalProperties: false })
export type PasskeyRegistration = Static<typeof PasskeyRegistration>

export const PasskeyAssertion = Type.Object({ response: AuthenticationResponse }, { additionalProperties: false })

/** Options for navigator.credentials.create(), as @simplewebauthn/browser's startRegistration takes them. */
export const RegistrationOptions = Type.Object({
  challenge: Type.String(),
  rp: Type.Object({ id: Type.Optional(Type.String()), name: Type.String() }),
  user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
  timeout: Type.Optional(Type.Integer({ description: 'Milliseconds; the challenge expires with it.' })),
}, { additionalProperties: true })

/** Options for navigator.credentials.get(), as @simplewebauthn/browser's startAuthentication takes them. */
export const AuthenticationOptions = Type.Object({
  challenge: Type.String(),
  rpId: Type.Optional(Type.String()),
  timeout: Type.Optional(Type.Integer({ description: 'Milliseconds; the challenge expires with it.' })),
}, { additionalProperties: true })

export const PasskeyAdded = Type.Object({
  factor: FactorView,
  recoveryCodes: Nullable(Type.Array(Type.String(), { description: 'With the first factor: ten single-use codes, shown this once.' })),
})
