import { sql, type RawBuilder } from 'kysely'

// Normal forms stored beside user-typed text, so that uniqueness and search ignore case and accents.

/** Case-insensitive key: "Anna.Smith" and "anna.smith" collide. */
export const caseKey = (value: string) => value.normalize('NFC').toLowerCase()

/** Search form: lower case, accents removed ("Zoë Ørsted" → "zoe orsted"). */
export function searchKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØ]/g, 'o').replace(/[łŁ]/g, 'l').replace(/[đĐ]/g, 'd').replace(/ß/g, 'ss').replace(/[æÆ]/g, 'ae')
    .toLowerCase()
}

/**
 * `keyColumn` (a column holding caseKey() of a name) contains `text`, whatever its case, with LIKE
 * wildcards in `text` taken literally. Lower-casing happens in JavaScript on both sides because
 * SQLite's lower() and LIKE fold ASCII letters only.
 */
export function likeContains(keyColumn: string | RawBuilder<string>, text: string): RawBuilder<boolean> {
  const pattern = `%${caseKey(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const column = typeof keyColumn === 'string' ? sql.ref(keyColumn) : keyColumn
  return sql<boolean>`${column} like ${pattern} escape '\\'`
}
