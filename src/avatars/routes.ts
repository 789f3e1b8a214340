import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { authorize } from '../auth/service.js'
import { contextOf } from '../http/app.js'
import { etagOf, notModified, sendVersioned } from '../http/etag.js'
import { Problem } from '../http/problem.js'
import { ERROR_RESPONSES, IdParams, ProblemSchema } from '../http/schemas.js'
import { avatarMissing, avatarTooLarge, avatarTypeUnsupported, malformedUpload } from './errors.js'
import { Avatar, AVATAR_CONTENT_TYPE, AVATAR_LIMITS, AvatarQuery } from './schema.js'
import { getAvatar, removeAvatar, uploadAvatar } from './service.js'

const tags = ['users']

// The bodies an upload may come as besides a form; the bytes decide the type, not these names.
const RAW_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream']

// A URL naming the current version always shows the same picture (versions never come back).
const CACHE_VERSIONED = 'private, max-age=86400, immutable'
const CACHE_UNVERSIONED = 'private, no-cache'

const UPLOAD_ERRORS = {
  413: { ...ProblemSchema, description: 'Larger than 8 MB (`avatar_too_large`).' },
  415: { ...ProblemSchema, description: 'Not a PNG or JPEG by its bytes (`avatar_type_unsupported`).' },
}

/** A raw body, refused as soon as it passes the limit (a Content-Length over it: at once). */
async function readRawBody(payload: AsyncIterable<Buffer>, contentLength: string | undefined): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > AVATAR_LIMITS.maxBytes) throw avatarTooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of payload) {
    size += chunk.length
    if (size > AVATAR_LIMITS.maxBytes) throw avatarTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** The form's "file" part; its stated name and type are ignored. */
async function readFormFile(request: FastifyRequest): Promise<Buffer> {
  try {
    const part = await request.file({ limits: { fileSize: AVATAR_LIMITS.maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 10_000 } })
    if (!part || part.fieldname !== 'file') throw avatarMissing()
    return await part.toBuffer()
  } catch (error) {
    if (error instanceof Problem) throw error
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw avatarTooLarge()
    throw malformedUpload()
  }
}

export const avatarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered here, so that only these routes take forms and image bodies: every other route still
  // answers them 415.
  await app.register(multipart)
  app.addContentTypeParser(RAW_TYPES, (request, payload, done) => {
    readRawBody(payload, request.headers['content-length']).then((body) => done(null, body), (error: Error) => done(error, undefined))
  })

  app.post('/users/:id/avatar', {
    config: { access: 'users:write' },
    // Before the body is read: a caller who may not upload does not get to send 8 MB first.
    preParsing: async (request) => authorize(contextOf(request), 'users:write'),
    schema: {
      tags,
      summary: 'Upload the user\'s picture (users:write): PNG or JPEG up to 8 MB, as multipart/form-data field "file" or as the body',
      description: 'The type is read from the bytes. The image is decoded, turned upright, cropped to a 256×256 square and stored as WebP without any metadata. '
        + 'Refusals: 413 avatar_too_large, 415 avatar_type_unsupported, 422 avatar_corrupt, avatar_dimensions_too_large (over 50 million pixels) or avatar_missing.',
      params: IdParams,
      response: { 200: Avatar, ...UPLOAD_ERRORS, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const upload = request.isMultipart() ? await readFormFile(request) : request.body
    if (upload === undefined || upload === null) throw avatarMissing()
    if (!Buffer.isBuffer(upload)) throw avatarTypeUnsupported()
    return sendVersioned(reply, await uploadAvatar(app.db, contextOf(request), request.params.id, upload))
  })

  app.get('/users/:id/avatar', {
    config: { access: 'users:read' },
    schema: {
      tags,
      summary: 'The user\'s picture (users:read): a 256×256 WebP image; 404 avatar_not_found when there is none',
      params: IdParams,
      querystring: AvatarQuery,
      response: {
        200: { description: 'The picture; ETag names its version.', content: { [AVATAR_CONTENT_TYPE]: { schema: Type.String({ format: 'binary' }) } } },
        304: { description: 'If-None-Match names the current version.', type: 'null' },
        ...ERROR_RESPONSES,
      },
    },
  }, async (request, reply) => {
    const avatar = await getAvatar(app.db, contextOf(request), request.params.id)
    const etag = etagOf(avatar.version)
    void reply.header('ETag', etag).header('Cache-Control', request.query.v === avatar.version ? CACHE_VERSIONED : CACHE_UNVERSIONED)
    if (notModified(request, etag)) return reply.status(304).send(null)
    return reply.type(avatar.content_type).send(avatar.image as unknown as string) // bytes; the typed reply only knows the documented bodies
  })

  app.delete('/users/:id/avatar', {
    config: { access: 'users:write' },
    schema: { tags, summary: 'Remove the user\'s picture (users:write)', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await removeAvatar(app.db, contextOf(request), request.params.id)
    return reply.status(204).send(null)
  })
}
