// The one pagination helper: numbered pages (offset) or opaque cursors (keyset), always with the
// total count of matches. Rows are ordered by (sort column, tie-breaker) where NULL sorts first in
// ascending order on both engines (the indexes are built that way).
import { sql, type SelectQueryBuilder, type RawBuilder } from 'kysely'
import { Problem } from '../http/problem.js'
import type { DialectName } from './dialect.js'

export interface PageRequest {
  limit: number
  page?: number
  cursor?: string
}

export interface Page<T> {
  items: T[]
  total: number
  page?: number
  nextCursor?: string
}

export interface SortSpec {
  /** Column expression as SQL, e.g. "u.last_name". */
  column: string
  /** Tie-breaker column: unique, never null, e.g. "u.pk". */
  tieBreaker: string
  order: 'asc' | 'desc'
  /** Cursor values are bound to the sort they were made for. */
  key: string
}

export type CursorValue = string | number | null
export interface Cursor { s: string; v: CursorValue; t: CursorValue }

const invalidCursor = () => new Problem(400, 'invalid_cursor', 'The cursor is not valid for this query; start again from the first page.')

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url')
}

export function decodeCursor(value: string, sortKey: string): Cursor {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor()
  }
  const ok = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'number'
  if (typeof parsed !== 'object' || parsed === null) throw invalidCursor()
  const c = parsed as Record<string, unknown>
  if (c.s !== sortKey || !ok(c.v) || !ok(c.t) || c.t === null) throw invalidCursor()
  return { s: c.s, v: c.v as CursorValue, t: c.t as CursorValue }
}

/** Rows strictly after the cursor position in the given order (NULL is the smallest value). */
export function afterCursor(sort: SortSpec, c: Cursor): RawBuilder<boolean> {
  const col = sql.raw(sort.column)
  const tie = sql.raw(sort.tieBreaker)
  if (sort.order === 'asc') {
    return c.v === null
      ? sql<boolean>`((${col} is null and ${tie} > ${c.t}) or ${col} is not null)`
      : sql<boolean>`((${col}, ${tie}) > (${c.v}, ${c.t}))`
  }
  return c.v === null
    ? sql<boolean>`(${col} is null and ${tie} < ${c.t})`
    : sql<boolean>`((${col}, ${tie}) < (${c.v}, ${c.t}) or ${col} is null)`
}

export function orderSql(sort: SortSpec, dialect: DialectName): RawBuilder<unknown> {
  const dir = sort.order === 'asc' ? 'asc' : 'desc'
  const nulls = dialect === 'postgres' ? (sort.order === 'asc' ? ' nulls first' : ' nulls last') : ''
  return sql.raw(`${sort.column} ${dir}${nulls}, ${sort.tieBreaker} ${dir}`)
}

/**
 * Runs `rows` (filtered, not yet ordered) for one page and `count` for the total.
 * `cursorOf` reads the sort value and tie-breaker from a row to build the next cursor.
 */
export async function paginate<DB, TB extends keyof DB, O>(options: {
  rows: SelectQueryBuilder<DB, TB, O>
  count: () => Promise<number>
  sort: SortSpec
  request: PageRequest
  dialect: DialectName
  cursorOf: (row: O) => [CursorValue, CursorValue]
}): Promise<Page<O>> {
  const { sort, request, dialect } = options
  let query = options.rows.orderBy(orderSql(sort, dialect)).limit(request.limit + 1)
  if (request.cursor !== undefined) {
    query = query.where(afterCursor(sort, decodeCursor(request.cursor, sort.key)))
  } else if (request.page !== undefined && request.page > 1) {
    query = query.offset((request.page - 1) * request.limit)
  }
  const [rows, total] = await Promise.all([query.execute(), options.count()])
  const hasMore = rows.length > request.limit
  const items = hasMore ? rows.slice(0, request.limit) : rows
  const last = items[items.length - 1]
  const page: Page<O> = { items, total }
  if (request.cursor === undefined) page.page = request.page ?? 1
  if (hasMore && last !== undefined) {
    const [v, t] = options.cursorOf(last)
    page.nextCursor = encodeCursor({ s: sort.key, v, t })
  }
  return page
}
