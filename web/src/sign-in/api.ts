// The sign-in calls. Every answer carries the session's CSRF token, which the client keeps.
import { api, fetchSignInState, rememberCsrfToken } from '../api/client'
import type { SignInAnswer, TotpEnrolment } from '../api/types'

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

export async function signOut(): Promise<void> {
  await api<void>('POST', '/api/v1/sign-out')
  rememberCsrfToken(null)
}
