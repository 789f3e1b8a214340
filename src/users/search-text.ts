// What the search panel's `q` finds users by. Pure functions: the service, the migration that
// fills the word index, and the benchmark's bulk loader all build the same text and words.
import { searchKey } from '../db/text.js'

export interface SearchableFields {
  username: string; firstName: string; lastName: string; displayName: string
  email: string | null; employeeNumber: string | null; agentId: number | null
}

/** Keeps each string once, and none that another kept one contains. */
function withoutContained(strings: Iterable<string>): string[] {
  // Longest first: a string can only be held by one at least as long.
  const sorted = [...new Set(strings)].sort((a, b) => b.length - a.length)
  const kept: string[] = []
  for (const s of sorted) if (!kept.some((longer) => longer.includes(s))) kept.push(s)
  return kept
}

/**
 * The text a term must be part of: the words of these fields (split at white space, as the terms
 * are), each once, and none that another word holds: a term found in "anna" is found in
 * "anna.berg@contoso.com" too, so the shorter word would only add bytes. Joined by line breaks,
 * which no term holds. Terms that the word index cannot decide alone are checked against it.
 */
export function searchText(s: SearchableFields): string {
  const fields = [s.username, s.firstName, s.lastName, s.displayName, s.email ?? '', s.employeeNumber ?? '', s.agentId ?? '']
  return withoutContained(searchKey(fields.join(' ')).split(/\s+/).filter(Boolean)).join('\n')
}

const RUN = /\p{L}+|\p{N}+/gu

/**
 * Runs of letters, and runs of digits: "anna.de.jong2@contoso-cc.com" → anna, de, jong, 2, contoso,
 * cc, com. Digits are split from letters so that "jong2", "jong3", … are all the word "jong" (one
 * word per name, not one per numbered username) and employee numbers are their digits.
 */
export const searchRuns = (text: string): string[] => text.match(RUN) ?? []

/**
 * The words of the word index (user_words): the runs of the search text, each once, none that
 * another holds. A term that is one run (letters only, or digits only) lies inside one run of any
 * text that contains it, so "some word of the user contains the term" is exactly "the user's search
 * text contains the term", and a dictionary of a tenant's words (names, and numbers) tells which
 * words do.
 */
export const searchWords = (searchText: string): string[] => withoutContained(searchRuns(searchText))

/** Terms shorter than this cannot use a trigram index: they are matched on the rows with LIKE. */
export const MIN_INDEXED_TERM = 3
