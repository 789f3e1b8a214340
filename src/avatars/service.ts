// Users' pictures: upload (checked, decoded and re-encoded as a square thumbnail before anything is
// written), read and remove, with the same visibility and no-escalation rules as editing the user.
import type { Context } from '../auth/context.js'
import { authorize } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { iso } from '../http/schemas.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { avatarNotFound } from './errors.js'
import { thumbnailOf } from './image.js'
import { deleteAvatar, findAvatar, findAvatarSummary, setAvatarVersion, upsertAvatar, type AvatarRow, type AvatarSummary } from './queries.js'
import { AVATAR_LIMITS, type Avatar } from './schema.js'

const toAvatar = (row: AvatarRow): Avatar => ({
  userId: row.user_id, contentType: row.content_type, width: AVATAR_LIMITS.side, height: AVATAR_LIMITS.side,
  size: row.size, updatedAt: iso(row.updated_at), version: row.version,
})

// What the audit trail says of a picture (as avatar.size and so on): never its bytes.
const audited = (summary: AvatarSummary | undefined) =>
  summary ? { avatar: { contentType: summary.content_type, size: summary.size, version: summary.version } } : null

/**
 * The next picture's version: the time of the upload, and always above the last one. It is part of
 * the picture's URL, which browsers may cache, so it must not come back after a removal (a counter
 * kept with the picture would restart at 1).
 */
export const nextAvatarVersion = (previous: number | null, now = Date.now()) => Math.max(now, (previous ?? 0) + 1)

export async function uploadAvatar(db: DB, ctx: Context, userId: string, upload: Buffer): Promise<Avatar> {
  authorize(ctx, 'users:write')
  // Decoding takes a while and may fail: before the transaction, so that a refused upload writes nothing.
  const thumbnail = await thumbnailOf(upload)
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'change the picture of')
    const before = await findAvatarSummary(trx, user.id)
    const row: AvatarRow = {
      user_id: user.id, tenant_id: user.tenant_id, content_type: thumbnail.contentType, image: thumbnail.image, size: thumbnail.image.length,
      updated_at: Date.now(), version: nextAvatarVersion(before?.version ?? user.avatar_version),
    }
    await upsertAvatar(trx, row)
    await setAvatarVersion(trx, user.id, row.version)
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: 'user.avatar_upload', entityType: 'user', entityId: user.id,
      changes: diff(audited(before), { avatar: { ...audited(row)!.avatar, uploadType: thumbnail.uploadType, uploadSize: upload.length } }),
    })
    return toAvatar(row)
  })
}

/** The user's stored picture (bytes, type and version); 404 when the user has none. */
export async function getAvatar(db: DB, ctx: Context, userId: string): Promise<AvatarRow> {
  authorize(ctx, 'users:read')
  const user = await findVisibleUser(db, ctx, userId)
  const avatar = await findAvatar(db, user.id)
  if (!avatar) throw avatarNotFound()
  return avatar
}

export async function removeAvatar(db: DB, ctx: Context, userId: string): Promise<void> {
  authorize(ctx, 'users:write')
  await db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'remove the picture of')
    const before = await findAvatarSummary(trx, user.id)
    if (!before) throw avatarNotFound()
    await deleteAvatar(trx, user.id)
    await setAvatarVersion(trx, user.id, null)
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.avatar_remove', entityType: 'user', entityId: user.id, changes: diff(audited(before), null) })
  })
}
