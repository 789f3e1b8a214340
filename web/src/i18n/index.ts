// i18next for every visible string. The language: the signed-in user's locale when known, else the
// tenant's, else the one chosen with the switcher on the sign-in page, else the browser's, else English.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './en.json'
import nl from './nl.json'
import de from './de.json'

export const LANGUAGES = ['en', 'nl', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

const CHOSEN_KEY = 'gatehouse.language'

/** "nl-NL" → "nl"; null for a language without translations. */
export function supportedLanguage(tag: string | null | undefined): Language | null {
  const base = tag?.toLowerCase().split('-')[0]
  return LANGUAGES.find((language) => language === base) ?? null
}

function chosenLanguage(): Language | null {
  try {
    return supportedLanguage(localStorage.getItem(CHOSEN_KEY))
  } catch {
    return null
  }
}

function browserLanguage(): Language | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = supportedLanguage(tag)
    if (language) return language
  }
  return null
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl }, de: { translation: de } },
  lng: chosenLanguage() ?? browserLanguage() ?? 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
})

const setDocumentLanguage = (language: string) => document.documentElement.setAttribute('lang', language)
setDocumentLanguage(i18n.language)
i18n.on('languageChanged', setDocumentLanguage)

/** The switcher: remembered in this browser for the pages before sign-in. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(CHOSEN_KEY, language)
  } catch {
    // Storage may be off (private mode); the choice then lasts for this page only.
  }
  void i18n.changeLanguage(language)
}

/** Once the user is known: their own locale, else their tenant's, when it has translations. */
export function followUserLocale(locale: string | null, tenantLocale: string | null = null): void {
  const language = supportedLanguage(locale) ?? supportedLanguage(tenantLocale)
  if (language && language !== i18n.language) void i18n.changeLanguage(language)
}

export default i18n
