// The second_factor step: one of the user's passkeys, a code from the authenticator app, or one of
// the recovery codes (the methods the answer lists, the first one offered first).
import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SecondFactorMethod, SignInAnswer } from '../api/types'
import { PasskeyAction } from '../components/PasskeyAction'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { answerSecondFactor, answerWithPasskey } from './api'

const SWITCH_LABELS = { webauthn: 'secondFactor.usePasskey', totp: 'secondFactor.useTotp', recovery_code: 'secondFactor.useRecoveryCode' } as const

export function SecondFactorStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const methods: SecondFactorMethod[] = answer.secondFactorMethods ?? ['totp', 'recovery_code']
  const [method, setMethod] = useState<SecondFactorMethod>(methods[0] ?? 'totp')
  const [code, setCode] = useState('')
  const mutation = useMutation({ mutationFn: () => answerSecondFactor(method === 'recovery_code' ? 'recovery_code' : 'totp', code.trim()), onSuccess: onAnswer })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  const switchTo = (other: SecondFactorMethod) => {
    setMethod(other)
    setCode('')
    mutation.reset()
  }
  const others = methods.filter((m) => m !== method)
  return (
    <Stack gap="sm">
      <Title order={3}>{t('secondFactor.title')}</Title>
      {method === 'webauthn' ? (
        <>
          <Text size="sm">{t('secondFactor.passkeyHelp')}</Text>
          <PasskeyAction label={t('secondFactor.passkeySubmit')} run={answerWithPasskey} onDone={onAnswer} />
        </>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
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
          </Stack>
        </form>
      )}
      {others.map((other) => (
        <Anchor key={other} component="button" type="button" size="sm" onClick={() => switchTo(other)}>{t(SWITCH_LABELS[other])}</Anchor>
      ))}
    </Stack>
  )
}
