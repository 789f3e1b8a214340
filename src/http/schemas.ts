// Schema pieces shared by every feature: ids, paging, problem answers.
import Type, { type TSchema } from 'typebox'

export const Id = Type.String({ format: 'uuid', description: 'An id (UUID).' })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export const Timestamp = Type.String({ format: 'date-time' })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const PagingQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Rows per page (at most 200).' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Numbered page, starting at 1.' })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'Opaque cursor from `nextCursor`, for fast deep paging.' })),
  order: Type.Enum(['asc', 'desc'], { default: 'asc' }),
}

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'All matches, not just this page.' }),
    page: Type.Optional(Type.Integer()),
    nextCursor: Type.Optional(Type.String()),
  })

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'Stable machine-readable error code.' }),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({
    path: Type.String(), code: Type.String(), message: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'The numbers of the broken rule, e.g. {"min": 12} for password_too_short.' })),
  }))),
}, { description: 'RFC 9457 problem details (application/problem+json).' })

const problem = (description: string) => ({ ...ProblemSchema, description })

/** Error answers every authenticated route may give, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  401: problem('No valid API key or session.'),
  403: problem('The caller lacks a permission.'),
  404: problem('Not found, or in a tenant the caller cannot see.'),
  409: problem('Conflicts with existing data (e.g. `username_taken`).'),
  412: problem('If-Match names an older version (`version_conflict`).'),
  422: problem('Validation failed; `errors` lists every failing field.'),
  429: problem('Too many attempts (`too_many_attempts`); Retry-After says when to try again.'),
}

export const iso = (ms: number) => new Date(ms).toISOString()
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
