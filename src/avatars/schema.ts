import Type, { type Static } from 'typebox'
import { Id, Timestamp } from '../http/schemas.js'

export const AVATAR_LIMITS = {
  /** The largest upload, in bytes (8 MB). */
  maxBytes: 8 * 1024 * 1024,
  /**
   * The most pixels an upload may have: a 48-megapixel photo passes; a small file claiming huge
   * dimensions (a decompression bomb) is refused before it is decoded.
   */
  maxPixels: 50_000_000,
  /** The stored thumbnail is this many pixels wide and high. */
  side: 256,
}

/** What the API stores of every upload, whatever its type. */
export const AVATAR_CONTENT_TYPE = 'image/webp'

export const Avatar = Type.Object({
  userId: Id,
  contentType: Type.String({ description: 'Always image/webp: uploads are re-encoded.' }),
  width: Type.Integer(),
  height: Type.Integer(),
  size: Type.Integer({ description: 'Bytes of the stored picture.' }),
  updatedAt: Timestamp,
  version: Type.Integer({ description: 'The user\'s avatarVersion: grows with every new picture.' }),
})
export type Avatar = Static<typeof Avatar>

export const AvatarQuery = Type.Object({
  v: Type.Optional(Type.Integer({ minimum: 0, description: 'The avatarVersion the caller knows; when current, the answer may be cached for a day.' })),
}, { additionalProperties: false })
