// The update_password step: a temporary or expired password is replaced before the session opens.
import { Button, Stack, Text, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { emptyNewPassword, NewPasswordFields, passwordsMatch } from '../components/NewPasswordFields'
import { ProblemAlert } from '../components/ProblemAlert'
import { updatePassword } from './api'

export function UpdatePasswordStep({ onAnswer }: { onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(emptyNewPassword)
  const [submitted, setSubmitted] = useState(false)
  const mutation = useMutation({ mutationFn: () => updatePassword(value.password), onSuccess: onAnswer })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (passwordsMatch(value)) mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{t('updatePassword.title')}</Title>
        <Text size="sm">{t('updatePassword.help')}</Text>
        <ProblemAlert error={mutation.error} fields={['newPassword']} />
        <NewPasswordFields value={value} onChange={setValue} error={mutation.error} path="newPassword" showMismatch={submitted} />
        <Button type="submit" loading={mutation.isPending}>{t('updatePassword.submit')}</Button>
      </Stack>
    </form>
  )
}
