// All settings come from the environment, read once at start.
import path from 'node:path'
import type { MessagesConfig } from './messages/service.js'

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string }

export interface Config {
  port: number
  host: string
  database: DatabaseConfig
  /** Trust X-Forwarded-* headers (set when Gatehouse runs behind a reverse proxy). */
  trustProxy: boolean
  logLevel: string
  adminUsername: string | undefined
  adminPassword: string | undefined
  /** Where the SQLite file and, without GATEHOUSE_SECRET_KEY, the generated secret key live. */
  dataDir: string
  /** 32 bytes (64 hex digits or base64) that seal stored secrets such as TOTP keys. */
  secretKey: string | undefined
  /** Email and SMS delivery; without them, messages go to the development outbox in the data directory. */
  messages: MessagesConfig
  /** The address users open the pages at; passkeys (WebAuthn) are bound to its host name and origin. */
  publicUrl: string
  /** How long a passkey registration or sign-in may take before it times out (about a minute). */
  webauthnTimeoutMs: number
}

/** The pages' address when GATEHOUSE_PUBLIC_URL is not set (WebAuthn refuses 127.0.0.1, so: localhost). */
export const defaultPublicUrl = (port: number) => `http://localhost:${port}`

/** The origin (scheme, host, port) of a public URL; throws when it is no http(s) URL. */
export function publicOrigin(url: string): { origin: string; rpId: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`GATEHOUSE_PUBLIC_URL must be an http:// or https:// URL, got ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`GATEHOUSE_PUBLIC_URL must be an http:// or https:// URL, got ${url}`)
  return { origin: parsed.origin, rpId: parsed.hostname }
}

export function databaseFromUrl(url: string | undefined, dataDir = 'data'): DatabaseConfig {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url }
  if (url && url.startsWith('sqlite:')) return { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
  if (url) throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got ${url.split(':')[0]}:…)`)
  return { dialect: 'sqlite', file: path.join(dataDir, 'gatehouse.db') }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`)
  const publicUrl = env.GATEHOUSE_PUBLIC_URL || defaultPublicUrl(port)
  publicOrigin(publicUrl)
  const timeoutSeconds = Number(env.GATEHOUSE_WEBAUTHN_TIMEOUT_SECONDS ?? 60)
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 600) {
    throw new Error(`GATEHOUSE_WEBAUTHN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600, got ${env.GATEHOUSE_WEBAUTHN_TIMEOUT_SECONDS}`)
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database: databaseFromUrl(env.DATABASE_URL, env.GATEHOUSE_DATA_DIR ?? 'data'),
    trustProxy: env.GATEHOUSE_TRUST_PROXY === 'true' || env.GATEHOUSE_TRUST_PROXY === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    adminUsername: env.GATEHOUSE_ADMIN_USERNAME || undefined,
    adminPassword: env.GATEHOUSE_ADMIN_PASSWORD || undefined,
    dataDir: env.GATEHOUSE_DATA_DIR ?? 'data',
    secretKey: env.GATEHOUSE_SECRET_KEY || undefined,
    messages: {
      smtpUrl: env.GATEHOUSE_SMTP_URL || undefined,
      mailFrom: env.GATEHOUSE_MAIL_FROM || 'Gatehouse <gatehouse@localhost>',
      smsWebhookUrl: env.GATEHOUSE_SMS_WEBHOOK_URL || undefined,
      outboxFile: path.join(env.GATEHOUSE_DATA_DIR ?? 'data', 'outbox.jsonl'),
    },
    publicUrl,
    webauthnTimeoutMs: timeoutSeconds * 1000,
  }
}
