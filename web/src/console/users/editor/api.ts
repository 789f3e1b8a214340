// The user editor's calls: the user with its ETag (for If-Match), create, change, delete, password
// and invitation, the Voice tab's phone settings (their own ETag) and SIP password, and the Security,
// Information and History tabs' reads and actions.
import { api, apiVersioned, type Versioned } from '../../../api/client'
import type {
  AgentIdPage, ApiKey, ApiKeyCreated, AuditPage, Avatar, FactorList, LockState, PasswordSetAnswer, SessionView, User, UserCreate, UserPatch, UserVoice, VoicePatch,
} from '../../../api/types'
import { queryString } from '../../api'

const userPath = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`

export const editorKeys = {
  user: (id: string) => ['console', 'user', id] as const,
  voice: (id: string) => ['console', 'user', id, 'voice'] as const,
  factors: (id: string) => ['console', 'user', id, 'second-factors'] as const,
  sessions: (id: string) => ['console', 'user', id, 'sessions'] as const,
  apiKeys: (id: string) => ['console', 'user', id, 'api-keys'] as const,
  history: (id: string, page: number) => ['console', 'user', id, 'history', page] as const,
  agentIds: (tenant: string, page: number) => ['console', 'agent-ids', tenant, page] as const,
}

export const readUser = (id: string) => apiVersioned<User>('GET', userPath(id))
export const createUser = (body: UserCreate) => apiVersioned<User>('POST', '/api/v1/users', body)
export const updateUser = (id: string, patch: UserPatch, etag: string | null) => apiVersioned<User>('PATCH', userPath(id), patch, etag)
export const deleteUser = (id: string, etag: string | null) => apiVersioned<void>('DELETE', userPath(id), undefined, etag)
export type VersionedUser = Versioned<User>

export const readVoice = (id: string) => apiVersioned<UserVoice>('GET', `${userPath(id)}/voice`)
export const updateVoice = (id: string, patch: VoicePatch, etag: string | null) => apiVersioned<UserVoice>('PATCH', `${userPath(id)}/voice`, patch, etag)
export type VersionedVoice = Versioned<UserVoice>
/** A new SIP password for the user's phone, shown this once (it moves the voice settings' version). */
export const newSipPassword = (id: string) => api<{ sipPassword: string }>('POST', `${userPath(id)}/sip-password`)

/** A password for the user to change at the next sign-in (the Workspace manual's rule). */
export const setPassword = (id: string, password: string) => api<PasswordSetAnswer>('PUT', `${userPath(id)}/password`, { password, temporary: true })
export const generatePassword = (tenantId: string) => api<{ password: string }>('GET', `/api/v1/password-generator${queryString({ tenant: tenantId })}`)
export const invite = (id: string, channel: 'email' | 'sms') => api<{ sentTo: string; expiresAt: string }>('POST', `${userPath(id)}/invitation`, { channel })

/** The user's picture, as the form a browser sends (field "file"); the API checks and re-encodes it. */
export function uploadAvatar(id: string, file: File): Promise<Avatar> {
  const form = new FormData()
  form.append('file', file)
  return api<Avatar>('POST', `${userPath(id)}/avatar`, form)
}
export const removeAvatar = (id: string) => api<void>('DELETE', `${userPath(id)}/avatar`)

export const listAgentIds = (tenantId: string, page: number) => api<AgentIdPage>('GET', `/api/v1/users/agent-ids${queryString({ tenant: tenantId, page, limit: 20 })}`)

export const listFactors = (id: string) => api<FactorList>('GET', `${userPath(id)}/second-factors`)
export const resetFactors = (id: string) => api<{ removed: number }>('DELETE', `${userPath(id)}/second-factors`)
export const listSessions = async (id: string) => (await api<{ items: SessionView[] }>('GET', `${userPath(id)}/sessions`)).items
export const endSessions = (id: string) => api<{ ended: number }>('DELETE', `${userPath(id)}/sessions`)
export const lockUser = (id: string) => api<LockState>('POST', `${userPath(id)}/lock`)
export const unlockUser = (id: string) => api<LockState>('POST', `${userPath(id)}/unlock`)

export const listApiKeys = async (userId: string) => (await api<{ items: ApiKey[] }>('GET', `/api/v1/api-keys${queryString({ user: userId, limit: 200 })}`)).items
export const createApiKey = (userId: string, name: string) => api<ApiKeyCreated>('POST', '/api/v1/api-keys', { userId, name })
export const revokeApiKey = (id: string) => api<ApiKey>('DELETE', `/api/v1/api-keys/${encodeURIComponent(id)}`)

export const listHistory = (user: User, page: number) =>
  api<AuditPage>('GET', `/api/v1/audit${queryString({ tenant: user.tenantId, entityType: 'user', entityId: user.id, page, limit: 20 })}`)
