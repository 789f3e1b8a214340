// The configure_totp step: the tenant requires a second factor and the user has none yet.
import { Loader, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { RecoveryCodesView } from '../components/RecoveryCodesView'
import { TotpEnrolmentView } from '../components/TotpEnrolmentView'
import { confirmTotpStep, startTotpStep } from './api'

export function ConfigureTotpStep({ onAnswer }: { onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  // A query rather than an effect: one new key per visit of the step, not one per render.
  const enrolment = useQuery({ queryKey: ['sign-in', 'totp-enrolment'], queryFn: startTotpStep, staleTime: Infinity, gcTime: 0, retry: false })
  const [confirmed, setConfirmed] = useState<SignInAnswer | null>(null)
  const mutation = useMutation({
    mutationFn: (code: string) => confirmTotpStep(enrolment.data!.id, code),
    // The recovery codes come with this answer only: show them before going on.
    onSuccess: (answer) => (answer.recoveryCodes?.length ? setConfirmed(answer) : onAnswer(answer)),
  })
  if (confirmed) return <RecoveryCodesView codes={confirmed.recoveryCodes ?? []} onSaved={() => onAnswer(confirmed)} />
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
