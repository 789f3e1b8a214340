// Secrets Gatehouse must read back (TOTP keys) are stored encrypted: AES-256-GCM with a key from
// configuration (GATEHOUSE_SECRET_KEY), never next to the data it protects in the database.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const VERSION = 'v1'

export class SecretBox {
  private readonly macKey: Buffer
  private constructor(private readonly key: Buffer) {
    // A separate key for MACs, so that no value is both encrypted and authenticated with one key.
    this.macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gatehouse mac', 32))
  }

  /**
   * A keyed hash (HMAC-SHA-256) of a short secret such as a recovery code: a stolen database alone
   * is not enough to try codes offline.
   */
  mac(text: string): string {
    return createHmac('sha256', this.macKey).update(text).digest('hex')
  }

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes')
    return new SecretBox(key)
  }

  /** "v1.<iv>.<tag>.<ciphertext>", base64url parts; a fresh IV every time. */
  seal(plaintext: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.')
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  }
}

/** A key given as 64 hex digits or 43/44 base64 characters. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32) throw new Error('GATEHOUSE_SECRET_KEY must be 32 bytes: 64 hex digits or base64')
  return key
}

/**
 * The configured key, or else one kept in the data directory (made on first start, readable by the
 * owner only). Several Gatehouse processes sharing a database must share GATEHOUSE_SECRET_KEY.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseSecretKey(configured)
  const file = path.join(dataDir, 'secret.key')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  }
  return parseSecretKey(fs.readFileSync(file, 'utf8'))
}
