// The API's shapes, taken from the server's own schemas (types only: nothing of the server is bundled).
import type { Static } from 'typebox'
import type { ProfileStep as ProfileStepSchema, SignInAnswer as SignInAnswerSchema } from '../../../src/sign-in/schema.js'
import type { Me as MeSchema, SessionView as SessionViewSchema, SignInEvent as SignInEventSchema } from '../../../src/sessions/schema.js'
import type { FactorList as FactorListSchema, TotpEnrolment as TotpEnrolmentSchema } from '../../../src/second-factors/schema.js'
import type { OwnProfilePatch as OwnProfilePatchSchema, User as UserSchema } from '../../../src/users/schema.js'
import type { ResetRequest as ResetRequestSchema } from '../../../src/password-reset/schema.js'
import type { ProblemSchema } from '../../../src/http/schemas.js'

export type SignInAnswer = Static<typeof SignInAnswerSchema>
export type SignInStep = NonNullable<SignInAnswer['nextStep']>
export type ProfileStepFields = Static<typeof ProfileStepSchema>
export type SecondFactorMethod = NonNullable<SignInAnswer['secondFactorMethods']>[number]
export type SessionView = Static<typeof SessionViewSchema>
export type SignInEvent = Static<typeof SignInEventSchema>
export type FactorList = Static<typeof FactorListSchema>
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>
export type User = Static<typeof UserSchema>
export type OwnProfilePatch = Static<typeof OwnProfilePatchSchema>
export type ResetChannel = Static<typeof ResetRequestSchema>['channel']

export type Me = Static<typeof MeSchema>
export type FactorView = FactorList['items'][number]
/** One failing field of a 422 answer; `params` holds the rule's numbers, e.g. {min: 12}. */
export type FieldError = NonNullable<Static<typeof ProblemSchema>['errors']>[number]
