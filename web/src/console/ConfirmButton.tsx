// A button for an action that cannot be undone: it asks first, in a dialog that says what happens
// (Enter confirms, Escape cancels, focus stays in the dialog).
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ownSubmit } from './forms/own-submit'

export function ConfirmButton({ label, title, text, confirmLabel, onConfirm, pending = false, color = 'red', variant = 'default', size, disabled, ariaLabel, ariaDescribedBy }: {
  label: ReactNode
  title: string
  text: ReactNode
  confirmLabel: string
  onConfirm: () => void
  pending?: boolean
  color?: ButtonProps['color']
  variant?: ButtonProps['variant']
  size?: ButtonProps['size']
  disabled?: boolean
  ariaLabel?: string
  /** The id of a text that says more, e.g. why the button is disabled. */
  ariaDescribedBy?: string
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button variant={variant} color={variant === 'default' ? undefined : color} size={size} onClick={() => setOpen(true)} disabled={disabled} loading={pending} aria-label={ariaLabel} aria-describedby={ariaDescribedBy}>{label}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} closeButtonProps={{ 'aria-label': t('app.close') }}>
        <form onSubmit={ownSubmit(() => { setOpen(false); onConfirm() })}>
          <Stack gap="md">
            <Text size="sm">{text}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t('app.cancel')}</Button>
              <Button type="submit" color={color} data-autofocus>{confirmLabel}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
