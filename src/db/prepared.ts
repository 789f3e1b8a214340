// Kysely builds and compiles each query anew, which costs more than running the SQL for the short
// reads that every request makes (the API-key lookup, a user by id: see docs/benchmarks.md). A
// prepared query is built once per database with stand-in arguments, and later runs put the real
// arguments where the stand-ins were. On PostgreSQL the statement is also prepared on the server
// once per connection (see namePreparedStatements), which halves what these reads cost there.
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { Database } from './types.js'

type Slot = { arg: number } | { value: unknown }

const statementNames = new Map<string, string>()

/** The server-side statement name of a prepared query's SQL; undefined for any other SQL. */
export const preparedStatementName = (sql: string): string | undefined => statementNames.get(sql)

export function preparedQuery<A extends string[], R>(build: (db: Kysely<Database>, ...args: A) => Compilable<R>) {
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<R>; slots: Slot[] }>()
  return async (db: Kysely<Database>, ...args: A): Promise<R[]> => {
    let entry = compiled.get(db)
    if (!entry) {
      const standIns = args.map((_, i) => `\u0000arg${i}\u0000`) as A
      const query = build(db, ...standIns).compile()
      const slots = query.parameters.map((value): Slot => {
        const arg = standIns.indexOf(value as string)
        return arg >= 0 ? { arg } : { value }
      })
      // Every argument must reach the SQL as a parameter; one inlined or dropped would be lost.
      if (standIns.some((_, i) => !slots.some((s) => 'arg' in s && s.arg === i))) {
        throw new Error(`preparedQuery: an argument is not a parameter of ${query.sql}`)
      }
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `gatehouse_${statementNames.size + 1}`)
      entry = { query, slots }
      compiled.set(db, entry)
    }
    const parameters = entry.slots.map((s) => ('arg' in s ? args[s.arg] : s.value))
    return (await db.executeQuery<R>({ ...entry.query, parameters })).rows
  }
}
