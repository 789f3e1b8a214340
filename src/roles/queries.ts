import type { Kysely, Selectable } from 'kysely'
import type { Database, RolesTable } from '../db/types.js'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'
import { deleteUserCounts } from '../users/queries.js'

export type RoleRow = Selectable<RolesTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findRoleById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('roles').selectAll().where('id', '=', id), lock).executeTakeFirst()

export const findRoleByKey = (db: Kysely<Database>, tenantId: string, key: string) =>
  db.selectFrom('roles').selectAll().where('tenant_id', '=', tenantId).where('builtin_key', '=', key).executeTakeFirst()

export async function insertRoles(db: Kysely<Database>, rows: RoleRow[]): Promise<void> {
  await db.insertInto('roles').values(rows).execute()
}

export async function updateRoleRow(db: Kysely<Database>, id: string, version: number, changes: Partial<RoleRow>): Promise<boolean> {
  const result = await db.updateTable('roles').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteRoleRow(db: Kysely<Database>, id: string): Promise<void> {
  await deleteUserCounts(db, 'role', id)
  await db.deleteFrom('roles').where('id', '=', id).execute()
}

/** Keeps the users' copy of the role name (used for sorting) in step with a rename. */
export async function renameRoleOnUsers(db: Kysely<Database>, roleId: string, name: string): Promise<void> {
  await db.updateTable('users').set({ role_name: name }).where('role_id', '=', roleId).execute()
}

export async function countRoleHolders(db: Kysely<Database>, roleId: string): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('role_id', '=', roleId).executeTakeFirstOrThrow()
  return Number(row.n)
}

export function roleListQuery(db: Kysely<Database>, filter: { tenantId: string | null; q?: string }) {
  let query = db.selectFrom('roles')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.q) query = query.where(likeContains('name_key', filter.q))
  return query
}
