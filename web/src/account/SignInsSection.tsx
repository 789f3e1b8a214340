// The user's latest sign-ins and failed attempts: time, address, browser, outcome.
import { Badge, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { SignInEvent } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import en from '../i18n/en.json'
import { formatDateTime } from '../i18n/format'
import { accountKeys, listSignIns } from './api'

type Reason = keyof typeof en.signIns.reasons
const isReason = (reason: string): reason is Reason => Object.hasOwn(en.signIns.reasons, reason)

function outcome(t: TFunction, event: SignInEvent): string {
  if (event.outcome === 'success') return t('signIns.success')
  const reason = event.reason && isReason(event.reason) ? t(`signIns.reasons.${event.reason}`) : event.reason
  return reason ? `${t('signIns.failure')} (${reason})` : t('signIns.failure')
}

export function SignInsSection({ timeZone }: { timeZone: string | null }) {
  const { t, i18n } = useTranslation()
  const signIns = useQuery({ queryKey: accountKeys.signIns, queryFn: listSignIns })
  return (
    <Stack gap="sm">
      <Title order={4}>{t('signIns.title')}</Title>
      <ProblemAlert error={signIns.error} />
      {signIns.data?.length === 0 && <Text size="sm">{t('signIns.none')}</Text>}
      {signIns.data && signIns.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="sign-ins">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signIns.time')}</Table.Th>
                <Table.Th>{t('signIns.ip')}</Table.Th>
                <Table.Th>{t('signIns.browser')}</Table.Th>
                <Table.Th>{t('signIns.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {signIns.data.map((event, index) => (
                <Table.Tr key={`${event.at}-${index}`}>
                  <Table.Td>{formatDateTime(event.at, i18n.language, timeZone)}</Table.Td>
                  <Table.Td>{event.clientIp ?? '—'}</Table.Td>
                  <Table.Td>{event.browser ?? '—'}</Table.Td>
                  <Table.Td><Badge variant="light" color={event.outcome === 'success' ? 'green' : 'red'}>{outcome(t, event)}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
