// While a form has unsaved changes, leaving the page asks first: in a dialog for the console's own
// links and back/forward, with the browser's question for a reload or a closed tab.
import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLeaveGuard } from '../router'

export function UnsavedChangesGuard({ active }: { active: boolean }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const answer = useRef<((leave: boolean) => void) | null>(null)
  const confirm = useCallback(() => new Promise<boolean>((resolve) => {
    answer.current = resolve
    setAsking(true)
  }), [])
  useLeaveGuard(active, confirm)
  const reply = (leave: boolean) => {
    setAsking(false)
    answer.current?.(leave)
    answer.current = null
  }
  return (
    <Modal opened={asking} onClose={() => reply(false)} title={t('console.leaveTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="md">
        <Text size="sm">{t('console.leaveText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reply(false)} data-autofocus>{t('console.stay')}</Button>
          <Button color="red" onClick={() => reply(true)}>{t('console.leave')}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
