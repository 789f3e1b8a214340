import { sql, type Kysely, type Selectable } from 'kysely'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'
import type { Database, UserGroupsTable } from '../db/types.js'

export type GroupRow = Selectable<UserGroupsTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findGroupById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('user_groups').selectAll().where('id', '=', id), lock).executeTakeFirst()

export const findDefaultGroup = (db: Kysely<Database>, tenantId: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('user_groups').selectAll().where('tenant_id', '=', tenantId).where('is_default', '=', 1), lock).executeTakeFirst()

/** The groups of these ids, in one read (for a page of users). */
export const findGroupsByIds = (db: Kysely<Database>, ids: string[]): Promise<GroupRow[]> =>
  ids.length ? db.selectFrom('user_groups').selectAll().where('id', 'in', ids).execute() : Promise.resolve([])

export async function insertGroup(db: Kysely<Database>, row: GroupRow): Promise<void> {
  await db.insertInto('user_groups').values(row).execute()
}

export async function updateGroupRow(db: Kysely<Database>, id: string, version: number, changes: Partial<GroupRow>): Promise<boolean> {
  const result = await db.updateTable('user_groups').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The tenant's default group stops being one (another is about to become it). */
export async function clearDefaultGroup(db: Kysely<Database>, tenantId: string): Promise<void> {
  await db.updateTable('user_groups').set((eb) => ({ is_default: 0, version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId).where('is_default', '=', 1).execute()
}

export async function deleteGroupRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('user_counts').where('scope', '=', 'group').where('scope_id', '=', id).execute()
  await db.deleteFrom('user_groups').where('id', '=', id).execute()
}

/** Users per group, from the kept totals. */
export async function groupSizes(db: Kysely<Database>, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows = await db.selectFrom('user_counts').select(['scope_id', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('scope', '=', 'group').where('scope_id', 'in', ids).groupBy('scope_id').execute()
  return new Map(rows.map((r) => [r.scope_id, Number(r.n)]))
}

export function groupListQuery(db: Kysely<Database>, filter: { tenantId: string | null; q?: string }) {
  let query = db.selectFrom('user_groups')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.q) query = query.where(likeContains('name_key', filter.q))
  return query
}

/**
 * A deleted campaign leaves the resource filters of groups and users, one statement a table. The
 * lists are JSON.stringify'd arrays of unique ids ("[\"a\",\"b\"]", no spaces), so taking out
 * `"id",` (first or middle), else `,"id"` (last), else `"id"` (alone) leaves a valid list.
 */
export async function removeCampaignFromResourceFilters(db: Kysely<Database>, tenantId: string, campaignId: string): Promise<void> {
  const quoted = `"${campaignId}"`
  const without = sql<string>`replace(replace(replace(resource_filter_ids, ${`${quoted},`}, ''), ${`,${quoted}`}, ''), ${quoted}, '')`
  for (const table of ['user_groups', 'users'] as const) {
    await db.updateTable(table).set({ resource_filter_ids: without }).where('tenant_id', '=', tenantId).where('resource_filter_ids', 'like', `%${quoted}%`).execute()
  }
}
