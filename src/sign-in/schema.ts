import Type, { type Static } from 'typebox'
import { Id } from '../http/schemas.js'

export const SignInStart = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 63, description: 'The tenant\'s slug.' }),
  username: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false })
export type SignInStart = Static<typeof SignInStart>

const Step = Type.Enum(['second_factor', 'update_password', 'configure_totp', 'choose_campaign'])

export const SignInAnswer = Type.Object({
  status: Type.Enum(['signed_in', 'pending'], { description: 'pending: the session opens once every step is done.' }),
  nextStep: Type.Union([Step, Type.Null()]),
  steps: Type.Array(Step),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every state-changing request made with the session cookie.' }),
  secondFactorMethods: Type.Optional(Type.Array(Type.Enum(['totp', 'recovery_code']), { description: 'For the second_factor step: what the user may answer with.' })),
  recoveryCodes: Type.Optional(Type.Array(Type.String(), { description: 'After configure_totp: ten single-use codes, shown this once.' })),
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
