// The fields an audit event changed, each "field old → new" (the audit log and a user's History).
import { Code, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../api/types'
import { changesOf, shownValue } from './events'

export function ChangeList({ changes, names }: { changes: AuditEvent['changes']; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation()
  return (
    <Stack gap={2}>
      {changesOf(changes).map(([field, change]) => (
        <Text key={field} size="xs"><Code>{field}</Code> {shownValue(t, change.old, names)} → {shownValue(t, change.new, names)}</Text>
      ))}
    </Stack>
  )
}
