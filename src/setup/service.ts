// First start and the command line: the platform tenant, administrators, API keys for scripts.
import type { DB } from '../db/database.js'
import { systemContext } from '../auth/context.js'
import { PLATFORM_TENANT_SLUG } from '../auth/service.js'
import { generatePassword, hashPassword } from '../auth/passwords.js'
import { issueApiKey } from '../api-keys/service.js'
import { caseKey } from '../db/text.js'
import { Problem } from '../http/problem.js'
import { ALL_PERMISSIONS } from '../roles/permissions.js'
import { findRoleByKey } from '../roles/queries.js'
import { findTenantBySlug } from '../tenants/queries.js'
import { createTenant } from '../tenants/service.js'
import { findUserByUsername, setPasswordHash } from '../users/queries.js'
import { createUser } from '../users/service.js'
import type { User } from '../users/schema.js'

const SYSTEM = systemContext(new Set(ALL_PERMISSIONS))

async function tenantBySlug(db: DB, slug: string) {
  const tenant = await findTenantBySlug(db, slug)
  if (!tenant) throw new Problem(404, 'tenant_not_found', `There is no tenant "${slug}".`)
  return tenant
}

export interface CreatedAdmin { user: User; password: string; generated: boolean }

/** Creates a user with the tenant's Administrator role and a password (given, or generated and returned once). */
export async function createAdmin(db: DB, options: { tenantSlug: string; username: string; password?: string | undefined; email?: string | undefined }): Promise<CreatedAdmin> {
  const tenant = await tenantBySlug(db, options.tenantSlug)
  const role = await findRoleByKey(db, tenant.id, 'administrator')
  if (!role) throw new Problem(409, 'role_not_found', 'The tenant has no Administrator role.')
  const user = await createUser(db, SYSTEM, {
    tenantId: tenant.id, username: options.username, roleId: role.id, firstName: '', lastName: 'Administrator', displayName: options.username,
    ...(options.email ? { email: options.email } : {}),
  })
  const password = options.password ?? generatePassword()
  await setPasswordHash(db, user.id, await hashPassword(password), Date.now())
  return { user, password, generated: options.password === undefined }
}

/**
 * On an empty database: the platform tenant and its first administrator. Safe to call on every
 * start and from several processes at once; it only acts while the platform tenant has no user.
 */
export async function ensurePlatform(db: DB, admin: { username?: string | undefined; password?: string | undefined }): Promise<CreatedAdmin | null> {
  if (!(await findTenantBySlug(db, PLATFORM_TENANT_SLUG))) {
    await createTenant(db, SYSTEM, { slug: PLATFORM_TENANT_SLUG, name: 'Platform' }).catch((error: unknown) => {
      if (!(error instanceof Problem && error.code === 'slug_taken')) throw error
    })
  }
  const tenant = await tenantBySlug(db, PLATFORM_TENANT_SLUG)
  const anyUser = await db.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).limit(1).executeTakeFirst()
  if (anyUser) return null
  try {
    return await createAdmin(db, { tenantSlug: PLATFORM_TENANT_SLUG, username: admin.username ?? 'admin', password: admin.password })
  } catch (error) {
    if (error instanceof Problem && error.code === 'username_taken') return null // another process was first
    throw error
  }
}

/** A new API key for a user named by tenant slug and username; the key text is returned once. */
export async function createApiKeyFor(db: DB, options: { tenantSlug: string; username: string; name: string }) {
  const tenant = await tenantBySlug(db, options.tenantSlug)
  const user = await findUserByUsername(db, tenant.id, caseKey(options.username))
  if (!user) throw new Problem(404, 'user_not_found', `Tenant "${options.tenantSlug}" has no user "${options.username}".`)
  return db.transaction().execute((trx) => issueApiKey(trx, SYSTEM, user, options.name))
}
