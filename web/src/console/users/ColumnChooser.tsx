// Which columns the results table shows; the username always (it opens the user).
import { Button, Checkbox, Popover, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { COLUMNS, DEFAULT_COLUMNS, type Column } from './columns'

export function ColumnChooser({ columns, onChange }: { columns: readonly Column[]; onChange: (columns: Column[]) => void }) {
  const { t } = useTranslation()
  const choose = (values: string[]) => {
    onChange(COLUMNS.filter((column) => column === 'username' || values.includes(column)))
  }
  return (
    <Popover position="bottom-end" shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default">{t('users.columnsButton')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group label={t('users.columnsLabel')} value={[...columns]} onChange={choose}>
          <Stack gap={6} mt="xs">
            {COLUMNS.map((column) => (
              <Checkbox key={column} value={column} label={t(`users.columns.${column}`)} disabled={column === 'username'}
                description={column === 'username' ? t('users.columnsUsername') : undefined} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Button variant="subtle" size="xs" mt="sm" onClick={() => onChange([...DEFAULT_COLUMNS])}>{t('users.columnsDefault')}</Button>
      </Popover.Dropdown>
    </Popover>
  )
}
