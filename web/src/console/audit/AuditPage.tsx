// /audit: the tenant's audit trail, newest first, fifty a page: filters by actor, entity, action and
// time (in the viewer's zone), and for each event when, by whom, what, on which entity and each changed
// field's old → new value.
import { Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { AuditPage as AuditPageAnswer, UserPage } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { navigate, useUrl } from '../../router'
import { queryString, useTenantLists } from '../api'
import { consoleHref, tenantQuery, useConsole } from '../console-context'
import { AuditFiltersForm } from './AuditFiltersForm'
import { PageNumbers } from '../lists/PageNumbers'
import { AuditTable } from './AuditTable'
import { AUDIT_PAGE_SIZE, auditQuery, filtersOf, isId, paramsOf, type AuditFilters } from './filters'

/** The id of the user with this username in the tenant; null when there is none. */
async function actorIdOf(username: string, tenant: Record<string, string>): Promise<string | null> {
  const found = await api<UserPage>('GET', `/api/v1/users${queryString({ ...tenant, q: username, limit: 50 })}`)
  return found.items.find((user) => user.username.toLowerCase() === username.toLowerCase())?.id ?? null
}

export default function AuditPage() {
  const { t, i18n } = useTranslation()
  const { can, tenant, timeZone } = useConsole()
  const url = useUrl()
  const filters = filtersOf(url.searchParams)
  const tenantParam = tenantQuery(tenant)
  const go = (next: AuditFilters) => navigate(consoleHref('/audit', tenant, paramsOf(next)))

  const byUsername = filters.actor !== '' && !isId(filters.actor)
  const actor = useQuery({
    queryKey: ['console', 'audit-actor', tenant.slug, filters.actor],
    queryFn: () => actorIdOf(filters.actor, tenantParam),
    enabled: byUsername && can('users:read'),
    staleTime: 60_000,
  })
  const actorId = filters.actor === '' ? null : byUsername ? actor.data ?? null : filters.actor
  const actorUnknown = byUsername && (actor.data === null || !can('users:read'))
  const query = auditQuery(filters, actorId, timeZone, tenantParam)
  const events = useQuery({
    queryKey: ['console', 'audit', query],
    queryFn: () => api<AuditPageAnswer>('GET', `/api/v1/audit${queryString(query)}`),
    enabled: !actorUnknown && (!byUsername || actor.data !== undefined),
    placeholderData: keepPreviousData,
  })

  const lists = useTenantLists(tenantParam.tenant ?? null, { campaigns: can('campaigns:read'), roles: can('roles:read'), teams: can('teams:read'), groups: can('users:read') })
  const names = useMemo(() => new Map([...(lists.campaigns.data ?? []), ...(lists.roles.data ?? []), ...(lists.teams.data ?? []), ...(lists.groups.data ?? [])].map((item) => [item.id, item.name])),
    [lists.campaigns.data, lists.roles.data, lists.teams.data, lists.groups.data])

  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const total = events.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
  const items = events.data?.items ?? []

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('audit.title')}</Title>
      <AuditFiltersForm key={paramsOf(filters).toString()} filters={filters} onApply={go} timeZone={timeZone}
        actorError={actorUnknown ? t('audit.noSuchActor') : null} />
      <ProblemAlert error={actor.error} />
      <Paper withBorder radius="md" aria-busy={events.isFetching} style={{ opacity: events.isPlaceholderData ? 0.6 : 1 }}>
        {events.error ? <Stack p="md"><ProblemAlert error={events.error} /></Stack>
          : actorUnknown ? <Text p="lg" ta="center">{t('audit.empty')}</Text>
          : !events.data ? <Center p="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
          : items.length === 0 ? <Text p="lg" ta="center">{t('audit.empty')}</Text>
          : <AuditTable events={items} names={names} onActor={(username) => go({ ...filters, actor: username, page: 1 })} />}
      </Paper>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" aria-live="polite" data-testid="audit-total">{events.data && !actorUnknown ? t('audit.total', { count: total, formatted: number(total) }) : ' '}</Text>
        {!actorUnknown && <PageNumbers pages={pages} page={filters.page} onChange={(page) => go({ ...filters, page })} />}
      </Group>
    </Stack>
  )
}
