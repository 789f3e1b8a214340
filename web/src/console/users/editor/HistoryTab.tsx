// History: this user's audit events, newest first, twenty a page: when, by whom, what, which fields
// changed from what to what (secrets arrive redacted).
import { Center, Loader, Pagination, Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent, User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { formatDateTime } from '../../../i18n/format'
import { ChangeList } from '../../audit/ChangeList'
import { actionLabel } from '../../audit/events'
import { useConsole } from '../../console-context'
import { editorKeys, listHistory } from './api'

export function HistoryTab({ user, names }: { user: User; names: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation()
  const { timeZone } = useConsole()
  const [page, setPage] = useState(1)
  const history = useQuery({ queryKey: editorKeys.history(user.id, page), queryFn: () => listHistory(user, page), placeholderData: keepPreviousData })
  const pages = Math.max(1, Math.ceil((history.data?.total ?? 0) / 20))
  const who = (event: AuditEvent) => event.actorUsername ?? (event.actorId === 'system' || event.actorId === null ? t('userEditor.history.system') : event.actorId)
  if (history.error) return <ProblemAlert error={history.error} />
  if (!history.data) return <Center py="md"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (history.data.items.length === 0) return <Text size="sm">{t('userEditor.history.none')}</Text>
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="user-history" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('userEditor.history.time')}</Table.Th><Table.Th>{t('userEditor.history.actor')}</Table.Th>
              <Table.Th>{t('userEditor.history.action')}</Table.Th><Table.Th>{t('userEditor.history.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language, timeZone)}</Table.Td>
                <Table.Td>{who(event)}{event.clientIp ? <Text size="xs" c="dimmed">{event.clientIp}</Text> : null}</Table.Td>
                <Table.Td>{actionLabel(t, event.action)}</Table.Td>
                <Table.Td><ChangeList changes={event.changes} names={names} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} getItemProps={(n) => ({ 'aria-label': t('users.pageN', { page: n }) })}
        getControlProps={(control) => ({ 'aria-label': t(`users.pageControls.${control}`) })} />}
    </Stack>
  )
}
