import type { Kysely, Selectable } from 'kysely'
import { preparedQuery } from '../db/prepared.js'
import type { Database, UserAvatarsTable } from '../db/types.js'

export type AvatarRow = Selectable<UserAvatarsTable>
export type AvatarSummary = Pick<AvatarRow, 'content_type' | 'size' | 'version'>

// Prepared: the users list asks for a picture per row.
const avatarOfUser = preparedQuery((db, userId: string) => db.selectFrom('user_avatars').selectAll().where('user_id', '=', userId))

export const findAvatar = async (db: Kysely<Database>, userId: string): Promise<AvatarRow | undefined> => (await avatarOfUser(db, userId))[0]

/** The stored picture's facts, without its bytes. */
export const findAvatarSummary = (db: Kysely<Database>, userId: string): Promise<AvatarSummary | undefined> =>
  db.selectFrom('user_avatars').select(['content_type', 'size', 'version']).where('user_id', '=', userId).executeTakeFirst()

export async function upsertAvatar(db: Kysely<Database>, row: AvatarRow): Promise<void> {
  const { user_id: _userId, ...set } = row
  await db.insertInto('user_avatars').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(set)).execute()
}

export async function deleteAvatar(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('user_avatars').where('user_id', '=', userId).execute()
}

/** The users row's copy of the picture's version (null: none), which the User answers carry. */
export async function setAvatarVersion(db: Kysely<Database>, userId: string, version: number | null): Promise<void> {
  await db.updateTable('users').set({ avatar_version: version }).where('id', '=', userId).execute()
}
