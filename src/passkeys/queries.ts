import type { Kysely } from 'kysely'
import type { Database, WebauthnChallengesTable } from '../db/types.js'

export type ChallengeRow = WebauthnChallengesTable
export type ChallengeBinding = Pick<ChallengeRow, 'tenant_id' | 'user_id' | 'session_id' | 'attempt_hash' | 'purpose'>

/** Stores a challenge in place of the earlier ones of its session (or attempt) and purpose; expired ones go. */
export async function replaceChallenge(db: Kysely<Database>, row: ChallengeRow): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', row.created_at).execute()
  await db.deleteFrom('webauthn_challenges').where('purpose', '=', row.purpose).where('user_id', 'is not distinct from', row.user_id)
    .where('session_id', 'is not distinct from', row.session_id).where('attempt_hash', 'is not distinct from', row.attempt_hash).execute()
  await db.insertInto('webauthn_challenges').values(row).execute()
}

/**
 * Takes the challenge if it was made for this binding: deleted in the same statement, so that of two
 * uses only one gets it. Expiry is the caller's to check.
 */
export async function takeChallenge(db: Kysely<Database>, challenge: string, binding: Partial<ChallengeBinding> & Pick<ChallengeBinding, 'purpose'>) {
  let query = db.deleteFrom('webauthn_challenges').where('challenge', '=', challenge).where('purpose', '=', binding.purpose)
  if (binding.user_id !== undefined) query = query.where('user_id', 'is not distinct from', binding.user_id)
  if (binding.session_id !== undefined) query = query.where('session_id', 'is not distinct from', binding.session_id)
  if (binding.attempt_hash !== undefined) query = query.where('attempt_hash', 'is not distinct from', binding.attempt_hash)
  return query.returningAll().executeTakeFirst()
}

export async function findPasskeyByCredentialId(db: Kysely<Database>, credentialId: string) {
  return db.selectFrom('second_factors').selectAll().where('credential_id', '=', credentialId).where('kind', '=', 'webauthn').where('confirmed', '=', 1).executeTakeFirst()
}

export async function recordPasskeyUse(db: Kysely<Database>, id: string, signCount: number, now: number): Promise<void> {
  await db.updateTable('second_factors').set({ sign_count: signCount, last_used_at: now }).where('id', '=', id).execute()
}
