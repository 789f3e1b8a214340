// /users: the "User Management" window (Leap Connect): the search panel, the results with sortable
// and choosable columns, numbered pages with previous/next and a page size, the number of matches at
// the bottom left, CSV export of the whole result, and row selection for the bulk actions. Everything
// but the column choice lives in the URL. One request per page of results: the users come complete.
import { Anchor, Button, Center, Group, Loader, NativeSelect, Pagination, Paper, Stack, Text, Title } from '@mantine/core'
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserSort } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { followLink, navigate, useUrl } from '../../router'
import { consoleHref, tenantQuery, useConsole } from '../console-context'
import { downloadCsv, PAGE_FRESH_MS, searchPage, usersKeys } from './api'
import { BulkActions } from './bulk/BulkActions'
import { ColumnChooser } from './ColumnChooser'
import { rememberColumns, rememberedColumns, type Column } from './columns'
import { criteriaKey, exportQuery, PAGE_SIZES, pageQuery, paramsOf, rememberSearch, searchOf, type PageSize, type UserSearch } from './search'
import { SearchPanel } from './SearchPanel'
import { markResultsShown } from './timing'
import { UsersTable } from './UsersTable'

/** The rows chosen for a bulk action: some by id, or every user the search matches. */
export type UserSelection = { kind: 'ids'; ids: string[] } | { kind: 'matching'; search: UserSearch; total: number }

interface SelectionState { key: string; ids: Set<string>; allMatching: boolean }

