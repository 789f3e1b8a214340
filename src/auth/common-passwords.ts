// The common-password list shipped with Gatehouse: the 10,000 most common passwords of SecLists
// (Daniel Miessler and contributors, MIT licence; Passwords/Common-Credentials/10k-most-common.txt).
// src/auth/ and dist/auth/ are both two levels below the package, so one path serves both.
import { readFileSync } from 'node:fs'

let list: Set<string> | null = null

function load(): Set<string> {
  const text = readFileSync(new URL('../../src/auth/common-passwords.txt', import.meta.url), 'utf8')
  return new Set(text.split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line.length > 0))
}

/** Is this password, ignoring case, on the list? */
export function isCommonPassword(password: string): boolean {
  list ??= load()
  return list.has(password.toLowerCase())
}

export const commonPasswordCount = () => (list ??= load()).size
