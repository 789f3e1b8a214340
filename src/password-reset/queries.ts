import type { Kysely } from 'kysely'
import type { Database } from '../db/types.js'

/** The user of the tenant whose username or email address this is (both unique per tenant). */
export async function findUserByLogin(db: Kysely<Database>, tenantSlug: string, loginKey: string) {
  return db.selectFrom('users as u').innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select(['u.id', 'u.tenant_id', 'u.kind', 'u.username', 'u.email', 'u.mobile_phone', 'u.active', 't.active as tenant_active', 't.slug as tenant_slug', 't.name as tenant_name'])
    .where('t.slug', '=', tenantSlug)
    .where((eb) => eb.or([eb('u.username_key', '=', loginKey), eb('u.email_key', '=', loginKey)]))
    .executeTakeFirst()
}

export async function markEmailVerified(db: Kysely<Database>, userId: string): Promise<void> {
  await db.updateTable('users').set({ email_verified: 1 }).where('id', '=', userId).execute()
}
