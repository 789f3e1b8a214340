// Password hashing: argon2id with OWASP's parameters, computed on libuv's thread pool (off the event loop).
import { randomInt } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { hash, verify } from '@node-rs/argon2'

// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

// At most one hash per core at a time. libuv's pool has four threads; with four hashes on two cores
// the event loop would get a fifth of a core, and every other request would wait behind them.
const HASH_SLOTS = Math.max(1, availableParallelism())
let running = 0
const waiting: Array<() => void> = []

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve))
  else running++
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

export const hashPassword = (password: string) => inSlot(() => hash(password, ARGON2_OPTIONS))
export const verifyPassword = (stored: string, password: string) => inSlot(() => verify(stored, password))

const CURRENT_PARAMETERS = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`

/** Was this hash made otherwise than hashPassword makes them now (another variant, older costs)? Then it is made again at the next sign-in. */
export const needsRehash = (stored: string) => !stored.startsWith(CURRENT_PARAMETERS)

const ALPHABETS = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*-_=+']

/** A random password with every character class, free of look-alike characters. */
export function generatePassword(length = 20): string {
  const all = ALPHABETS.join('')
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)]!)
  while (chars.length < length) chars.push(all[randomInt(all.length)]!)
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j]!, chars[i]!]
  }
  return chars.join('')
}
