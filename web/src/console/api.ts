// The console's shared reads: tenants (platform administrators), and the campaigns, roles, teams, user
// groups and skills of a tenant that filters and forms choose from.
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { Campaign, Role, Skill, Team, Tenant, UserGroup } from '../api/types'

type QueryValue = string | number | boolean | null | undefined

/** "?a=1&b=x" from the values that are set; "" when none is. */
export function queryString(params: Record<string, QueryValue>): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(name, String(value))
  const text = query.toString()
  return text ? `?${text}` : ''
}

interface Page<T> { items: T[]; total: number; nextCursor?: string }

// Lists for choices are read whole, 200 at a time by cursor, up to this many.
const LIST_LIMIT = 2000

async function listAll<T>(path: string, params: Record<string, QueryValue>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const page = await api<Page<T>>('GET', `${path}${queryString({ ...params, limit: 200, cursor })}`)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && items.length < LIST_LIMIT)
  return items
}

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name))

export const consoleKeys = {
  tenants: ['console', 'tenants'] as const,
  tenantBySlug: (slug: string) => ['console', 'tenant', slug] as const,
  campaigns: (tenant: string | null) => ['console', 'campaigns', tenant] as const,
  roles: (tenant: string | null) => ['console', 'roles', tenant] as const,
  teams: (tenant: string | null) => ['console', 'teams', tenant] as const,
  groups: (tenant: string | null) => ['console', 'groups', tenant] as const,
  skills: (tenant: string | null) => ['console', 'skills', tenant] as const,
}

export const listTenants = async () => byName(await listAll<Tenant>('/api/v1/tenants', {}))

/** The tenant with exactly this slug, or null. */
export async function tenantBySlug(slug: string): Promise<Tenant | null> {
  const found = await api<Page<Tenant>>('GET', `/api/v1/tenants${queryString({ q: slug, limit: 200 })}`)
  return found.items.find((tenant) => tenant.slug === slug) ?? null
}

/** `tenant` is an id or slug (null: one's own); the lists are sorted by name. */
export const listCampaigns = async (tenant: string | null) => byName(await listAll<Campaign>('/api/v1/campaigns', { tenant }))
export const listRoles = async (tenant: string | null) => byName(await listAll<Role>('/api/v1/roles', { tenant }))
export const listTeams = async (tenant: string | null) => byName(await listAll<Team>('/api/v1/teams', { tenant }))
export const listGroups = async (tenant: string | null) => byName(await listAll<UserGroup>('/api/v1/user-groups', { tenant }))
export const listSkills = async (tenant: string | null) => byName(await listAll<Skill>('/api/v1/skills', { tenant }))

/** The campaigns, roles and teams (and user groups and skills) of a tenant (null: one's own), each read once and kept a minute. */
export function useTenantLists(tenant: string | null, wanted: { campaigns: boolean; roles: boolean; teams: boolean; groups?: boolean; skills?: boolean }) {
  const options = { staleTime: 60_000 }
  return {
    groups: useQuery({ queryKey: consoleKeys.groups(tenant), queryFn: () => listGroups(tenant), enabled: wanted.groups ?? false, ...options }),
    skills: useQuery({ queryKey: consoleKeys.skills(tenant), queryFn: () => listSkills(tenant), enabled: wanted.skills ?? false, ...options }),
    campaigns: useQuery({ queryKey: consoleKeys.campaigns(tenant), queryFn: () => listCampaigns(tenant), enabled: wanted.campaigns, ...options }),
    roles: useQuery({ queryKey: consoleKeys.roles(tenant), queryFn: () => listRoles(tenant), enabled: wanted.roles, ...options }),
    teams: useQuery({ queryKey: consoleKeys.teams(tenant), queryFn: () => listTeams(tenant), enabled: wanted.teams, ...options }),
  }
}
