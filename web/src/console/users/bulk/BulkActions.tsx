// "Bulk actions" on the users page: a menu of what the user may do to the selected rows or to every
// user the search matches; each opens the dialog that asks (with the count) and then says what failed.
import { Button, Menu } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConsole } from '../../console-context'
import type { UserSelection } from '../UsersPage'
import { BULK_ACTIONS, type BulkActionInfo } from './bulk'
import { BulkDialog } from './BulkDialog'

export function BulkActions({ selection, onDone }: { selection: UserSelection; onDone: () => void }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const [chosen, setChosen] = useState<BulkActionInfo | null>(null)
  const allowed = BULK_ACTIONS.filter((info) => can(info.permission))
  if (allowed.length === 0) return null
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light">{t('bulk.menu')}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {allowed.map((info) => (
            <Menu.Item key={info.action} color={info.destructive ? 'red.8' : undefined} onClick={() => setChosen(info)}>{t(`bulk.actions.${info.action}`)}</Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {chosen && <BulkDialog key={chosen.action} info={chosen} selection={selection} onClose={(changed) => { setChosen(null); if (changed) onDone() }} />}
    </>
  )
}
