import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, TenantsTable } from '../db/types.js'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'

export type TenantRow = Selectable<TenantsTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findTenantById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('tenants').selectAll().where('id', '=', id), lock).executeTakeFirst()

export const findTenantBySlug = (db: Kysely<Database>, slug: string) =>
  db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst()

export async function insertTenant(db: Kysely<Database>, row: TenantRow): Promise<void> {
  await db.insertInto('tenants').values(row).execute()
}

/** Updates when the version still matches; returns false when someone else got there first. */
export async function updateTenant(db: Kysely<Database>, id: string, version: number, changes: Partial<TenantRow>): Promise<boolean> {
  const result = await db.updateTable('tenants').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export function tenantListQuery(db: Kysely<Database>, filter: { q?: string; active?: boolean }) {
  let query = db.selectFrom('tenants')
  if (filter.q) {
    const q = filter.q
    query = query.where((eb) => eb.or([likeContains('slug', q), likeContains(sql<string>`lower(name)`, q)]))
  }
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0)
  return query
}
