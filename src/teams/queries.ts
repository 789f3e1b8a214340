import type { Kysely, Selectable } from 'kysely'
import type { TeamsTable, Database } from '../db/types.js'
import { lockedForUpdate } from '../db/dialect.js'
import { likeContains } from '../db/text.js'
import { deleteUserCounts } from '../users/queries.js'

export type TeamRow = Selectable<TeamsTable>

/** `lock`: inside a write transaction, hold the row until it commits. */
export const findTeamById = (db: Kysely<Database>, id: string, lock = false) =>
  lockedForUpdate(db, db.selectFrom('teams').selectAll().where('id', '=', id), lock).executeTakeFirst()

export async function insertTeam(db: Kysely<Database>, row: TeamRow): Promise<void> {
  await db.insertInto('teams').values(row).execute()
}

export async function updateTeamRow(db: Kysely<Database>, id: string, version: number, changes: Partial<TeamRow>): Promise<boolean> {
  const result = await db.updateTable('teams').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Deletes a team; its members lose the link. */
export async function deleteTeamRow(db: Kysely<Database>, id: string): Promise<void> {
  await deleteUserCounts(db, 'team', id)
  await db.deleteFrom('user_teams').where('team_id', '=', id).execute()
  await db.deleteFrom('teams').where('id', '=', id).execute()
}

export function teamListQuery(db: Kysely<Database>, filter: { tenantId: string | null; q?: string }) {
  let query = db.selectFrom('teams')
  if (filter.tenantId !== null) query = query.where('tenant_id', '=', filter.tenantId)
  if (filter.q) query = query.where(likeContains('name_key', filter.q))
  return query
}
