import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { chooseLanguage, LANGUAGES, supportedLanguage } from '../i18n'

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  return (
    <NativeSelect
      aria-label={t('app.language')}
      size="xs"
      value={supportedLanguage(i18n.language) ?? 'en'}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
      onChange={(event) => {
        const language = supportedLanguage(event.currentTarget.value)
        if (language) chooseLanguage(language)
      }}
    />
  )
}
