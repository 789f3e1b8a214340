import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from '../http/schemas.js'
import { OwnProfilePatch } from '../users/schema.js'

export const SignInStart = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 63, description: 'The tenant\'s slug.' }),
  username: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false })
export type SignInStart = Static<typeof SignInStart>

const Step = Type.Enum(['second_factor', 'update_password', 'configure_totp', 'update_profile', 'verify_email', 'choose_campaign'])

/** What the update_profile step shows for review. */
export const ProfileReview = Type.Object({
  firstName: Type.String(), lastName: Type.String(), email: Nullable(Type.String()), mobilePhone: Nullable(Type.String()),
  locale: Nullable(Type.String()), timeZone: Nullable(Type.String()),
})
export type ProfileReview = Static<typeof ProfileReview>

export const SignInAnswer = Type.Object({
  status: Type.Enum(['signed_in', 'pending'], { description: 'pending: the session opens once every step is done.' }),
  nextStep: Type.Union([Step, Type.Null()]),
  steps: Type.Array(Step),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every state-changing request made with the session cookie.' }),
  secondFactorMethods: Type.Optional(Type.Array(Type.Enum(['webauthn', 'totp', 'recovery_code']), { description: 'For the second_factor step: what the user may answer with (webauthn: one of their passkeys).' })),
  configureMethods: Type.Optional(Type.Array(Type.Enum(['totp', 'webauthn']), { description: 'For the configure_totp step: an authenticator app, or (unless an administrator asked for an app) a passkey.' })),
  email: Type.Optional(Nullable(Type.String({ description: 'For the verify_email step: the address the code goes to; null: the step asks for one first.' }))),
  profile: Type.Optional(ProfileReview),
  recoveryCodes: Type.Optional(Type.Array(Type.String(), { description: 'After configure_totp (an app or a passkey): ten single-use codes, shown this once.' })),
  campaigns: Type.Optional(Type.Array(Type.Object({ id: Id, name: Type.String() }), { description: 'For the choose_campaign step: the campaigns to choose from.' })),
})
export type SignInAnswer = Static<typeof SignInAnswer>

export const CampaignChoice = Type.Object({ campaignId: Id }, { additionalProperties: false })
export const NewPassword = Type.Object({ newPassword: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false })

export const SecondFactorAnswer = Type.Object({
  method: Type.Enum(['totp', 'recovery_code']),
  code: Type.String({ minLength: 1, maxLength: 32 }),
}, { additionalProperties: false })

export const TotpStepConfirm = Type.Object({ id: Id, code: Type.String({ minLength: 1, maxLength: 12 }) }, { additionalProperties: false })

/** The verify_email step: send the code; `email` only when the account has no address yet. */
export const EmailCodeRequest = Type.Object({
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'The address to verify, when the account has none yet.' })),
}, { additionalProperties: false })

export const EmailCodeSent = Type.Object({ sentTo: Type.String(), expiresAt: Timestamp })

export const EmailCodeAnswer = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false })

/** The update_profile step: the reviewed fields, checked as an administrator's edit would be. */
export const ProfileStep = Type.Object({
  firstName: Type.Optional(OwnProfilePatch.properties.firstName),
  lastName: Type.Optional(OwnProfilePatch.properties.lastName),
  email: Type.Optional(OwnProfilePatch.properties.email),
  mobilePhone: Type.Optional(OwnProfilePatch.properties.mobilePhone),
  locale: Type.Optional(OwnProfilePatch.properties.locale),
  timeZone: Type.Optional(OwnProfilePatch.properties.timeZone),
}, { additionalProperties: false })
export type ProfileStep = Static<typeof ProfileStep>

export const PasskeySignInStart = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 63, description: 'The tenant\'s slug.' }) }, { additionalProperties: false })

export const SignInMethodsQuery = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 63 }) }, { additionalProperties: false })
export const SignInMethods = Type.Object({
  passkey: Type.Boolean({ description: 'The tenant lets its users sign in with a passkey alone (settings.passwordlessSignIn).' }),
})
