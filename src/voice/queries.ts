import type { Kysely, Selectable } from 'kysely'
import type { Database, UserVoiceTable } from '../db/types.js'

export type VoiceRow = Selectable<UserVoiceTable>

export const findVoice = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('user_voice').selectAll().where('user_id', '=', userId).executeTakeFirst()

export async function upsertVoice(db: Kysely<Database>, row: VoiceRow): Promise<void> {
  const { user_id: _userId, ...set } = row
  await db.insertInto('user_voice').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(set)).execute()
}

/**
 * The phones of a tenant in extension order, a batch at a time: active people with an internal
 * number, their display names and their voice rows (none: the defaults).
 */
export function phonesOfTenant(db: Kysely<Database>, tenantId: string, afterExtension: number, limit: number) {
  return db.selectFrom('users as u').leftJoin('user_voice as v', 'v.user_id', 'u.id')
    .select(['u.id', 'u.extension', 'u.display_name', 'u.username', 'v.transport', 'v.nat', 'v.codecs', 'v.context', 'v.call_groups', 'v.pickup_groups', 'v.sip_password'])
    .where('u.tenant_id', '=', tenantId).where('u.kind', '=', 'agent').where('u.active', '=', 1)
    .where('u.extension', 'is not', null).where('u.extension', '>', afterExtension)
    .orderBy('u.extension').limit(limit).execute()
}

/** The transports the tenant's phones use (no voice row: udp). */
export async function transportsInUse(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('users as u').leftJoin('user_voice as v', 'v.user_id', 'u.id')
    .select((eb) => eb.fn.coalesce('v.transport', eb.val('udp')).as('transport')).distinct()
    .where('u.tenant_id', '=', tenantId).where('u.kind', '=', 'agent').where('u.active', '=', 1).where('u.extension', 'is not', null)
    .execute()
  return rows.map((row) => row.transport).sort()
}
