import { notFound, Problem } from '../http/problem.js'
import { AVATAR_LIMITS } from './schema.js'

const mebibytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`

export const avatarTooLarge = () =>
  new Problem(413, 'avatar_too_large', `The picture is larger than ${mebibytes(AVATAR_LIMITS.maxBytes)}.`)

export const avatarTypeUnsupported = () =>
  new Problem(415, 'avatar_type_unsupported', 'The picture must be a PNG or JPEG image (its content decides, not its name or stated type).')

export const avatarCorrupt = () =>
  new Problem(422, 'avatar_corrupt', 'The picture cannot be read: the file is damaged or incomplete.')

export const avatarDimensionsTooLarge = () =>
  new Problem(422, 'avatar_dimensions_too_large', `The picture has more than ${AVATAR_LIMITS.maxPixels / 1_000_000} million pixels.`)

export const avatarMissing = () =>
  new Problem(422, 'avatar_missing', 'Send the picture as multipart/form-data in the field "file", or as an image/png or image/jpeg body.')

export const malformedUpload = () =>
  new Problem(400, 'malformed_multipart', 'The form data cannot be read.')

export const avatarNotFound = () => notFound('avatar')
