import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { chooseLanguage, LANGUAGES, supportedLanguage, type Language } from '../i18n'

/** The language of the page; `onChosen` also hears a choice (the console saves it as the user's locale). */
export function LanguageSwitcher({ onChosen, label }: { onChosen?: (language: Language) => void; label?: string }) {
  const { t, i18n } = useTranslation()
  return (
    <NativeSelect
      aria-label={label ?? t('app.language')}
      size="xs"
      value={supportedLanguage(i18n.language) ?? 'en'}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
      onChange={(event) => {
        const language = supportedLanguage(event.currentTarget.value)
        if (!language) return
        chooseLanguage(language)
        onChosen?.(language)
      }}
    />
  )
}
