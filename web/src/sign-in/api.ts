// The sign-in calls. Every answer carries the session's CSRF token, which the client keeps.
import { api, fetchSignInState, rememberCsrfToken } from '../api/client'
import type { ProfileStepFields, SignInAnswer, TotpEnrolment } from '../api/types'
import { createPasskey, assertPasskey, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from '../passkeys/ceremony'

async function step(path: string, body?: unknown): Promise<SignInAnswer> {
  const answer = await api<SignInAnswer>('POST', path, body)
  rememberCsrfToken(answer.csrfToken)
  return answer
}

export const signIn = (tenant: string, username: string, password: string) => step('/api/v1/sign-in', { tenant, username, password })
export const signInState = fetchSignInState
export const answerSecondFactor = (method: 'totp' | 'recovery_code', code: string) => step('/api/v1/sign-in/second-factor', { method, code })
export const updatePassword = (newPassword: string) => step('/api/v1/sign-in/password', { newPassword })
export const chooseCampaign = (campaignId: string) => step('/api/v1/sign-in/campaign', { campaignId })
export const startTotpStep = () => api<TotpEnrolment>('POST', '/api/v1/sign-in/totp')
export const confirmTotpStep = (id: string, code: string) => step('/api/v1/sign-in/totp/confirm', { id, code })

/** The second_factor step with one of the user's passkeys. */
export async function answerWithPasskey(): Promise<SignInAnswer> {
  const options = await api<PublicKeyCredentialRequestOptionsJSON>('POST', '/api/v1/sign-in/second-factor/passkey-options')
  return step('/api/v1/sign-in/second-factor/passkey', { response: await assertPasskey(options) })
}

/** The configure_totp step with a new passkey instead of an app. */
export async function setUpPasskeyStep(name: string): Promise<SignInAnswer> {
  const options = await api<PublicKeyCredentialCreationOptionsJSON>('POST', '/api/v1/sign-in/passkey-registration')
  return step('/api/v1/sign-in/passkey-registration/confirm', { ...(name.trim() ? { name: name.trim() } : {}), response: await createPasskey(options) })
}

/** Signing in with a passkey alone (where the tenant offers it). */
export async function signInWithPasskey(tenant: string): Promise<SignInAnswer> {
  const options = await api<PublicKeyCredentialRequestOptionsJSON>('POST', '/api/v1/sign-in/passkey/options', { tenant })
  return step('/api/v1/sign-in/passkey', { response: await assertPasskey(options) })
}

export const signInMethods = (tenant: string) => api<{ passkey: boolean }>('GET', `/api/v1/sign-in/methods?tenant=${encodeURIComponent(tenant)}`)
export const saveProfileStep = (fields: ProfileStepFields) => step('/api/v1/sign-in/profile', fields)
export const sendEmailCode = (email?: string) => api<{ sentTo: string; expiresAt: string }>('POST', '/api/v1/sign-in/email/code', email ? { email } : {})
export const verifyEmail = (code: string) => step('/api/v1/sign-in/email/verify', { code })

export async function signOut(): Promise<void> {
  await api<void>('POST', '/api/v1/sign-out')
  rememberCsrfToken(null)
}
