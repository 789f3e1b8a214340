// Changing one's own password: the current one is required; the user's other sessions end.
import { Alert, Button, Group, PasswordInput, Stack, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { emptyNewPassword, NewPasswordFields, passwordsMatch } from '../components/NewPasswordFields'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { accountKeys, changePassword } from './api'

export function PasswordSection() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [current, setCurrent] = useState('')
  const [password, setPassword] = useState(emptyNewPassword)
  const [submitted, setSubmitted] = useState(false)
  const [done, setDone] = useState(false)
  const mutation = useMutation({
    mutationFn: () => changePassword(current, password.password),
    onSuccess: () => {
      setCurrent('')
      setPassword(emptyNewPassword)
      setSubmitted(false)
      setDone(true)
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setDone(false)
    if (passwordsMatch(password)) mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" maw={420}>
        <Title order={4}>{t('changePassword.title')}</Title>
        <ProblemAlert error={mutation.error} fields={['currentPassword', 'newPassword']} />
        {done && <Alert color="green" role="status">{t('changePassword.done')}</Alert>}
        <PasswordInput label={t('changePassword.current')} autoComplete="current-password" required value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)} error={fieldError(t, mutation.error, 'currentPassword')} />
        <NewPasswordFields value={password} onChange={setPassword} error={mutation.error} path="newPassword" showMismatch={submitted} />
        <Group><Button type="submit" loading={mutation.isPending}>{t('changePassword.submit')}</Button></Group>
      </Stack>
    </form>
  )
}
