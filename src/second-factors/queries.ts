import type { Kysely } from 'kysely'
import type { Database, RecoveryCodesTable, SecondFactorsTable } from '../db/types.js'

export type SecondFactorRow = SecondFactorsTable

export async function listFactors(db: Kysely<Database>, userId: string, confirmedOnly = false) {
  let query = db.selectFrom('second_factors').selectAll().where('user_id', '=', userId)
  if (confirmedOnly) query = query.where('confirmed', '=', 1)
  return query.orderBy('created_at').execute()
}

export async function findFactor(db: Kysely<Database>, id: string) {
  return db.selectFrom('second_factors').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertFactor(db: Kysely<Database>, row: SecondFactorRow): Promise<void> {
  await db.insertInto('second_factors').values(row).execute()
}

export async function renameFactor(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db.updateTable('second_factors').set({ name }).where('id', '=', id).execute()
}

export async function deleteFactor(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('second_factors').where('id', '=', id).execute()
}

/** Removes TOTP keys the user began to enrol and never confirmed. */
export async function deleteUnconfirmedFactors(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('second_factors').where('user_id', '=', userId).where('confirmed', '=', 0).execute()
}

export async function deleteFactorsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('second_factors').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function confirmFactor(db: Kysely<Database>, id: string, step: number, now: number): Promise<void> {
  await db.updateTable('second_factors').set({ confirmed: 1, last_used_step: step, last_used_at: now }).where('id', '=', id).execute()
}

/**
 * Accepts a TOTP step once: the update only happens when the step is newer than the last accepted
 * one, in one statement, so that two parallel uses of one code cannot both succeed.
 */
export async function useTotpStep(db: Kysely<Database>, id: string, step: number, now: number): Promise<boolean> {
  const result = await db.updateTable('second_factors').set({ last_used_step: step, last_used_at: now })
    .where('id', '=', id).where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)])).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string, rows: RecoveryCodesTable[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  if (rows.length) await db.insertInto('recovery_codes').values(rows).execute()
}

export async function countUnusedRecoveryCodes(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks an unused code used, once (one statement: parallel uses of one code cannot both succeed). */
export async function useRecoveryCode(db: Kysely<Database>, userId: string, codeHash: string, now: number): Promise<boolean> {
  const result = await db.updateTable('recovery_codes').set({ used_at: now })
    .where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteRecoveryCodesOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
}
