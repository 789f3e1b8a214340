import type { Kysely, Selectable } from 'kysely'
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

export const countUsersInGroup = async (db: Kysely<Database>, id: string): Promise<number> =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', id).executeTakeFirstOrThrow()).n)

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

/** A deleted campaign leaves the resource filters of groups and users (ids in JSON lists). */
export async function removeCampaignFromResourceFilters(db: Kysely<Database>, tenantId: string, campaignId: string): Promise<void> {
  const drop = (json: string) => JSON.stringify((JSON.parse(json) as string[]).filter((id) => id !== campaignId))
  const pattern = `%"${campaignId}"%`
  for (const group of await db.selectFrom('user_groups').select(['id', 'resource_filter_ids']).where('tenant_id', '=', tenantId).where('resource_filter_ids', 'like', pattern).execute()) {
    await db.updateTable('user_groups').set({ resource_filter_ids: drop(group.resource_filter_ids) }).where('id', '=', group.id).execute()
  }
  for (const user of await db.selectFrom('users').select(['id', 'resource_filter_ids']).where('tenant_id', '=', tenantId).where('resource_filter_ids', 'like', pattern).execute()) {
    await db.updateTable('users').set({ resource_filter_ids: drop(user.resource_filter_ids) }).where('id', '=', user.id).execute()
  }
}
