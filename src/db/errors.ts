// Recognises constraint violations of either engine, so services can answer 409 with a precise code.

// SQLite names the columns of a violated unique index, PostgreSQL the index: map both to the index.
const SQLITE_UNIQUE_COLUMNS: Record<string, string> = {
  'tenants.slug': 'tenants_slug_key',
  'roles.tenant_id, roles.name_key': 'roles_tenant_name_key',
  'campaigns.tenant_id, campaigns.name_key': 'campaigns_tenant_name_key',
  'teams.tenant_id, teams.name_key': 'teams_tenant_name_key',
  'user_groups.tenant_id, user_groups.name_key': 'user_groups_tenant_name_key',
  'skills.tenant_id, skills.name_key': 'skills_tenant_name_key',
  'users.tenant_id, users.username_key': 'users_tenant_username_key',
  'users.tenant_id, users.email_key': 'users_tenant_email_key',
  'users.tenant_id, users.employee_number': 'users_tenant_employee_number',
  'users.tenant_id, users.agent_id': 'users_tenant_agent_id',
  'user_identities.tenant_id, user_identities.environment_key, user_identities.username_key': 'user_identities_unique',
}

interface DriverError { code?: string; constraint?: string; message?: string }

/** The name of the unique index a failed write violated, or null for any other error. */
export function violatedUniqueIndex(error: unknown): string | null {
  const e = error as DriverError
  if (e?.code === '23505') return e.constraint ?? 'unknown'
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /constraint failed: (.*)$/.exec(e.message ?? '')?.[1] ?? ''
    return SQLITE_UNIQUE_COLUMNS[columns] ?? 'unknown'
  }
  return null
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as DriverError)?.code
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
