// "12 users": how many users a campaign, role or team has, as a link to the users page filtered by
// it. Without users:read, nothing.
import { Anchor, Loader, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { followLink } from '../../router'
import { consoleHref, tenantQuery, useConsole } from '../console-context'
import { countUsers, listKeys, type UserFilter } from './api'

export function UsersLink({ filter, id, name }: { filter: UserFilter; id: string; name: string }) {
  const { t, i18n } = useTranslation()
  const { can, tenant } = useConsole()
  const tenantParam = tenantQuery(tenant).tenant ?? null
  const count = useQuery({ queryKey: listKeys.userCount(filter, id, tenantParam), queryFn: () => countUsers(filter, id, tenantParam), enabled: can('users:read'), staleTime: 30_000 })
  if (!can('users:read')) return null
  if (count.error) return <Text size="sm" c="dimmed">—</Text>
  if (count.data === undefined) return <Loader size="xs" aria-label={t('app.loading')} />
  const formatted = new Intl.NumberFormat(i18n.language).format(count.data)
  return (
    <Anchor href={consoleHref('/users', tenant, new URLSearchParams({ [filter]: id }))} onClick={followLink} size="sm"
      aria-label={t('lists.usersOf', { count: count.data, formatted, name })}>
      {t('lists.users', { count: count.data, formatted })}
    </Anchor>
  )
}
