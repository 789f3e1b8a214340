// For migrations that add a permission: the built-in roles that should hold it get it (a custom role
// is its tenant's to change). Not a migration itself: database.ts lists those by name.
import type { Kysely } from 'kysely'

export async function grantToBuiltinRoles(db: Kysely<any>, builtinKeys: string[], added: string[]): Promise<void> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).where('builtin_key', 'in', builtinKeys).execute()
  for (const role of roles) {
    const permissions = JSON.parse(role.permissions as string) as string[]
    const missing = added.filter((p) => !permissions.includes(p))
    if (missing.length) await db.updateTable('roles').set({ permissions: JSON.stringify([...permissions, ...missing]) }).where('id', '=', role.id).execute()
  }
}
