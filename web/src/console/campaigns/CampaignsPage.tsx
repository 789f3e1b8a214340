// /campaigns: the tenant's campaigns by name, active or not, each with its number of users (a link
// to the users page filtered by the campaign).
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Campaign } from '../../api/types'
import { tenantQuery, useConsole } from '../console-context'
import { ListPage } from '../lists/ListPage'
import { UsersLink } from '../lists/UsersLink'

export function CampaignsPage() {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  return (
    <ListPage<Campaign> title={t('campaigns.title')} pagePath="/campaigns" apiPath="/api/v1/campaigns" params={tenantQuery(tenant)}
      add={can('campaigns:manage') ? { label: t('campaigns.add') } : null} filterLabel={t('campaigns.filter')} empty={t('campaigns.empty')}
      total={(count, formatted) => t('campaigns.total', { count, formatted })} testId="campaigns-table"
      columns={[
        { header: t('lists.status'), cell: (c) => <Badge variant="light" color={c.active ? 'green' : 'gray'}>{c.active ? t('lists.active') : t('lists.inactive')}</Badge> },
        { header: t('lists.usersColumn'), cell: (c) => <UsersLink filter="campaign" id={c.id} name={c.name} /> },
      ]} />
  )
}
