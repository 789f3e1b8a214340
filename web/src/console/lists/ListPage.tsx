// A console list page (tenants, campaigns, teams, roles): the title with "Add", a name filter, the
// table with each name a link to its editor, the number of matches at the bottom left and numbered
// pages. The filter and the page live in the URL (?q=…&page=…), so a list can be bookmarked.
import { Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { followLink, navigate, useUrl } from '../../router'
import { consoleHref, useConsole } from '../console-context'
import { LIST_PAGE_SIZE, listKeys, readListPage } from './api'
import { PageNumbers } from './PageNumbers'

export interface ListColumn<T> {
  header: string
  cell: (item: T) => ReactNode
}

export function ListPage<T extends { id: string; name: string }>({ title, pagePath, apiPath, params = {}, add, filterLabel, columns, empty, total, testId, children }: {
  title: string
  /** The page's own path, e.g. /campaigns. */
  pagePath: string
  /** The API's list, e.g. /api/v1/campaigns. */
  apiPath: string
  /** More query parameters of the API list (the tenant). */
  params?: Record<string, string>
  /** Null: the user may not add any. */
  add: { label: string } | null
  filterLabel: string
  /** The columns after the name. */
  columns: ListColumn<T>[]
  empty: string
  /** "12 campaigns" */
  total: (count: number, formatted: string) => string
  testId: string
  /** Shown between the title and the filter (an explanation). */
  children?: ReactNode
}) {
  const { t, i18n } = useTranslation()
  const { tenant } = useConsole()
  const url = useUrl()
  const q = url.searchParams.get('q') ?? ''
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
  const query = { ...params, q: q || null, page }
  const list = useQuery({ queryKey: listKeys.page(apiPath, query), queryFn: () => readListPage<T>(apiPath, query), placeholderData: keepPreviousData })
  const [text, setText] = useState(q)
  const go = (next: { q: string; page: number }) => {
    const search = new URLSearchParams()
    if (next.q.trim()) search.set('q', next.q.trim())
    if (next.page > 1) search.set('page', String(next.page))
    navigate(consoleHref(pagePath, tenant, search))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    go({ q: text, page: 1 })
  }
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const count = list.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(count / LIST_PAGE_SIZE))
  const items = list.data?.items ?? []

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">{title}</Title>
        {add && <Button component="a" href={consoleHref(`${pagePath}/new`, tenant)} onClick={followLink}>{add.label}</Button>}
      </Group>
      {children}
      <form onSubmit={submit} role="search">
        <Group gap="sm" align="flex-end">
          <TextInput label={filterLabel} type="search" value={text} onChange={(event) => setText(event.currentTarget.value)} maxLength={200} w={320} maw="100%" />
          <Button type="submit" variant="default">{t('lists.search')}</Button>
        </Group>
      </form>
      <Paper withBorder radius="md" aria-busy={list.isFetching} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
        {list.error ? (
          <Stack p="md"><ProblemAlert error={list.error} /></Stack>
        ) : !list.data ? (
          <Center p="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
        ) : items.length === 0 ? (
          <Text p="lg" ta="center">{q ? t('lists.nothingMatches') : empty}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped verticalSpacing={6} data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lists.name')}</Table.Th>
                  {columns.map((column) => <Table.Th key={column.header}>{column.header}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id} data-name={item.name}>
                    <Table.Td><Anchor href={consoleHref(`${pagePath}/${item.id}`, tenant)} onClick={followLink} fw={500}>{item.name}</Anchor></Table.Td>
                    {columns.map((column) => <Table.Td key={column.header}>{column.cell(item)}</Table.Td>)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" aria-live="polite" data-testid={`${testId}-total`}>{list.data ? total(count, number(count)) : ' '}</Text>
        <PageNumbers pages={pages} page={page} onChange={(next) => go({ q, page: next })} />
      </Group>
    </Stack>
  )
}
