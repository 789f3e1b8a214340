// The API's shapes, taken from the server's own schemas (types only: nothing of the server is bundled).
import type { Static } from 'typebox'
import type { SignInAnswer as SignInAnswerSchema } from '../../../src/sign-in/schema.js'
import type { SessionView as SessionViewSchema, SignInEvent as SignInEventSchema } from '../../../src/sessions/schema.js'
import type { FactorList as FactorListSchema, TotpEnrolment as TotpEnrolmentSchema } from '../../../src/second-factors/schema.js'
import type { OwnProfilePatch as OwnProfilePatchSchema, User as UserSchema } from '../../../src/users/schema.js'
import type { ResetRequest as ResetRequestSchema } from '../../../src/password-reset/schema.js'

export type SignInAnswer = Static<typeof SignInAnswerSchema>
export type SignInStep = NonNullable<SignInAnswer['nextStep']>
export type SessionView = Static<typeof SessionViewSchema>
export type SignInEvent = Static<typeof SignInEventSchema>
export type FactorList = Static<typeof FactorListSchema>
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>
export type User = Static<typeof UserSchema>
export type OwnProfilePatch = Static<typeof OwnProfilePatchSchema>
export type ResetChannel = Static<typeof ResetRequestSchema>['channel']

/** GET /api/v1/me (declared in src/sessions/routes.ts). */
export interface Me {
  user: User
  tenantSlug: string
  permissions: string[]
  isPlatformAdmin: boolean
  sessionId: string | null
  campaignId: string | null
  editableFields: string[]
}

/** One failing field of a 422 answer. */
export interface FieldError {
  path: string
  code: string
  message: string
  /** The numbers of the rule, e.g. {min: 12} for password_too_short. */
  params?: Record<string, number>
}
export type FactorView = FactorList['items'][number]
