// Authenticator apps (list, add with a QR code and a first code, remove), recovery codes (how many
// are left; ten new ones, shown once) and, apart, the place where passkeys will be listed.
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FactorView } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { RecoveryCodesView } from '../components/RecoveryCodesView'
import { TotpEnrolmentView } from '../components/TotpEnrolmentView'
import { formatDateTime } from '../i18n/format'
import { accountKeys, confirmTotp, listFactors, regenerateRecoveryCodes, removeFactor, startTotp } from './api'

export function SecondFactorsSection({ timeZone }: { timeZone: string | null }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const factors = useQuery({ queryKey: accountKeys.factors, queryFn: listFactors })
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.factors })
  const remove = useMutation({ mutationFn: removeFactor, onSuccess: refresh })
  const regenerate = useMutation({ mutationFn: regenerateRecoveryCodes, onSuccess: (answer) => { setRecoveryCodes(answer.recoveryCodes); void refresh() } })

  const authenticators = factors.data?.items.filter((f) => f.kind === 'totp') ?? []
  const passkeys = factors.data?.items.filter((f) => f.kind === 'webauthn') ?? []
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={4}>{t('authenticators.title')}</Title>
        <ProblemAlert error={factors.error ?? remove.error} />
        {factors.data && authenticators.length === 0 && <Text size="sm">{t('authenticators.none')}</Text>}
        {authenticators.length > 0 && (
          <FactorTable factors={authenticators} timeZone={timeZone} onRemove={(id) => remove.mutate(id)} removing={remove.isPending} />
        )}
        {recoveryCodes === null && <AddAuthenticator onAdded={(codes) => { if (codes) setRecoveryCodes(codes); void refresh() }} />}
      </Stack>

      <Stack gap="sm">
        <Title order={4}>{t('recovery.title')}</Title>
        {recoveryCodes ? (
          <RecoveryCodesView codes={recoveryCodes} onSaved={() => setRecoveryCodes(null)} />
        ) : factors.data && (
          authenticators.length + passkeys.length === 0 ? <Text size="sm">{t('recovery.needsFactor')}</Text> : (
            <>
              <Text size="sm">{t('recovery.left', { count: factors.data.recoveryCodesLeft })}</Text>
              <ProblemAlert error={regenerate.error} />
              <Group>
                <Button variant="default" onClick={() => regenerate.mutate()} loading={regenerate.isPending}>{t('recovery.regenerate')}</Button>
                <Text size="xs" c="dimmed">{t('recovery.regenerateHelp')}</Text>
              </Group>
            </>
          )
        )}
      </Stack>

      {/* Passkeys (WebAuthn) come in a later release; the API already lists them among the factors. */}
      <Stack gap="sm" data-testid="passkeys">
        <Title order={4}>{t('passkeys.title')}</Title>
        {passkeys.length > 0
          ? <FactorTable factors={passkeys} timeZone={timeZone} onRemove={(id) => remove.mutate(id)} removing={remove.isPending} />
          : <Text size="sm" c="dimmed">{t('passkeys.none')}</Text>}
      </Stack>
    </Stack>
  )
}

function FactorTable({ factors, timeZone, onRemove, removing }: { factors: FactorView[]; timeZone: string | null; onRemove: (id: string) => void; removing: boolean }) {
  const { t, i18n } = useTranslation()
  const date = (iso: string) => formatDateTime(iso, i18n.language, timeZone)
  return (
    <Table>
      <Table.Tbody>
        {factors.map((factor) => (
          <Table.Tr key={factor.id}>
            <Table.Td>{factor.name}</Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {t('authenticators.added', { date: date(factor.createdAt) })}, {factor.lastUsedAt ? t('authenticators.lastUsed', { date: date(factor.lastUsedAt) }) : t('authenticators.neverUsed')}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(factor.id)} disabled={removing} aria-label={`${t('authenticators.remove')}: ${factor.name}`}>
                {t('authenticators.remove')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function AddAuthenticator({ onAdded }: { onAdded: (recoveryCodes: string[] | null) => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const start = useMutation({ mutationFn: () => startTotp(name.trim()) })
  const confirm = useMutation({
    mutationFn: (code: string) => confirmTotp(start.data!.id, code),
    onSuccess: (answer) => {
      setOpen(false)
      setName('')
      start.reset()
      onAdded(answer.recoveryCodes)
    },
  })
  if (!open) return <Group><Button variant="default" onClick={() => setOpen(true)}>{t('authenticators.add')}</Button></Group>
  const cancel = () => {
    setOpen(false)
    start.reset()
    confirm.reset()
  }
  const submitName = (event: FormEvent) => {
    event.preventDefault()
    start.mutate()
  }
  return (
    <Stack gap="sm" maw={420}>
      <ProblemAlert error={start.error ?? confirm.error} fields={['code', 'name']} />
      {start.data ? (
        <TotpEnrolmentView enrolment={start.data} onConfirm={(code) => confirm.mutate(code)} pending={confirm.isPending} error={confirm.error} />
      ) : (
        <form onSubmit={submitName}>
          <Stack gap="sm">
            <TextInput label={t('authenticators.name')} placeholder={t('authenticators.namePlaceholder')} value={name} maxLength={100}
              onChange={(event) => setName(event.currentTarget.value)} />
            <Group><Button type="submit" loading={start.isPending}>{t('authenticators.start')}</Button></Group>
          </Stack>
        </form>
      )}
      <Group><Button variant="subtle" onClick={cancel}>{t('app.cancel')}</Button></Group>
    </Stack>
  )
}
