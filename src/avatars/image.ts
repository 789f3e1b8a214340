// Turns an upload into the stored picture: the type is read from the bytes (never from a file name
// or a Content-Type), the image is decoded, turned upright (EXIF orientation), cropped to a square
// and re-encoded, which leaves every piece of metadata (EXIF, GPS, XMP, ICC, comments) behind.
import sharp from 'sharp'
import { avatarCorrupt, avatarDimensionsTooLarge, avatarTypeUnsupported } from './errors.js'
import { AVATAR_CONTENT_TYPE, AVATAR_LIMITS } from './schema.js'

export type UploadType = 'image/png' | 'image/jpeg'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** The image type the bytes begin with (their magic number), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): UploadType | null {
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return null
}

export interface Thumbnail {
  uploadType: UploadType
  contentType: string
  image: Buffer
}

const SHARP_FORMAT: Record<UploadType, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg' }

/** The stored picture made of an upload; a Problem (415 or 422) for anything but a sound PNG or JPEG. */
export async function thumbnailOf(upload: Buffer): Promise<Thumbnail> {
  const uploadType = sniffImageType(upload)
  if (!uploadType) throw avatarTypeUnsupported()
  // libvips must read it as the type its first bytes claim (it would also take e.g. a TIFF or SVG).
  // Only the header is read here, so no pixel limit yet: a huge one gets its own answer below.
  const header = await sharp(upload, { limitInputPixels: false }).metadata().catch(() => null)
  if (!header || header.format !== SHARP_FORMAT[uploadType] || !header.width || !header.height) throw avatarCorrupt()
  if (header.width * header.height > AVATAR_LIMITS.maxPixels) throw avatarDimensionsTooLarge()
  try {
    // failOn 'warning': a truncated or damaged image is refused rather than stored half grey.
    const image = await sharp(upload, { failOn: 'warning', limitInputPixels: AVATAR_LIMITS.maxPixels })
      .autoOrient()
      .resize(AVATAR_LIMITS.side, AVATAR_LIMITS.side, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer()
    return { uploadType, contentType: AVATAR_CONTENT_TYPE, image }
  } catch {
    throw avatarCorrupt()
  }
}
