// Every language has every string of the English file, with the same placeholders.
import { describe, expect, it } from 'vitest'
import en from './en.json'
import nl from './nl.json'
import de from './de.json'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('translations', () => {
  const english = flatten(en)
  for (const [language, tree] of Object.entries({ nl, de })) {
    it(`${language} has every English key, no others, each translated with the same placeholders`, () => {
      const other = flatten(tree)
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort())
      for (const [key, text] of english) {
        expect(placeholders(other.get(key)!), `${language} ${key}`).toEqual(placeholders(text))
        expect(other.get(key)!.trim(), `${language} ${key}`).not.toBe('')
      }
    })
  }
})
