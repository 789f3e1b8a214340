// The user's sessions that have not ended; this one is marked, the others can be ended.
import { Badge, Button, Stack, Table, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../components/ProblemAlert'
import { formatDateTime } from '../i18n/format'
import { accountKeys, endSession, listSessions } from './api'

export function SessionsSection({ timeZone }: { timeZone: string | null }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const sessions = useQuery({ queryKey: accountKeys.sessions, queryFn: listSessions })
  const end = useMutation({ mutationFn: endSession, onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }) })
  const date = (iso: string) => formatDateTime(iso, i18n.language, timeZone)
  return (
    <Stack gap="sm">
      <Title order={4}>{t('sessions.title')}</Title>
      <ProblemAlert error={sessions.error ?? end.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid="sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sessions.browser')}</Table.Th>
              <Table.Th>{t('sessions.ip')}</Table.Th>
              <Table.Th>{t('sessions.started')}</Table.Th>
              <Table.Th>{t('sessions.lastSeen')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data?.map((session) => (
              <Table.Tr key={session.id} data-current={session.current || undefined}>
                <Table.Td>{session.browser}</Table.Td>
                <Table.Td>{session.clientIp ?? '—'}</Table.Td>
                <Table.Td>{date(session.createdAt)}</Table.Td>
                <Table.Td>{date(session.lastSeenAt)}</Table.Td>
                <Table.Td ta="right">
                  {session.current
                    ? <Badge variant="light">{t('sessions.current')}</Badge>
                    : <Button size="xs" variant="subtle" color="red" disabled={end.isPending} onClick={() => end.mutate(session.id)}>{t('sessions.end')}</Button>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
