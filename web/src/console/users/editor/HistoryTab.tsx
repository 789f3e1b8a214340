// History: this user's audit events, newest first, twenty a page: when, by whom, what, which fields
// changed from what to what (secrets arrive redacted).
import { Center, Code, Loader, Pagination, Stack, Table, Text } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent, User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import en from '../../../i18n/en.json'
import { formatDateTime } from '../../../i18n/format'
import { useConsole } from '../../console-context'
import { editorKeys, listHistory } from './api'

type KnownAction = keyof typeof en.userEditor.history.actions
const actionKey = (action: string) => action.replace(/^user\./, '').replace(/\./g, '_')
const isKnown = (key: string): key is KnownAction => Object.hasOwn(en.userEditor.history.actions, key)

function actionLabel(t: TFunction, action: string): string {
  const key = actionKey(action)
  return isKnown(key) ? t(`userEditor.history.actions.${key}`) : action
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)

/** A value as text: ids of campaigns, roles and teams by their names. */
function shown(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return names.get(value) ?? value
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => (typeof item === 'string' ? names.get(item) ?? item : JSON.stringify(item))).join(', ')
  return JSON.stringify(value)
}

/** What changed; a new user's empty fields say nothing. */
const changesOf = (event: AuditEvent) => Object.entries(event.changes).filter(([, change]) => !(isEmpty(change.old) && isEmpty(change.new)))

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
                <Table.Td>
                  <Stack gap={2}>
                    {changesOf(event).map(([field, change]) => (
                      <Text key={field} size="xs"><Code>{field}</Code> {shown(change.old, names)} → {shown(change.new, names)}</Text>
                    ))}
                  </Stack>
                </Table.Td>
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
