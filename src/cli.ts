// The `gatehouse` command: serve, migrate, admin create, api-key create.
import { parseArgs } from 'node:util'
import { loadConfig } from './config.js'
import { migrate, openDatabase, type DB } from './db/database.js'
import { loadSecretKey, SecretBox } from './auth/secret-box.js'
import { buildApp } from './http/app.js'
import { Problem } from './http/problem.js'
import { createAdmin, createApiKeyFor, ensurePlatform } from './setup/service.js'

const HELP = `Usage: gatehouse <command> [options]

Commands:
  serve                                   Migrate, create the platform tenant on first start, and serve (PORT, HOST, DATABASE_URL)
  migrate                                 Bring the database schema up to date (safe to run twice)
  admin create --username NAME [--tenant SLUG] [--email EMAIL]
                                          Create an administrator (password from GATEHOUSE_ADMIN_PASSWORD or generated)
  api-key create --tenant SLUG --username NAME [--name LABEL]
                                          Create an API key for a user; the key is the last line printed
  help                                    This text

Environment: PORT (8080), HOST (0.0.0.0), DATABASE_URL (postgres://… ; default SQLite under ./data/),
GATEHOUSE_ADMIN_USERNAME / GATEHOUSE_ADMIN_PASSWORD (first start), GATEHOUSE_TRUST_PROXY, LOG_LEVEL.`

async function withDatabase<T>(run: (db: DB) => Promise<T>, migrateFirst = true): Promise<T> {
  const config = loadConfig()
  const db = openDatabase(config.database)
  try {
    if (migrateFirst) await migrate(db)
    return await run(db)
  } finally {
    await db.destroy()
  }
}

async function serve(): Promise<void> {
  const config = loadConfig()
  const db = openDatabase(config.database)
  await migrate(db)
  const admin = await ensurePlatform(db, { username: config.adminUsername, password: config.adminPassword })
  const secrets = SecretBox.fromKey(loadSecretKey(config.secretKey, config.dataDir))
  const app = await buildApp({ db, config, secrets, messages: config.messages })
  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const base = `http://${shown}:${config.port}`
  const where = config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL'
  // One write, so that whoever reads the output sees all of it at once.
  const lines = [
    `\nGatehouse is running on ${where}.`,
    `  Sign in:   ${base}/t/system/login  (your account page; other tenants: ${base}/t/<tenant>/login)`,
    `  API docs:  ${base}/api/docs  (authenticate with an API key)`,
    ...(admin ? [`  Platform administrator: ${admin.user.username}`] : []),
    ...(admin?.generated ? [`  Password (shown once, store it now): ${admin.password}`] : []),
    `  API key:   npx gatehouse api-key create --tenant system --username ${admin?.user.username ?? '<admin>'}\n`,
  ]
  console.log(lines.join('\n'))
  const stop = async () => {
    await app.close()
    await db.destroy()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  const { values } = parseArgs({
    args: sub?.startsWith('--') ? [sub, ...rest] : rest,
    options: { tenant: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: false,
    strict: true,
  })
  try {
    if (command === 'serve') {
      await serve()
      return -1 // keeps running
    }
    if (command === 'migrate') {
      const applied = await withDatabase(migrate, false)
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
      return 0
    }
    if (command === 'admin' && sub === 'create') {
      if (!values.username) throw new Error('admin create needs --username')
      const created = await withDatabase(async (db) => {
        await ensurePlatform(db, {})
        return createAdmin(db, { tenantSlug: values.tenant ?? 'system', username: values.username!, password: process.env.GATEHOUSE_ADMIN_PASSWORD || undefined, email: values.email })
      })
      console.log(`Created administrator ${created.user.username} in tenant ${values.tenant ?? 'system'}.`)
      if (created.generated) console.log(`Password (shown once): ${created.password}`)
      return 0
    }
    if (command === 'api-key' && sub === 'create') {
      if (!values.tenant || !values.username) throw new Error('api-key create needs --tenant and --username')
      const created = await withDatabase(async (db) => {
        await ensurePlatform(db, { username: process.env.GATEHOUSE_ADMIN_USERNAME, password: process.env.GATEHOUSE_ADMIN_PASSWORD })
        return createApiKeyFor(db, { tenantSlug: values.tenant!, username: values.username!, name: values.name ?? 'command line' })
      })
      console.log(`API key "${created.apiKey.name}" for ${values.username} (${created.apiKey.prefix}…); it is shown once:`)
      console.log(created.key)
      return 0
    }
    console.log(HELP)
    return command === 'help' || command === undefined ? 0 : 2
  } catch (error) {
    if (error instanceof Problem) {
      console.error(`gatehouse: ${error.message}${error.errors ? ` ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : ''}`)
      return 1
    }
    throw error
  }
}
