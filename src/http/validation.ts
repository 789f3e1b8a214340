// Request validation: typebox compiles each route schema; failures become one 422 listing every
// failing field as {path, code, message}.
import type { FastifySchemaCompiler } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Settings } from 'typebox/system'
import { Value } from 'typebox/value'
import { FORMATS } from './formats.js'
import { invalid, type FieldError } from './problem.js'

// Report every failing field, not just the first eight (typebox's default).
Settings.Set({ maxErrors: 1000 })

interface TypeboxError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message: string
}

/** "/identities/0/username" → "identities[0].username" */
export function toFieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')
}

const join = (base: string, name: string) => (base ? `${base}.${name}` : name)

function describe(error: TypeboxError): Omit<FieldError, 'path'> {
  const p = error.params
  switch (error.keyword) {
    case 'format': {
      const known = FORMATS[String(p.format)]
      return known ? { code: known[1], message: known[2] } : { code: 'invalid_format', message: error.message }
    }
    case 'maxLength': return { code: 'too_long', message: `must be at most ${p.limit} characters` }
    case 'minLength': return p.limit === 1 ? { code: 'required', message: 'must not be empty' } : { code: 'too_short', message: `must be at least ${p.limit} characters` }
    case 'pattern': return { code: 'invalid_format', message: 'has characters that are not allowed' }
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return { code: 'out_of_range', message: error.message }
    case 'maxItems': return { code: 'too_many', message: `must have at most ${p.limit} items` }
    case 'minItems': return { code: 'too_few', message: `must have at least ${p.limit} items` }
    case 'uniqueItems': return { code: 'duplicate', message: 'must not repeat an item' }
    case 'enum': case 'const': return { code: 'invalid_value', message: 'is not one of the allowed values' }
    case 'type': return { code: 'invalid_type', message: `must be ${p.type}` }
    default: return { code: 'invalid', message: error.message }
  }
}

/** Turns typebox errors into one error per field, the most telling one first. */
export function fieldErrors(errors: TypeboxError[], prefix = ''): FieldError[] {
  const out = new Map<string, FieldError>()
  const put = (path: string, e: Omit<FieldError, 'path'>) => { if (!out.has(path)) out.set(path, { path, ...e }) }
  const byPath = new Map<string, TypeboxError[]>()
  for (const error of errors) {
    if (error.keyword === 'required') {
      const base = toFieldPath(error.instancePath)
      for (const name of (error.params.requiredProperties as string[] | undefined) ?? []) {
        put(join(join(prefix, base), name), { code: 'required', message: 'is required' })
      }
    } else if (error.keyword === 'additionalProperties') {
      const base = toFieldPath(error.instancePath)
      for (const name of (error.params.additionalProperties as string[] | undefined) ?? []) {
        put(join(join(prefix, base), name), { code: 'unknown_field', message: 'is not a known field' })
      }
    } else if (error.keyword !== 'boolean' && error.keyword !== 'anyOf') {
      const list = byPath.get(error.instancePath) ?? []
      list.push(error)
      byPath.set(error.instancePath, list)
    }
  }
  for (const [pointer, list] of byPath) {
    // In "string or null" unions the null branch's complaint says nothing useful.
    const telling = list.filter((e) => !(e.keyword === 'type' && e.params.type === 'null'))
    const first = (telling.find((e) => e.keyword !== 'type') ?? telling[0] ?? list[0])!
    put(join(prefix, toFieldPath(pointer)), describe(first))
  }
  return [...out.values()]
}

type TextConverter = (value: Record<string, unknown>) => Record<string, unknown>

/**
 * Query strings and path parameters are flat objects of text. For such schemas, a converter made
 * once turns "50" into 50 and "true" into true and fills in defaults, as Value.Convert and
 * Value.Default would, but some 50 times faster (they walk the schema on every request). Returns
 * null for any other shape; those take the general way.
 */
export function textConverter(schema: TSchema): TextConverter | null {
  const object = schema as { type?: unknown; properties?: Record<string, { type?: unknown; enum?: unknown; default?: unknown }> }
  if (object.type !== 'object' || !object.properties) return null
  const fields: Array<{ name: string; type: string; fallback: unknown }> = []
  for (const [name, property] of Object.entries(object.properties)) {
    const type = Array.isArray(property.enum) ? 'string' : property.type
    if (type !== 'string' && type !== 'integer' && type !== 'number' && type !== 'boolean') return null
    fields.push({ name, type, fallback: property.default })
  }
  return (value) => {
    const out: Record<string, unknown> = { ...value }
    for (const { name, type, fallback } of fields) {
      const text = out[name]
      if (text === undefined) {
        if (fallback !== undefined) out[name] = fallback
      } else if (typeof text === 'string') {
        // Anything else is left as it came, for the check to refuse with the field's name.
        if (type === 'integer' ? /^-?\d{1,15}$/.test(text) : type === 'number' && /^-?\d{1,15}(\.\d{1,15})?$/.test(text)) out[name] = Number(text)
        else if (type === 'boolean' && /^(true|false|1|0)$/i.test(text)) out[name] = /^(true|1)$/i.test(text)
      }
    }
    return out
  }
}

/** Fastify validator compiler: querystring, params and headers are coerced; bodies are not. */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema)
  const fast = httpPart === 'body' ? null : textConverter(schema)
  const convert = (value: unknown) =>
    httpPart === 'body' ? value
      : fast && value !== null && typeof value === 'object' ? fast(value as Record<string, unknown>)
        // Query strings and path parameters arrive as text: convert them and fill in defaults.
        : Value.Default(schema, Value.Convert(schema, value))
  return (value: unknown) => {
    const converted = convert(value)
    if (check.Check(converted)) return { value: converted }
    return { error: invalid(fieldErrors(check.Errors(converted) as TypeboxError[])) }
  }
}
