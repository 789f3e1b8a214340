// The account page's calls: the signed-in user's own profile, password, second factors and sessions.
import { api } from '../api/client'
import type { FactorList, FactorView, Me, OwnProfilePatch, SessionView, SignInEvent, TotpEnrolment, User } from '../api/types'
import { createPasskey, type PublicKeyCredentialCreationOptionsJSON } from '../passkeys/ceremony'

export const accountKeys = {
  me: ['account', 'me'] as const,
  factors: ['account', 'second-factors'] as const,
  sessions: ['account', 'sessions'] as const,
  signIns: ['account', 'sign-ins'] as const,
}

export const getMe = () => api<Me>('GET', '/api/v1/me')
export const updateProfile = (patch: OwnProfilePatch) => api<User>('PATCH', '/api/v1/me', patch)
export const changePassword = (currentPassword: string, newPassword: string) => api<void>('POST', '/api/v1/me/password', { currentPassword, newPassword })

export const listFactors = () => api<FactorList>('GET', '/api/v1/me/second-factors')
export const startTotp = (name: string) => api<TotpEnrolment>('POST', '/api/v1/me/totp', name ? { name } : {})
export const confirmTotp = (id: string, code: string) =>
  api<{ recoveryCodes: string[] | null }>('POST', `/api/v1/me/totp/${encodeURIComponent(id)}/confirm`, { code })
export const renameFactor = (id: string, name: string) => api<FactorView>('PATCH', `/api/v1/me/second-factors/${encodeURIComponent(id)}`, { name })

/** Adds a passkey: the server's options, the browser's ceremony, the answer; the first factor brings recovery codes. */
export async function addPasskey(name: string): Promise<{ factor: FactorView; recoveryCodes: string[] | null }> {
  const options = await api<PublicKeyCredentialCreationOptionsJSON>('POST', '/api/v1/me/passkeys/options', {})
  return api('POST', '/api/v1/me/passkeys', { ...(name.trim() ? { name: name.trim() } : {}), response: await createPasskey(options) })
}
export const removeFactor = (id: string) => api<void>('DELETE', `/api/v1/me/second-factors/${encodeURIComponent(id)}`)
export const regenerateRecoveryCodes = () => api<{ recoveryCodes: string[] }>('POST', '/api/v1/me/recovery-codes', {})

export const listSessions = async () => (await api<{ items: SessionView[] }>('GET', '/api/v1/me/sessions')).items
export const endSession = (id: string) => api<void>('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`)
export const listSignIns = async () => (await api<{ items: SignInEvent[] }>('GET', '/api/v1/me/sign-ins?limit=20')).items
