// preparedQuery builds a query once per database with stand-in arguments and swaps the real ones in.
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { preparedQuery } from '../src/db/prepared.js'
import { describeEachEngine } from './harness.js'

describeEachEngine('prepared queries', (env) => {
  const tenantsNamed = preparedQuery((db, slug: string, name: string) => db.selectFrom('tenants')
    .select(['slug', sql<string>`${name}`.as('echo')])
    .where((eb) => eb.or([eb('slug', '=', slug), eb('name', '=', name)]))
    .orderBy('slug'))

  it('runs with each call\'s own arguments, also an argument used twice', async () => {
    expect(await tenantsNamed(env().db, 'system', 'nobody')).toEqual([{ slug: 'system', echo: 'nobody' }])
    expect(await tenantsNamed(env().db, 'none', 'x')).toEqual([])
    const system = await env().db.selectFrom('tenants').select('name').where('slug', '=', 'system').executeTakeFirstOrThrow()
    expect(await tenantsNamed(env().db, 'none', system.name)).toEqual([{ slug: 'system', echo: system.name }])
  })

  it('still runs after a migration changed the columns it returns (PostgreSQL prepares it again)', async () => {
    const tenantBySlug = preparedQuery((db, slug: string) => db.selectFrom('tenants').selectAll().where('slug', '=', slug))
    const everyConnection = () => Promise.all(Array.from({ length: 12 }, () => tenantBySlug(env().db, 'system')))
    for (const rows of await everyConnection()) expect(rows[0]).not.toHaveProperty('added_later')
    await sql`alter table tenants add column added_later integer not null default 7`.execute(env().db)
    for (const rows of await everyConnection()) expect(rows[0]).toHaveProperty('added_later', 7)
  })

  it('refuses a query that does not pass an argument as a parameter', async () => {
    const inlined = preparedQuery((db, slug: string) => db.selectFrom('tenants').select('slug').where('slug', '=', sql.lit(slug)))
    await expect(inlined(env().db, 'system')).rejects.toThrow(/not a parameter/)
  })
})
