// /teams: the tenant's teams by name with their descriptions, each with its number of users (a link
// to the users page filtered by the team).
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Team } from '../../api/types'
import { tenantQuery, useConsole } from '../console-context'
import { ListPage } from '../lists/ListPage'
import { UsersLink } from '../lists/UsersLink'

export function TeamsPage() {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  return (
    <ListPage<Team> title={t('teams.title')} pagePath="/teams" apiPath="/api/v1/teams" params={tenantQuery(tenant)}
      add={can('teams:manage') ? { label: t('teams.add') } : null} filterLabel={t('teams.filter')} empty={t('teams.empty')}
      total={(count, formatted) => t('teams.total', { count, formatted })} testId="teams-table"
      columns={[
        { header: t('teams.description'), cell: (team) => <Text size="sm" lineClamp={2}>{team.description}</Text> },
        { header: t('lists.usersColumn'), cell: (team) => <UsersLink filter="team" id={team.id} name={team.name} /> },
      ]} />
  )
}
