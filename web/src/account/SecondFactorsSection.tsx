// Authenticator apps (list, add with a QR code and a first code, rename, remove), passkeys and
// security keys (add through the browser's WebAuthn, rename, remove) and recovery codes (how many are
// left; ten new ones, shown once). Each list shows kind, name, when added and when last used.
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FactorView } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { RecoveryCodesView } from '../components/RecoveryCodesView'
import { TotpEnrolmentView } from '../components/TotpEnrolmentView'
import { formatDateTime } from '../i18n/format'
import { fieldError } from '../components/field-error'
import { PasskeyAction } from '../components/PasskeyAction'
import { accountKeys, addPasskey, confirmTotp, listFactors, regenerateRecoveryCodes, removeFactor, renameFactor, startTotp } from './api'

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
          <FactorTable factors={authenticators} timeZone={timeZone} onRemove={(id) => remove.mutate(id)} removing={remove.isPending} onRenamed={refresh} />
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

      <Stack gap="sm" data-testid="passkeys">
        <Title order={4}>{t('passkeys.title')}</Title>
        <Text size="sm" c="dimmed">{t('passkeys.help')}</Text>
        {passkeys.length > 0
          ? <FactorTable factors={passkeys} timeZone={timeZone} onRemove={(id) => remove.mutate(id)} removing={remove.isPending} onRenamed={refresh} />
          : factors.data && <Text size="sm">{t('passkeys.none')}</Text>}
        {recoveryCodes === null && <AddPasskey onAdded={(codes) => { if (codes) setRecoveryCodes(codes); void refresh() }} />}
      </Stack>
    </Stack>
  )
}

function FactorTable({ factors, timeZone, onRemove, removing, onRenamed }: {
  factors: FactorView[]; timeZone: string | null; onRemove: (id: string) => void; removing: boolean; onRenamed: () => void
}) {
  const { t, i18n } = useTranslation()
  const date = (iso: string) => formatDateTime(iso, i18n.language, timeZone)
  const [renaming, setRenaming] = useState<string | null>(null)
  return (
    <Table data-testid="factor-table">
      <Table.Tbody>
        {factors.map((factor) => (
          <Table.Tr key={factor.id}>
            <Table.Td><Badge variant="light" color={factor.kind === 'webauthn' ? 'grape' : 'blue'}>{t(`factorKinds.${factor.kind}`)}</Badge></Table.Td>
            <Table.Td>
              {renaming === factor.id
                ? <RenameFactor factor={factor} onDone={() => { setRenaming(null); onRenamed() }} onCancel={() => setRenaming(null)} />
                : factor.name}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {t('authenticators.added', { date: date(factor.createdAt) })}, {factor.lastUsedAt ? t('authenticators.lastUsed', { date: date(factor.lastUsedAt) }) : t('authenticators.neverUsed')}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button size="xs" variant="subtle" onClick={() => setRenaming(factor.id)} disabled={renaming !== null} aria-label={`${t('authenticators.rename')}: ${factor.name}`}>
                  {t('authenticators.rename')}
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(factor.id)} disabled={removing} aria-label={`${t('authenticators.remove')}: ${factor.name}`}>
                  {t('authenticators.remove')}
                </Button>
              </Group>
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

function RenameFactor({ factor, onDone, onCancel }: { factor: FactorView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState(factor.name)
  const mutation = useMutation({ mutationFn: () => renameFactor(factor.id, name.trim()), onSuccess: onDone })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Group gap="xs" wrap="nowrap">
        <TextInput size="xs" aria-label={t('authenticators.newName')} value={name} maxLength={100} required autoFocus
          onChange={(event) => setName(event.currentTarget.value)} error={fieldError(t, mutation.error, 'name')} />
        <Button size="xs" type="submit" loading={mutation.isPending}>{t('authenticators.save')}</Button>
        <Button size="xs" variant="subtle" onClick={onCancel}>{t('app.cancel')}</Button>
      </Group>
      <ProblemAlert error={mutation.error} fields={['name']} />
    </form>
  )
}

function AddPasskey({ onAdded }: { onAdded: (recoveryCodes: string[] | null) => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  if (!open) return <Group><Button variant="default" onClick={() => setOpen(true)}>{t('passkeys.add')}</Button></Group>
  return (
    <Stack gap="sm" maw={420}>
      <TextInput label={t('passkeys.name')} placeholder={t('passkeys.namePlaceholder')} value={name} maxLength={100}
        onChange={(event) => setName(event.currentTarget.value)} />
      <PasskeyAction label={t('passkeys.create')} run={() => addPasskey(name)} onDone={(answer) => {
        setOpen(false)
        setName('')
        onAdded(answer.recoveryCodes)
      }} />
      <Group><Button variant="subtle" onClick={() => setOpen(false)}>{t('app.cancel')}</Button></Group>
    </Stack>
  )
}
