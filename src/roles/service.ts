// Roles: built-in ones seeded per tenant, custom ones ("user profiles") from the same catalogue.
// No privilege escalation: nobody creates, changes or deletes a role with permissions they lack.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, holdsAll, PLATFORM_TENANT_SLUG, resolveTenantScope, targetTenantId, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { isId, newId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { notFound } from '../http/problem.js'
import { iso } from '../http/schemas.js'
import { findTenantById } from '../tenants/queries.js'
import { builtinRoleReadOnly, escalation, platformOnlyPermission, roleInUse, roleNameTaken } from './errors.js'
import { ALL_PERMISSIONS, BUILTIN_ROLES, PERMISSIONS, PLATFORM_ONLY, isPermission, type Permission } from './permissions.js'
import { countRoleHolders, deleteRoleRow, findRoleById, insertRoles, renameRoleOnUsers, roleListQuery, updateRoleRow, type RoleRow } from './queries.js'
import type { Role, RoleCreate, RoleListQuery, RolePatch } from './schema.js'

export const permissionsOf = (row: Pick<RoleRow, 'permissions'>): Permission[] =>
  (JSON.parse(row.permissions) as string[]).filter(isPermission)

export function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    key: row.builtin_key,
    name: row.name,
    description: row.description,
    builtin: row.builtin_key !== null,
    permissions: permissionsOf(row),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }
}

const auditView = (r: Role) => ({ name: r.name, description: r.description, permissions: r.permissions })

/** Seeds the built-in roles into a new tenant; the platform tenant's Administrator also manages tenants. */
export async function seedBuiltinRoles(trx: Kysely<Database>, tenantId: string, isPlatform: boolean): Promise<void> {
  const now = Date.now()
  await insertRoles(trx, BUILTIN_ROLES.map((role) => ({
    id: newId(now),
    tenant_id: tenantId,
    builtin_key: role.key,
    name: role.name,
    name_key: caseKey(role.name),
    description: role.description,
    permissions: JSON.stringify(isPlatform && role.key === 'administrator' ? ALL_PERMISSIONS : role.permissions),
    created_at: now,
    updated_at: now,
    version: 1,
  })))
}

export function listPermissions() {
  return { items: ALL_PERMISSIONS.map((name) => ({ name, description: PERMISSIONS[name], platformOnly: PLATFORM_ONLY.includes(name) })) }
}

export async function listRoles(db: DB, ctx: Context, query: RoleListQuery) {
  authorize(ctx, 'roles:read')
  const filter = { tenantId: await resolveTenantScope(db, ctx, query.tenant), ...(query.q ? { q: query.q } : {}) }
  const page = await paginate({
    rows: roleListQuery(db, filter).selectAll(),
    count: async () => Number((await roleListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.name_key, row.id],
  })
  return { ...page, items: page.items.map(toRole) }
}

async function visibleRole(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<RoleRow> {
  return visibleOr404(ctx, isId(id) ? await findRoleById(db, id, lock) : undefined, 'role')
}

export async function getRole(db: DB, ctx: Context, id: string): Promise<Role> {
  authorize(ctx, 'roles:read')
  return toRole(await visibleRole(db, ctx, id))
}

/** Refuses permissions the actor lacks and platform-only permissions outside the platform tenant. */
async function checkGrantable(db: Kysely<Database>, ctx: Context, tenantId: string, permissions: readonly Permission[]): Promise<void> {
  if (!holdsAll(ctx, permissions)) throw escalation('grant these permissions')
  const tenant = await findTenantById(db, tenantId)
  if (!tenant) throw notFound('tenant')
  const index = permissions.findIndex((p) => PLATFORM_ONLY.includes(p))
  if (index >= 0 && tenant.slug !== PLATFORM_TENANT_SLUG) throw platformOnlyPermission(index)
}

export async function createRole(db: DB, ctx: Context, input: RoleCreate): Promise<Role> {
  authorize(ctx, 'roles:manage')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  return db.transaction().execute(async (trx) => {
    await checkGrantable(trx, ctx, tenantId, input.permissions)
    const now = Date.now()
    const row: RoleRow = {
      id: newId(now), tenant_id: tenantId, builtin_key: null, name: input.name, name_key: caseKey(input.name),
      description: input.description ?? '', permissions: JSON.stringify(input.permissions),
      created_at: now, updated_at: now, version: 1,
    }
    try {
      await insertRoles(trx, [row])
    } catch (error) {
      if (violatedUniqueIndex(error) === 'roles_tenant_name_key') throw roleNameTaken()
      throw error
    }
    const role = toRole(row)
    await recordAudit(trx, ctx, { tenantId, action: 'role.create', entityType: 'role', entityId: row.id, changes: diff(null, auditView(role)) })
    return role
  })
}

export async function updateRole(db: DB, ctx: Context, id: string, patch: RolePatch, expected: number | undefined): Promise<Role> {
  authorize(ctx, 'roles:manage')
  return db.transaction().execute(async (trx) => {
    const row = await visibleRole(trx, ctx, id, true)
    checkVersion(row.version, expected)
    if (row.builtin_key !== null) throw builtinRoleReadOnly()
    const before = toRole(row)
    if (!holdsAll(ctx, before.permissions)) throw escalation('change this role')
    if (patch.permissions) await checkGrantable(trx, ctx, row.tenant_id, patch.permissions)
    const changes: Partial<RoleRow> = {
      name: patch.name ?? row.name,
      name_key: caseKey(patch.name ?? row.name),
      description: patch.description ?? row.description,
      permissions: patch.permissions ? JSON.stringify(patch.permissions) : row.permissions,
      updated_at: Date.now(),
    }
    try {
      if (!(await updateRoleRow(trx, row.id, row.version, changes))) throw versionConflict()
    } catch (error) {
      if (violatedUniqueIndex(error) === 'roles_tenant_name_key') throw roleNameTaken()
      throw error
    }
    if (changes.name !== row.name) await renameRoleOnUsers(trx, row.id, changes.name!)
    const after = toRole({ ...row, ...changes, version: row.version + 1 })
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'role.update', entityType: 'role', entityId: row.id, changes: diff(auditView(before), auditView(after)) })
    return after
  })
}

export async function deleteRole(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'roles:manage')
  await db.transaction().execute(async (trx) => {
    const row = await visibleRole(trx, ctx, id, true)
    checkVersion(row.version, expected)
    if (row.builtin_key !== null) throw builtinRoleReadOnly()
    const before = toRole(row)
    if (!holdsAll(ctx, before.permissions)) throw escalation('delete this role')
    const holders = await countRoleHolders(trx, row.id)
    if (holders > 0) throw roleInUse(holders)
    await deleteRoleRow(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'role.delete', entityType: 'role', entityId: row.id, changes: diff(auditView(before), null) })
  })
}
