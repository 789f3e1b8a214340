// The verify_email step (an administrator asked for it): a one-time code goes to the address on the
// account (an account without one is asked for it first) and is typed in here. A new code at most
// once a minute.
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { sendEmailCode, verifyEmail } from './api'

export function VerifyEmailStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [code, setCode] = useState('')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const send = useMutation({ mutationFn: () => sendEmailCode(answer.email ? undefined : email.trim()), onSuccess: (sent) => setSentTo(sent.sentTo) })
  const verify = useMutation({ mutationFn: () => verifyEmail(code.trim()), onSuccess: onAnswer })
  const submitSend = (event: FormEvent) => {
    event.preventDefault()
    send.mutate()
  }
  const submitCode = (event: FormEvent) => {
    event.preventDefault()
    verify.mutate()
  }
  return (
    <Stack gap="sm">
      <Title order={3}>{t('verifyEmail.title')}</Title>
      {sentTo === null ? (
        <form onSubmit={submitSend} noValidate>
          <Stack gap="sm">
            <ProblemAlert error={send.error} fields={['email']} />
            {answer.email ? (
              <Text size="sm">{t('verifyEmail.help', { email: answer.email })}</Text>
            ) : (
              <>
                <Text size="sm">{t('verifyEmail.noEmail')}</Text>
                <TextInput label={t('profile.email')} type="email" autoComplete="email" required value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)} error={fieldError(t, send.error, 'email')} />
              </>
            )}
            <Button type="submit" loading={send.isPending}>{t('verifyEmail.send')}</Button>
          </Stack>
        </form>
      ) : (
        <form onSubmit={submitCode}>
          <Stack gap="sm">
            <Alert color="blue" role="status">{t('verifyEmail.sent', { email: sentTo })}</Alert>
            <ProblemAlert error={verify.error ?? send.error} fields={['code']} />
            <TextInput label={t('verifyEmail.code')} inputMode="numeric" autoComplete="one-time-code" autoFocus required value={code}
              onChange={(event) => setCode(event.currentTarget.value)} error={fieldError(t, verify.error, 'code')} />
            <Button type="submit" loading={verify.isPending}>{t('verifyEmail.submit')}</Button>
            <Anchor component="button" type="button" size="sm" onClick={() => { verify.reset(); send.mutate() }}>{t('verifyEmail.resend')}</Anchor>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
