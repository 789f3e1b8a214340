// Forgot password and invitations: no session, so no CSRF token; the answers never say whether the
// account exists.
import { api } from '../api/client'
import type { ResetChannel } from '../api/types'

export const requestCode = (tenant: string, login: string, channel: ResetChannel) =>
  api<{ message: string }>('POST', '/api/v1/password-reset', { tenant, login, channel })

export const setPasswordWithCode = (tenant: string, login: string, code: string, newPassword: string) =>
  api<void>('POST', '/api/v1/password-reset/confirm', { tenant, login, code, newPassword })
