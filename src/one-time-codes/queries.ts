import type { Kysely } from 'kysely'
import type { CodePurpose, Database, OneTimeCodesTable } from '../db/types.js'

export async function latestCode(db: Kysely<Database>, userId: string, purpose: CodePurpose) {
  return db.selectFrom('one_time_codes').selectAll().where('user_id', '=', userId).where('purpose', '=', purpose)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** A new code in place of the user's earlier codes for the purpose (only the newest one works). */
export async function replaceCode(db: Kysely<Database>, row: OneTimeCodesTable): Promise<void> {
  await db.deleteFrom('one_time_codes').where('user_id', '=', row.user_id).where('purpose', '=', row.purpose).execute()
  await db.insertInto('one_time_codes').values(row).execute()
}

/** Counts a try, in one statement, while the code has tries left; false when it has none. */
export async function countTry(db: Kysely<Database>, id: string, maxTries: number): Promise<boolean> {
  const result = await db.updateTable('one_time_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('attempts', '<', maxTries).where('used_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Uses the code, once: of two parallel uses only one changes the row. */
export async function useCode(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  const result = await db.updateTable('one_time_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteCodes(db: Kysely<Database>, userId: string, purpose: CodePurpose): Promise<void> {
  await db.deleteFrom('one_time_codes').where('user_id', '=', userId).where('purpose', '=', purpose).execute()
}
