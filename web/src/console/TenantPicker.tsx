// The tenant a platform administrator works in. Choosing one opens the current page's list in that
// tenant (its filters named campaigns, roles and teams of the other tenant, so they go).
import { Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { navigate, useUrl } from '../router'
import { consoleKeys, listTenants } from './api'
import { consoleHref, useConsole } from './console-context'

export function TenantPicker() {
  const { t } = useTranslation()
  const { me, tenant } = useConsole()
  const url = useUrl()
  const tenants = useQuery({ queryKey: consoleKeys.tenants, queryFn: listTenants, staleTime: 60_000 })
  const options = new Map<string, string>([[tenant.slug, tenant.slug]])
  for (const item of tenants.data ?? []) options.set(item.slug, `${item.name} (${item.slug})`)
  const choose = (slug: string | null) => {
    if (!slug || slug === tenant.slug) return
    const section = url.pathname.split('/')[1] ?? ''
    navigate(consoleHref(`/${section}`, { slug, id: null, own: slug === me.tenantSlug }))
  }
  return (
    <Select
      aria-label={t('console.tenant')}
      size="xs"
      w={{ base: 160, sm: 220 }}
      searchable
      value={tenant.slug}
      data={[...options].map(([value, label]) => ({ value, label }))}
      nothingFoundMessage={t('console.noTenantFound')}
      allowDeselect={false}
      onChange={choose}
    />
  )
}
