// The `gatehouse` command as a newcomer runs it: the compiled bin, a real data directory, a real port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl } from './harness.js'

const bin = path.resolve('bin/gatehouse.js')

function gatehouse(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' })
}

async function waitForOutput(child: ChildProcess, pattern: RegExp, ms = 20_000): Promise<string> {
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), ms)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (pattern.test(output)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)))
  })
}

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
}, 120_000)

describe('gatehouse command on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-'))
  const env = { GATEHOUSE_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' }
  let server: ChildProcess | undefined
  afterAll(() => {
    server?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('migrates, and a second migrate changes nothing', () => {
    expect(gatehouse(['migrate'], env)).toMatch(/Applied: 2026-11-24-directory/)
    expect(gatehouse(['migrate'], env)).toMatch(/up to date/)
  })

  it('serves on first start with the admin from the environment, and api-key create prints a working key last', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000))
    server = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1', GATEHOUSE_ADMIN_USERNAME: 'root', GATEHOUSE_ADMIN_PASSWORD: 'a-long-admin-password' },
    })
    const output = await waitForOutput(server, /API key:.*\n/)
    expect(output).toContain('Platform administrator: root')
    expect(output).toContain(`Sign in:   http://127.0.0.1:${port}/t/system/login`)
    expect(output).not.toContain('a-long-admin-password') // a given password is never printed
    const lines = gatehouse(['api-key', 'create', '--tenant', 'system', '--username', 'root'], env).trim().split('\n')
    const key = lines[lines.length - 1]!
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}$/)
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/users?q=root`, { headers: { authorization: `Bearer ${key}` } })
    expect(me.status).toBe(200)
    expect((await me.json()).items[0].username).toBe('root')
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200)
  })

  it('admin create generates and prints a password once', () => {
    const output = gatehouse(['admin', 'create', '--username', 'second-admin'], { ...env, GATEHOUSE_ADMIN_PASSWORD: '' })
    expect(output).toMatch(/Created administrator second-admin/)
    expect(output).toMatch(/Password \(shown once\): \S{20}/)
  })

  it('api-key create for an unknown user fails plainly', () => {
    expect(() => execFileSync(process.execPath, [bin, 'api-key', 'create', '--tenant', 'system', '--username', 'nobody'], { env: { ...process.env, ...env }, stdio: 'pipe' }))
      .toThrow(/has no user "nobody"/)
  })
})

describe.skipIf(!postgresUrl())('gatehouse command on PostgreSQL', () => {
  const schema = `cli_${randomBytes(4).toString('hex')}`
  const url = () => `${postgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema},public`)}`
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl() })
    await client.connect()
    await client.query(`create schema ${schema}`)
    await client.end()
  })
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl() })
    await client.connect()
    await client.query(`drop schema ${schema} cascade`)
    await client.end()
  })

  it('migrates with DATABASE_URL, twice safely, and makes keys', () => {
    expect(gatehouse(['migrate'], { DATABASE_URL: url() })).toMatch(/Applied/)
    expect(gatehouse(['migrate'], { DATABASE_URL: url() })).toMatch(/up to date/)
    const lines = gatehouse(['api-key', 'create', '--tenant', 'system', '--username', 'admin'], { DATABASE_URL: url() }).trim().split('\n')
    expect(lines[lines.length - 1]).toMatch(/^ghk_/)
  })
})
