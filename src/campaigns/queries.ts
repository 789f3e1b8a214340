import { sql, type Kysely, type Selectable } from 'kysely'
import type { CampaignsTable, Database } from '../db/types.js'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'
import { deleteUserCounts } from '../users/queries.js'

export type CampaignRow = Selectable<CampaignsTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findCampaignById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('campaigns').selectAll().where('id', '=', id), lock).executeTakeFirst()

export async function insertCampaign(db: Kysely<Database>, row: CampaignRow): Promise<void> {
  await db.insertInto('campaigns').values(row).execute()
}

export async function updateCampaignRow(db: Kysely<Database>, id: string, version: number, changes: Partial<CampaignRow>): Promise<boolean> {
  const result = await db.updateTable('campaigns').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Deletes a campaign; users lose the link and, where it was their default, their default campaign. */
export async function deleteCampaignRow(db: Kysely<Database>, id: string): Promise<void> {
  await deleteUserCounts(db, 'campaign', id)
  await db.updateTable('users').set({ default_campaign_id: null, default_campaign_name: null }).where('default_campaign_id', '=', id).execute()
  await db.deleteFrom('user_campaigns').where('campaign_id', '=', id).execute()
  await db.deleteFrom('campaigns').where('id', '=', id).execute()
}

/** Keeps the users' copy of the default campaign's name (used for sorting) in step with a rename. */
export async function renameCampaignOnUsers(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db.updateTable('users').set({ default_campaign_name: name }).where('default_campaign_id', '=', id).execute()
}

export function campaignListQuery(db: Kysely<Database>, filter: { tenantId: string | null; q?: string; active?: boolean; ids?: string[] }) {
  let query = db.selectFrom('campaigns')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.ids) query = filter.ids.length ? query.where('id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`)
  if (filter.q) query = query.where(likeContains('name_key', filter.q))
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0)
  return query
}
