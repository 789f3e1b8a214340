// The permission catalogue. Roles are sets of these; every API route names the one it needs.
// See docs/permissions.md for the same list in prose.

export const PERMISSIONS = {
  'users:read': 'See users and their details, search and export the directory.',
  'users:write': 'Create users and change their details, options, campaigns, teams, identities and role; activate and deactivate them.',
  'users:delete': 'Delete users for good.',
  'users:credentials': 'Manage other users\' API keys (and, with sign-in, their passwords and second factors).',
  'roles:read': 'See roles and the permission catalogue.',
  'roles:manage': 'Create, change and delete custom roles.',
  'campaigns:read': 'See campaigns.',
  'campaigns:manage': 'Create, change and delete campaigns.',
  'teams:read': 'See teams.',
  'teams:manage': 'Create, change and delete teams.',
  'groups:manage': 'Create, change and delete user groups and the properties their users inherit.',
  'skills:manage': 'Define skills and the skill-level scale, and the group and personal profiles that give users skills.',
  'settings:manage': 'See and change the own tenant\'s name and settings (time zone, username rule, policies).',
  'audit:read': 'Read the audit trail of the tenant.',
  'presence:write': 'Report users logging on to and off the queues (the telephony\'s machine account).',
  'voice:export': 'Export the tenant\'s phones as Asterisk PJSIP configuration, SIP passwords included.',
  'tenants:manage': 'Platform administrators only: create, change and deactivate tenants and act in every tenant.',
} as const

export type Permission = keyof typeof PERMISSIONS
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[]

/** Permissions that only roles of the platform tenant may hold. */
export const PLATFORM_ONLY: readonly Permission[] = ['tenants:manage']

export const isPermission = (value: string): value is Permission => value in PERMISSIONS

const TENANT_PERMISSIONS = ALL_PERMISSIONS.filter((p) => !PLATFORM_ONLY.includes(p))

/** Built-in roles, seeded into every tenant. Their permissions cannot be edited. */
export const BUILTIN_ROLES: ReadonlyArray<{ key: string; name: string; description: string; permissions: readonly Permission[] }> = [
  {
    key: 'administrator',
    name: 'Administrator',
    description: 'Full control of the tenant.',
    permissions: TENANT_PERMISSIONS,
  },
  {
    key: 'contact-centre-manager',
    name: 'Contact Centre Manager',
    description: 'Runs the contact centre: users, campaigns, teams, groups, skills and the audit trail.',
    permissions: ['users:read', 'users:write', 'users:credentials', 'roles:read', 'campaigns:read', 'campaigns:manage', 'teams:read', 'teams:manage', 'groups:manage', 'skills:manage', 'audit:read'],
  },
  {
    key: 'campaign-administrator',
    name: 'Campaign Administrator',
    description: 'Sets up campaigns and sees who works on them.',
    permissions: ['users:read', 'roles:read', 'campaigns:read', 'campaigns:manage', 'teams:read'],
  },
  {
    key: 'quality-manager',
    name: 'Quality Manager',
    description: 'Reviews the work of agents; reads the directory.',
    permissions: ['users:read', 'roles:read', 'campaigns:read', 'teams:read'],
  },
  {
    key: 'team-leader',
    name: 'Team Leader / Supervisor',
    description: 'Looks after a group of agents: can edit agents, not other staff.',
    permissions: ['users:read', 'users:write', 'users:credentials', 'roles:read', 'campaigns:read', 'teams:read'],
  },
  {
    key: 'agent',
    name: 'Agent',
    description: 'Handles contacts; no administrative rights.',
    permissions: [],
  },
]

/** The platform tenant's Administrator also manages tenants. */
export const PLATFORM_ADMIN_PERMISSIONS: readonly Permission[] = ALL_PERMISSIONS
