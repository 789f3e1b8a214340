// Information (Leap Connect): agent ID, last sign-in with its IP address and browser, created and
// last changed (by whom), each time in the viewer's own time zone, which is named.
import { Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../api/types'
import { formatDateTime } from '../../../i18n/format'
import { useConsole } from '../../console-context'

export function InformationTab({ user }: { user: User }) {
  const { t, i18n } = useTranslation()
  const { timeZone } = useConsole()
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, timeZone) : t('userEditor.information.never'))
  const rows: Array<[string, string]> = [
    [t('userEditor.information.agentId'), user.agentId === null ? '—' : String(user.agentId)],
    [t('userEditor.information.lastLoginAt'), date(user.lastLoginAt)],
    [t('userEditor.information.lastLoginIp'), user.lastLoginIp ?? '—'],
    [t('userEditor.information.lastLoginBrowser'), user.lastLoginBrowser ?? '—'],
    [t('userEditor.information.createdAt'), date(user.createdAt)],
    [t('userEditor.information.updatedAt'), date(user.updatedAt)],
    [t('userEditor.information.updatedBy'), user.updatedByUsername ?? (user.updatedBy === 'system' ? t('userEditor.history.system') : user.updatedBy ?? '—')],
  ]
  return (
    <Stack gap="sm" maw={640}>
      <Text size="sm" c="dimmed">{t('userEditor.information.timesIn', { zone: timeZone })}</Text>
      <Table data-testid="user-information" variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}><Table.Th w={220}>{label}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
