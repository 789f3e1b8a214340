// A list of checkboxes to pick several from (campaigns, teams), with a filter once it grows long.
import { Checkbox, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

const FILTER_FROM = 8

export function ChoiceList({ label, items, value, onChange, error, empty, filterLabel }: {
  label: string
  items: Array<{ id: string; label: string }>
  value: string[]
  onChange: (ids: string[]) => void
  error: ReactNode
  empty: string
  filterLabel: string
}) {
  const { t } = useTranslation()
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLocaleLowerCase()
  const shown = needle ? items.filter((item) => item.label.toLocaleLowerCase().includes(needle)) : items
  return (
    <Stack gap="xs">
      {items.length >= FILTER_FROM && <TextInput label={filterLabel} size="xs" type="search" value={filter} onChange={(event) => setFilter(event.currentTarget.value)} maw={320}
        onKeyDown={(event) => { if (event.key === 'Enter') event.preventDefault() }} />}
      <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
        {items.length === 0 ? <Text size="sm" c="dimmed" mt={4}>{empty}</Text> : (
          <ScrollArea.Autosize mah={320} mt={6} type="auto">
            <Stack gap={6} py={2}>
              {shown.map((item) => <Checkbox key={item.id} value={item.id} label={item.label} />)}
              {shown.length === 0 && <Text size="sm" c="dimmed">{t('userEditor.nothingMatches')}</Text>}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Checkbox.Group>
    </Stack>
  )
}
