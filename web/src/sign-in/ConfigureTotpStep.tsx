// The configure_totp step: the tenant requires a second factor and the user has none yet (or an
// administrator asked for an authenticator app). Where allowed, a passkey does instead of the app.
import { Anchor, Loader, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { PasskeyAction } from '../components/PasskeyAction'
import { ProblemAlert } from '../components/ProblemAlert'
import { RecoveryCodesView } from '../components/RecoveryCodesView'
import { TotpEnrolmentView } from '../components/TotpEnrolmentView'
import { confirmTotpStep, setUpPasskeyStep, startTotpStep } from './api'

export function ConfigureTotpStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const passkeyAllowed = answer.configureMethods?.includes('webauthn') ?? false
  const [withPasskey, setWithPasskey] = useState(false)
  const [confirmed, setConfirmed] = useState<SignInAnswer | null>(null)
  // The recovery codes come with this answer only: show them before going on.
  const done = (received: SignInAnswer) => (received.recoveryCodes?.length ? setConfirmed(received) : onAnswer(received))
  if (confirmed) return <RecoveryCodesView codes={confirmed.recoveryCodes ?? []} onSaved={() => onAnswer(confirmed)} />
  return (
    <Stack gap="sm">
      {withPasskey ? <PasskeySetup onDone={done} /> : <TotpSetup onDone={done} />}
      {passkeyAllowed && (
        <Anchor component="button" type="button" size="sm" onClick={() => setWithPasskey(!withPasskey)}>
          {withPasskey ? t('configureTotp.useApp') : t('configureTotp.usePasskey')}
        </Anchor>
      )}
    </Stack>
  )
}

function TotpSetup({ onDone }: { onDone: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  // A query rather than an effect: one new key per visit of the step, not one per render.
  const enrolment = useQuery({ queryKey: ['sign-in', 'totp-enrolment'], queryFn: startTotpStep, staleTime: Infinity, gcTime: 0, retry: false })
  const mutation = useMutation({ mutationFn: (code: string) => confirmTotpStep(enrolment.data!.id, code), onSuccess: onDone })
  return (
    <Stack gap="sm">
      <Title order={3}>{t('configureTotp.title')}</Title>
      <Text size="sm">{t('configureTotp.help')}</Text>
      <ProblemAlert error={enrolment.error ?? mutation.error} fields={['code']} />
      {enrolment.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {enrolment.data && <TotpEnrolmentView enrolment={enrolment.data} onConfirm={(code) => mutation.mutate(code)} pending={mutation.isPending} error={mutation.error} />}
    </Stack>
  )
}

function PasskeySetup({ onDone }: { onDone: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  return (
    <Stack gap="sm">
      <Title order={3}>{t('configureTotp.passkeyTitle')}</Title>
      <Text size="sm">{t('configureTotp.passkeyHelp')}</Text>
      <TextInput label={t('passkeys.name')} placeholder={t('passkeys.namePlaceholder')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
      <PasskeyAction label={t('passkeys.create')} run={() => setUpPasskeyStep(name)} onDone={onDone} />
    </Stack>
  )
}
