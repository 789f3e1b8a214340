import { describe, expect, it } from 'vitest'
import { searchKey } from '../db/text.js'
import { searchRuns, searchText, searchWords } from './search-text.js'

const USERS = [
  { username: 'jose.pena', firstName: 'José', lastName: 'Peña', displayName: 'José Peña', email: 'jose.pena@fabrikam.nl', employeeNumber: 'E100000', agentId: 10000 },
  { username: 'ødegård', firstName: 'Søren', lastName: 'Ødegård', displayName: 'S. Ødegård (night shift)', email: null, employeeNumber: null, agentId: null },
  { username: 'anna', firstName: 'Anna Maria', lastName: 'de Jong', displayName: 'Anna', email: 'a.dejong@contoso.com', employeeNumber: '4711', agentId: 471 },
]

describe('search text', () => {
  it('finds exactly the terms that the fields hold, with each word once and no word that another holds', () => {
    for (const user of USERS) {
      const text = searchText(user)
      const fields = [user.username, user.firstName, user.lastName, user.displayName, user.email ?? '', user.employeeNumber ?? '', String(user.agentId ?? '')].map(searchKey)
      const words = fields.join(' ').split(/\s+/).filter(Boolean)
      // Every term a search can send (no white space) that some word holds, and some that none holds.
      const terms = new Set(['zz', 'annaj', 'pena@', 'a.dej', '4712'])
      for (const word of words) for (let i = 0; i < word.length; i++) for (let j = i + 1; j <= word.length; j++) terms.add(word.slice(i, j))
      for (const term of terms) expect(text.includes(term), `${term} in ${JSON.stringify(text)}`).toBe(words.some((w) => w.includes(term)))
      const kept = text.split('\n')
      expect(new Set(kept).size).toBe(kept.length)
      for (const a of kept) for (const b of kept) if (a !== b) expect(b.includes(a)).toBe(false)
    }
  })

  it('has words (runs of letters, runs of digits) that hold exactly the one-run terms the text holds', () => {
    for (const user of USERS) {
      const text = searchText(user)
      const words = searchWords(text)
      const terms = new Set(['zz', 'annaj', '4712', 'contosocom'])
      for (const run of searchRuns(text)) for (let i = 0; i < run.length; i++) for (let j = i + 1; j <= run.length; j++) terms.add(run.slice(i, j))
      for (const term of terms) expect(words.some((w) => w.includes(term)), `${term} in ${words.join(',')}`).toBe(text.includes(term))
      for (const a of words) for (const b of words) if (a !== b) expect(b.includes(a)).toBe(false)
    }
    expect(searchWords(searchText(USERS[2]!)).sort()).toEqual(['4711', 'anna', 'com', 'contoso', 'dejong', 'maria'])
  })

  it('is shorter than the fields joined', () => {
    expect(searchText(USERS[0]!)).toBe('jose.pena@fabrikam.nl\ne100000')
  })
})
