// The second_factor step: a code from the authenticator app, or one of the recovery codes.
import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { answerSecondFactor } from './api'

type Method = 'totp' | 'recovery_code'

export function SecondFactorStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const methods = answer.secondFactorMethods ?? ['totp', 'recovery_code']
  const [method, setMethod] = useState<Method>(methods[0] ?? 'totp')
  const [code, setCode] = useState('')
  const mutation = useMutation({ mutationFn: () => answerSecondFactor(method, code.trim()), onSuccess: onAnswer })
  const other: Method = method === 'totp' ? 'recovery_code' : 'totp'
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  const switchMethod = () => {
    setMethod(other)
    setCode('')
    mutation.reset()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{t('secondFactor.title')}</Title>
        <ProblemAlert error={mutation.error} fields={['code']} />
        <Text size="sm">{method === 'totp' ? t('secondFactor.totpHelp') : t('secondFactor.recoveryHelp')}</Text>
        <TextInput
          key={method}
          label={method === 'totp' ? t('secondFactor.totpCode') : t('secondFactor.recoveryCode')}
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          autoComplete="one-time-code"
          autoFocus
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={fieldError(t, mutation.error, 'code')}
        />
        <Button type="submit" loading={mutation.isPending}>{t('secondFactor.submit')}</Button>
        {methods.includes(other) && (
          <Anchor component="button" type="button" size="sm" onClick={switchMethod}>
            {other === 'recovery_code' ? t('secondFactor.useRecoveryCode') : t('secondFactor.useTotp')}
          </Anchor>
        )}
      </Stack>
    </form>
  )
}
