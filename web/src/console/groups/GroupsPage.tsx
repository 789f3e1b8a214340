// /groups: the tenant's user groups by name (Puzzel's user groups): the default one marked, each with
// its number of users (a link to the users page filtered by the group).
import { Badge, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserGroup } from '../../api/types'
import { tenantQuery, useConsole } from '../console-context'
import { ListPage } from '../lists/ListPage'
import { UsersLink } from '../lists/UsersLink'

export function GroupsPage() {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  return (
    <ListPage<UserGroup> title={t('groups.title')} pagePath="/groups" apiPath="/api/v1/user-groups" params={tenantQuery(tenant)}
      add={can('groups:manage') ? { label: t('groups.add') } : null} filterLabel={t('groups.filter')} empty={t('groups.empty')}
      total={(count, formatted) => t('groups.total', { count, formatted })} testId="groups-table"
      columns={[
        { header: t('groups.defaultColumn'), cell: (group) => (group.isDefault ? <Badge variant="light">{t('groups.default')}</Badge> : null) },
        { header: t('groups.description'), cell: (group) => <Text size="sm" lineClamp={2}>{group.description}</Text> },
        { header: t('lists.usersColumn'), cell: (group) => <UsersLink filter="group" id={group.id} name={group.name} /> },
      ]}>
      <Text size="sm" c="dimmed" maw={760}>{t('groups.intro')}</Text>
    </ListPage>
  )
}