export function UsersPage() {
  const { t, i18n } = useTranslation()
  const { me, can, tenant, timeZone } = useConsole()
  const url = useUrl()
  const search = searchOf(url.searchParams)
  const tenantParam = tenantQuery(tenant)
  const query = pageQuery(search, tenantParam)
  const results = useQuery({ queryKey: usersKeys.page(query), queryFn: () => searchPage(query), placeholderData: keepPreviousData, staleTime: PAGE_FRESH_MS })
  const current = results.isSuccess && !results.isPlaceholderData
  useEffect(() => rememberSearch(tenant, search))
  useEffect(() => {
    if (current) markResultsShown(query)
  }, [current, query, results.dataUpdatedAt])

  const go = (next: UserSearch) => navigate(consoleHref('/users', tenant, paramsOf(next)))
  const sortBy = (sort: UserSort) => go({ ...search, sort, order: sort === search.sort && search.order === 'asc' ? 'desc' : 'asc', page: 1 })

  const [columns, setColumns] = useState<Column[]>(() => rememberedColumns(me.user.id))
  const chooseColumns = (next: Column[]) => {
    setColumns(next)
    rememberColumns(me.user.id, next)
  }

  // A selection belongs to one set of criteria in one tenant; another search starts afresh.
  const selectionKey = `${tenant.slug} ${criteriaKey(search)}`
  const [selectionState, setSelectionState] = useState<SelectionState>({ key: selectionKey, ids: new Set(), allMatching: false })
  const selectionCurrent = selectionState.key === selectionKey
  const selectedIds = selectionCurrent ? selectionState.ids : new Set<string>()
  const allMatching = selectionCurrent && selectionState.allMatching
  const updateSelection = (ids: Set<string>, all = false) => setSelectionState({ key: selectionKey, ids, allMatching: all })
  const users = results.data?.items ?? []
  const total = results.data?.total ?? 0
  const selection: UserSelection | null = allMatching ? { kind: 'matching', search, total } : selectedIds.size > 0 ? { kind: 'ids', ids: [...selectedIds] } : null

  const exportCsv = useMutation({ mutationFn: () => downloadCsv(exportQuery(search, tenantParam)) })
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const pages = Math.max(1, Math.ceil(total / search.limit))
  const editHref = (id: string) => consoleHref(`/users/${id}`, tenant)

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">{t('users.title')}</Title>
        {can('users:write') && <Button component="a" href={consoleHref('/users/new', tenant)} onClick={followLink}>{t('users.add')}</Button>}
      </Group>
      <SearchPanel search={search} onSearch={go} />

      <Group justify="space-between" gap="sm" data-testid="users-toolbar">
        <Group gap="sm" aria-live="polite">
          {selection && (
            <>
              <Text size="sm" fw={500} data-testid="selection-summary">
                {selection.kind === 'matching' ? t('users.allMatchingSelected', { count: total, formatted: number(total) }) : t('users.selected', { count: selectedIds.size, formatted: number(selectedIds.size) })}
              </Text>
              <BulkActions selection={selection} onDone={() => updateSelection(new Set())} />
              <Button variant="subtle" size="xs" onClick={() => updateSelection(new Set())}>{t('users.clearSelection')}</Button>
            </>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" onClick={() => exportCsv.mutate()} loading={exportCsv.isPending} disabled={total === 0}>{t('users.exportCsv')}</Button>
          <ColumnChooser columns={columns} onChange={chooseColumns} />
        </Group>
      </Group>
      <ProblemAlert error={exportCsv.error} />

      {!allMatching && selectedIds.size > 0 && users.length > 0 && users.every((u) => selectedIds.has(u.id)) && total > users.length && (
        <Group gap="xs">
          <Text size="sm">{t('users.pageSelected', { count: users.length })}</Text>
          <Anchor component="button" type="button" size="sm" onClick={() => updateSelection(selectedIds, true)}>
            {t('users.selectAllMatching', { count: total, formatted: number(total) })}
          </Anchor>
        </Group>
      )}

      <Paper withBorder radius="md" pos="relative" aria-busy={results.isFetching} style={{ opacity: results.isPlaceholderData ? 0.6 : 1 }}>
        {results.error ? (
          <Stack p="md"><ProblemAlert error={results.error} /></Stack>
        ) : !results.data ? (
          <Center p="xl"><Loader size="sm" aria-label={t('users.loading')} /></Center>
        ) : users.length === 0 ? (
          <Stack p="lg" align="center" gap="xs">
            <Text>{total > 0 ? t('users.pastLastPage') : t('users.empty')}</Text>
            {total > 0 && <Button variant="subtle" onClick={() => go({ ...search, page: pages })}>{t('users.toLastPage')}</Button>}
          </Stack>
        ) : (
          <UsersTable users={users} columns={columns} sort={search.sort} order={search.order} onSort={sortBy} timeZone={timeZone}
            editHref={(user) => editHref(user.id)}
            selection={{
              isSelected: (id) => allMatching || selectedIds.has(id),
              toggle: (id) => {
                const next = new Set(allMatching ? users.map((u) => u.id) : selectedIds)
                if (next.has(id)) next.delete(id)
                else next.add(id)
                updateSelection(next)
              },
              togglePage: (on) => {
                const next = new Set(allMatching ? [] : selectedIds)
                for (const user of users) if (on) next.add(user.id); else next.delete(user.id)
                updateSelection(next)
              },
            }} />
        )}
      </Paper>

      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" data-testid="users-total" aria-live="polite">{results.data ? t('users.total', { count: total, formatted: number(total) }) : ' '}</Text>
        <Group gap="md" wrap="wrap">
          <nav aria-label={t('users.pages')}>
            <Pagination total={pages} value={Math.min(search.page, pages)} onChange={(page) => go({ ...search, page })} siblings={1} boundaries={1} withEdges
              getItemProps={(page) => ({ 'aria-label': t('users.pageN', { page: number(page) }) })}
              getControlProps={(control) => ({ 'aria-label': t(`users.pageControls.${control}`) })} />
          </nav>
          <Group gap={6} wrap="nowrap">
            <NativeSelect label={t('users.pageSize')} size="xs" value={String(search.limit)} style={{ display: 'flex', alignItems: 'center', gap: 6 }}
              onChange={(event) => go({ ...search, limit: Number(event.currentTarget.value) as PageSize, page: 1 })}
              data={PAGE_SIZES.map((size) => String(size))} />
          </Group>
        </Group>
      </Group>
    </Stack>
  )
}
