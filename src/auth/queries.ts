import { preparedQuery } from '../db/prepared.js'
import type { Kysely } from 'kysely'
import type { DB } from '../db/database.js'
import type { Database } from '../db/types.js'

// Every API request makes this read: prepared.
const apiKeyActor = preparedQuery((db, secretHash: string) => db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .innerJoin('roles as r', 'r.id', 'u.role_id')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select([
      'k.id as api_key_id', 'k.revoked_at', 'k.last_used_at',
      'u.id as user_id', 'u.username', 'u.active as user_active', 'u.tenant_id', 'u.role_id', 'u.restrict_view',
      'r.permissions', 't.slug as tenant_slug', 't.active as tenant_active',
    ])
    .where('k.secret_hash', '=', secretHash))

/** The campaigns a user is linked to. */
export async function findCampaignIdsOfUser(db: Kysely<Database>, userId: string): Promise<string[]> {
  return (await db.selectFrom('user_campaigns').select('campaign_id').where('user_id', '=', userId).execute()).map((row) => row.campaign_id)
}

export async function findApiKeyActor(db: DB, secretHash: string) {
  return (await apiKeyActor(db, secretHash))[0]
}

export async function touchApiKey(db: DB, apiKeyId: string, now: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', apiKeyId).execute()
}
