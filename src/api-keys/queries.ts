import type { Kysely, Selectable } from 'kysely'
import type { ApiKeysTable, Database } from '../db/types.js'

export type ApiKeyRow = Selectable<ApiKeysTable>

export async function insertApiKey(db: Kysely<Database>, row: ApiKeyRow): Promise<void> {
  await db.insertInto('api_keys').values(row).execute()
}

export const findApiKeyById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()

export async function revokeApiKeyRow(db: Kysely<Database>, id: string, at: number): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute()
}

export function apiKeyListQuery(db: Kysely<Database>, userId: string, includeRevoked: boolean) {
  let query = db.selectFrom('api_keys').where('user_id', '=', userId)
  if (!includeRevoked) query = query.where('revoked_at', 'is', null)
  return query
}
