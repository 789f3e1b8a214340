// /users: the "User Management" window; /users/new and /users/<id>: adding and editing a user.
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ConsolePageProps } from '../pages'
import { prefetchOpenedSearch } from './api'
import { UserEditor } from './editor/UserEditor'
import { UsersPage } from './UsersPage'

prefetchOpenedSearch()

export default function UsersSection({ rest }: ConsolePageProps) {
  const { t } = useTranslation()
  if (rest.length === 0) return <UsersPage />
  if (rest.length === 1 && rest[0] === 'new') return <UserEditor key="new" userId={null} />
  if (rest.length === 1) return <UserEditor key={rest[0]} userId={rest[0]!} />
  return <Text>{t('console.notFound')}</Text>
}
