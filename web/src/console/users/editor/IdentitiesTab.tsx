// Identities (Leap Connect): the user's username in each other environment signed in to by single
// sign-on, one row each, "+ Add another row" for more. Fully empty rows are not saved.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { fieldError } from '../../../components/field-error'
import { sentIdentityRows, type IdentityRow } from './draft'
import type { TabProps } from './tab-props'

export function IdentitiesTab({ draft, change, error }: TabProps) {
  const { t } = useTranslation()
  const rows = draft.identities
  // The API numbers the rows it got; empty rows were not among them.
  const sent = sentIdentityRows(rows)
  const path = (index: number) => `identities[${sent.indexOf(index)}]`
  const setRow = (index: number, row: Partial<IdentityRow>) => change({ identities: rows.map((r, i) => (i === index ? { ...r, ...row } : r)) })
  const addRow = () => change({ identities: [...rows, { environment: '', username: '' }] })
  return (
    <Stack gap="sm" maw={760}>
      <Text size="sm" c="dimmed">{t('userEditor.identities.help')}</Text>
      {rows.length === 0 && <Text size="sm">{t('userEditor.identities.none')}</Text>}
      {rows.map((row, index) => {
        const number = index + 1
        const rowError = sent.includes(index) ? fieldError(t, error, path(index)) : null
        return (
          <Stack key={index} gap={4} data-testid="identity-row">
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <TextInput label={t('userEditor.identities.environment', { number })} style={{ flex: 1 }} value={row.environment}
                onChange={(event) => setRow(index, { environment: event.currentTarget.value })} error={sent.includes(index) ? fieldError(t, error, `${path(index)}.environment`) : null} />
              <TextInput label={t('userEditor.identities.username', { number })} style={{ flex: 1 }} value={row.username}
                onChange={(event) => setRow(index, { username: event.currentTarget.value })} error={sent.includes(index) ? fieldError(t, error, `${path(index)}.username`) : null} />
              <Button variant="subtle" color="red" mt={25} onClick={() => change({ identities: rows.filter((_, i) => i !== index) })}
                aria-label={t('userEditor.identities.removeRow', { number })}>{t('userEditor.identities.remove')}</Button>
            </Group>
            {rowError && <Text size="xs" c="red.8" role="alert">{rowError}</Text>}
          </Stack>
        )
      })}
      <Group><Button variant="default" onClick={addRow}>{t('userEditor.identities.add')}</Button></Group>
      {fieldError(t, error, 'identities') && <Text size="xs" c="red.8">{fieldError(t, error, 'identities')}</Text>}
    </Stack>
  )
}
