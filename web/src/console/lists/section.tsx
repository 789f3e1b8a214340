// A console page with a list and an editor: /<page> lists, /<page>/new adds, /<page>/<id> edits.
import { Text } from '@mantine/core'
import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsolePageProps } from '../pages'

export function sectionOf(List: ComponentType, Editor: ComponentType<{ id: string | null }>): ComponentType<ConsolePageProps> {
  return function Section({ rest }: ConsolePageProps) {
    const { t } = useTranslation()
    if (rest.length === 0) return <List />
    if (rest.length === 1 && rest[0] === 'new') return <Editor key="new" id={null} />
    if (rest.length === 1) return <Editor key={rest[0]} id={rest[0]!} />
    return <Text>{t('console.notFound')}</Text>
  }
}
