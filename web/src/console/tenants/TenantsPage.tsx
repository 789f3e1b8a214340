// /tenants (platform administrators): every tenant by slug with its name and state, and the ways into
// it: its users and its settings in the console.
import { Anchor, Badge, Code, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Tenant } from '../../api/types'
import { followLink } from '../../router'
import { consoleHref, useConsole } from '../console-context'
import { ListPage } from '../lists/ListPage'

export function TenantsPage() {
  const { t } = useTranslation()
  const { me } = useConsole()
  const inTenant = (path: string, tenant: Tenant) => consoleHref(path, { slug: tenant.slug, id: tenant.id, own: tenant.slug === me.tenantSlug })
  return (
    <ListPage<Tenant> title={t('tenants.title')} pagePath="/tenants" apiPath="/api/v1/tenants"
      add={{ label: t('tenants.add') }} filterLabel={t('tenants.filter')} empty={t('tenants.empty')}
      total={(count, formatted) => t('tenants.total', { count, formatted })} testId="tenants-table"
      columns={[
        { header: t('tenants.slug'), cell: (tenant) => <Code>{tenant.slug}</Code> },
        { header: t('lists.status'), cell: (tenant) => <Badge variant="light" color={tenant.active ? 'green' : 'gray'}>{tenant.active ? t('lists.active') : t('lists.inactive')}</Badge> },
        {
          header: t('tenants.open'),
          cell: (tenant) => (
            <Group gap="sm" wrap="nowrap">
              <Anchor size="sm" href={inTenant('/users', tenant)} onClick={followLink} aria-label={t('tenants.usersOf', { name: tenant.name })}>{t('tenants.users')}</Anchor>
              <Anchor size="sm" href={inTenant('/settings', tenant)} onClick={followLink} aria-label={t('tenants.settingsOf', { name: tenant.name })}>{t('tenants.settings')}</Anchor>
            </Group>
          ),
        },
      ]} />
  )
}
