// Voice settings per user (Connectel's "Voice" section): transport, NAT, codecs in order, dialplan
// context, call and pickup groups, and a SIP password kept sealed (AES-256-GCM, see SecretBox) for
// the PJSIP export. A table of its own, so that the users rows the directory reads stay narrow.
// The export is a new permission, given to the built-in Administrators.
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const key = pg ? 'text collate "C"' : 'text'
  const int8 = pg ? 'bigint' : 'integer'
  for (const statement of [
    `create table user_voice (
      user_id ${key} primary key references users(id) on delete cascade,
      tenant_id ${key} not null references tenants(id) on delete cascade,
      transport text not null,
      nat text not null,
      codecs text not null,
      context text not null,
      call_groups text not null,
      pickup_groups text not null,
      sip_password text,
      updated_at ${int8} not null,
      version integer not null)`,
    `create index user_voice_tenant on user_voice (tenant_id)`,
  ]) await sql.raw(statement).execute(db)
  const admins = await db.selectFrom('roles').select(['id', 'permissions']).where('builtin_key', '=', 'administrator').execute()
  for (const role of admins) {
    const permissions = JSON.parse(role.permissions as string) as string[]
    if (!permissions.includes('voice:export')) {
      await db.updateTable('roles').set({ permissions: JSON.stringify([...permissions, 'voice:export']) }).where('id', '=', role.id).execute()
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only')
}
