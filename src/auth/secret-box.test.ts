import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSecretKey, parseSecretKey, SecretBox } from './secret-box.js'

describe('SecretBox', () => {
  const box = SecretBox.fromKey(randomBytes(32))

  it('seals with a fresh IV each time and opens what it sealed', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP')
    const b = box.seal('JBSWY3DPEHPK3PXP')
    expect(a).not.toBe(b)
    expect(a).not.toContain('JBSWY3DPEHPK3PXP')
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP')
  })

  it('refuses a tampered secret and another key', () => {
    const sealed = box.seal('secret')
    const parts = sealed.split('.')
    const flipped = Buffer.from(parts[3]!, 'base64url')
    flipped[0] = flipped[0]! ^ 1
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'))).toThrow()
    expect(() => SecretBox.fromKey(randomBytes(32)).open(sealed)).toThrow()
  })

  it('reads keys as hex or base64, and keeps a generated one in the data directory', () => {
    const key = randomBytes(32)
    expect(parseSecretKey(key.toString('hex'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64'))).toEqual(key)
    expect(() => parseSecretKey('too short')).toThrow(/32 bytes/)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-key-'))
    const first = loadSecretKey(undefined, dir)
    expect(loadSecretKey(undefined, dir)).toEqual(first)
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o077).toBe(0)
    fs.rmSync(dir, { recursive: true })
  })
})
