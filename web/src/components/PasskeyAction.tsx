// One passkey ceremony behind a button. When it times out (about a minute) or is cancelled, the page
// says so and offers to start again, as the Workspace manual describes; other failures by their code.
import { Alert, Button, Stack } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { RESTARTABLE } from '../passkeys/ceremony'
import { ProblemAlert } from './ProblemAlert'

export function PasskeyAction<T>({ label, run, onDone, variant = 'filled', disabled = false }: {
  label: string
  /** Asks the server for options, runs the browser's ceremony, sends the answer. */
  run: () => Promise<T>
  onDone: (result: T) => void
  variant?: 'filled' | 'default' | 'light'
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const mutation = useMutation({ mutationFn: run, onSuccess: onDone })
  const restartable = mutation.error instanceof ApiError && RESTARTABLE.has(mutation.error.code)
  if (restartable) {
    return (
      <Stack gap="xs">
        <Alert color="yellow" role="alert" title={t('passkeys.timedOutTitle')}>{t('passkeys.timedOut')}</Alert>
        <Button onClick={() => mutation.mutate()} loading={mutation.isPending}>{t('passkeys.startAgain')}</Button>
      </Stack>
    )
  }
  return (
    <Stack gap="xs">
      <ProblemAlert error={mutation.error} />
      <Button variant={variant} onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={disabled}>{label}</Button>
    </Stack>
  )
}
