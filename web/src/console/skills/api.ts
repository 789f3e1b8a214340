// Skills and profiles: skills and profiles read with their ETags; a profile that logged-on agents use
// changes or goes only when confirmed (?confirm=true, else 409 profile_in_use). The tenant's level
// scale comes with the skills list; a user's profiles and skills.
import { useQuery } from '@tanstack/react-query'
import { api, apiVersioned } from '../../api/client'
import type { Profile, ProfileCreate, ProfilePatch, Skill, SkillCreate, SkillPatch, UserSkills, UserSkillsPatch } from '../../api/types'
import { queryString } from '../api'
import { useConsole } from '../console-context'
import { resourceApi } from '../forms/resource-api'

export const skillsApi = resourceApi<Skill, SkillCreate, SkillPatch>('/api/v1/skills')

const profilePath = (id: string, confirm: boolean) => `/api/v1/profiles/${encodeURIComponent(id)}${queryString({ confirm: confirm || null })}`

export const profilesApi = {
  read: (id: string) => apiVersioned<Profile>('GET', `/api/v1/profiles/${encodeURIComponent(id)}`),
  create: (body: ProfileCreate) => apiVersioned<Profile>('POST', '/api/v1/profiles', body),
  update: (id: string, patch: ProfilePatch, etag: string | null, confirm: boolean) => apiVersioned<Profile>('PATCH', profilePath(id, confirm), patch, etag),
  remove: async (id: string, etag: string | null, confirm: boolean) => {
    await apiVersioned<void>('DELETE', profilePath(id, confirm), undefined, etag)
  },
}

export const skillKeys = {
  scale: (tenantId: string | null) => ['console', 'skill-scale', tenantId] as const,
  profiles: (owner: string) => ['console', 'profiles', owner] as const,
  userSkills: (userId: string) => ['console', 'user', userId, 'skills'] as const,
}

/** A group's profiles (or a user's personal ones), by name. */
export const listProfiles = async (owner: { group: string } | { user: string }) =>
  (await api<{ items: Profile[] }>('GET', `/api/v1/profiles${queryString({ ...owner, limit: 200 })}`)).items

export const readUserSkills = (userId: string) => api<UserSkills>('GET', `/api/v1/users/${encodeURIComponent(userId)}/skills`)
export const switchProfiles = (userId: string, patch: UserSkillsPatch) => api<UserSkills>('PATCH', `/api/v1/users/${encodeURIComponent(userId)}/skills`, patch)

/** The best level of the console tenant's scale (settings.skillLevels.max, as the skills list names it). */
export function useSkillScale(): number | null {
  const { tenant } = useConsole()
  const scale = useQuery({
    queryKey: skillKeys.scale(tenant.id),
    queryFn: async () => (await api<{ maxLevel: number }>('GET', `/api/v1/skills${queryString({ tenant: tenant.id, limit: 1 })}`)).maxLevel,
    staleTime: 60_000,
  })
  return scale.data ?? null
}

/** Levels a select offers: 0 to the scale's best (up to the API's 99 when the scale is unknown), and a level already given above it. */
export function levelChoices(max: number | null, current?: number): number[] {
  const top = Math.max(max ?? 99, current ?? 0)
  return Array.from({ length: top + 1 }, (_, level) => level)
}
