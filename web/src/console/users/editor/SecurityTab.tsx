// Security: the required actions (saved with the form), and for an existing user what acts at once:
// locking and unlocking, the second factors (reset), the sessions (end them all), the user's API keys
// (create, shown once; revoke), and when the password last changed.
import { Alert, Badge, Button, Checkbox, Code, CopyButton, Divider, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { fieldError } from '../../../components/field-error'
import { formatDateTime } from '../../../i18n/format'
import { ConfirmButton } from '../../ConfirmButton'
import { useConsole } from '../../console-context'
import { createApiKey, editorKeys, endSessions, listApiKeys, listFactors, listSessions, lockUser, resetFactors, revokeApiKey, unlockUser } from './api'
import { REQUIRED_ACTIONS } from './draft'
import type { TabProps } from './tab-props'

export function SecurityTab({ draft, change, error, user, onUserChanged }: TabProps & {
  /** Null for a user not saved yet. */
  user: User | null
  /** An action here changed the user (its version moved). */
  onUserChanged: () => void
}) {
  const { t } = useTranslation()
  const { can } = useConsole()
  return (
    <Stack gap="lg" maw={900}>
      <Checkbox.Group label={t('userEditor.security.requiredActions')} description={t('userEditor.security.requiredActionsHint')}
        value={draft.requiredActions} onChange={(values) => change({ requiredActions: REQUIRED_ACTIONS.filter((a) => values.includes(a)) })}
        error={fieldError(t, error, 'requiredActions')}>
        <Stack gap={6} mt={6}>
          {REQUIRED_ACTIONS.map((action) => <Checkbox key={action} value={action} label={t(`userEditor.security.actions.${action}`)} />)}
        </Stack>
      </Checkbox.Group>
      {user && (
        <>
          <Divider />
          <LockSection user={user} onUserChanged={onUserChanged} />
          <Divider />
          <FactorsSection user={user} />
          <Divider />
          <SessionsSection user={user} />
          {can('users:credentials') && (
            <>
              <Divider />
              <ApiKeysSection user={user} />
            </>
          )}
        </>
      )}
    </Stack>
  )
}

function useDate() {
  const { i18n } = useTranslation()
  const { timeZone } = useConsole()
  return (iso: string) => formatDateTime(iso, i18n.language, timeZone)
}

function LockSection({ user, onUserChanged }: { user: User; onUserChanged: () => void }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const date = useDate()
  const lock = useMutation({ mutationFn: () => lockUser(user.id), onSuccess: onUserChanged })
  const unlock = useMutation({ mutationFn: () => unlockUser(user.id), onSuccess: onUserChanged })
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">{t('userEditor.security.signIn')}</Title>
      <Group gap="xs">
        {user.locked
          ? <Badge color="red" variant="light">{user.lockedUntil ? t('userEditor.security.lockedUntil', { date: date(user.lockedUntil) }) : t('userEditor.security.locked')}</Badge>
          : <Badge color="gray" variant="light">{t('userEditor.security.notLocked')}</Badge>}
        <Text size="sm">{t('userEditor.security.passwordChanged', { date: user.passwordChangedAt ? date(user.passwordChangedAt) : t('userEditor.security.never') })}</Text>
      </Group>
      <ProblemAlert error={lock.error ?? unlock.error} />
      {can('users:credentials') && (
        <Group gap="sm">
          {user.locked
            ? <Button variant="default" onClick={() => unlock.mutate()} loading={unlock.isPending}>{t('userEditor.security.unlock')}</Button>
            : <ConfirmButton label={t('userEditor.security.lock')} title={t('userEditor.security.lockTitle', { username: user.username })}
                text={t('userEditor.security.lockText')} confirmLabel={t('userEditor.security.lock')} onConfirm={() => lock.mutate()} pending={lock.isPending} />}
        </Group>
      )}
    </Stack>
  )
}

function FactorsSection({ user }: { user: User }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const date = useDate()
  const queryClient = useQueryClient()
  const factors = useQuery({ queryKey: editorKeys.factors(user.id), queryFn: () => listFactors(user.id) })
  const reset = useMutation({ mutationFn: () => resetFactors(user.id), onSuccess: () => queryClient.invalidateQueries({ queryKey: editorKeys.factors(user.id) }) })
  const items = factors.data?.items ?? []
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">{t('userEditor.security.factors')}</Title>
      <ProblemAlert error={factors.error ?? reset.error} />
      {factors.data && (items.length === 0 ? <Text size="sm">{t('userEditor.security.noFactors')}</Text> : (
        <>
          <Table data-testid="user-factors">
            <Table.Thead><Table.Tr><Table.Th>{t('userEditor.security.kind')}</Table.Th><Table.Th>{t('userEditor.security.name')}</Table.Th><Table.Th>{t('userEditor.security.added')}</Table.Th><Table.Th>{t('userEditor.security.lastUsed')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map((factor) => (
                <Table.Tr key={factor.id}>
                  <Table.Td>{t(`factorKinds.${factor.kind}`)}</Table.Td><Table.Td>{factor.name}</Table.Td><Table.Td>{date(factor.createdAt)}</Table.Td>
                  <Table.Td>{factor.lastUsedAt ? date(factor.lastUsedAt) : t('userEditor.security.never')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">{t('recovery.left', { count: factors.data.recoveryCodesLeft })}</Text>
        </>
      ))}
      {can('users:credentials') && items.length > 0 && (
        <Group>
          <ConfirmButton label={t('userEditor.security.resetFactors')} title={t('userEditor.security.resetFactorsTitle', { username: user.username })}
            text={t('userEditor.security.resetFactorsText')} confirmLabel={t('userEditor.security.resetFactors')} onConfirm={() => reset.mutate()} pending={reset.isPending} />
        </Group>
      )}
    </Stack>
  )
}

function SessionsSection({ user }: { user: User }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const date = useDate()
  const queryClient = useQueryClient()
  const sessions = useQuery({ queryKey: editorKeys.sessions(user.id), queryFn: () => listSessions(user.id) })
  const end = useMutation({ mutationFn: () => endSessions(user.id), onSuccess: () => queryClient.invalidateQueries({ queryKey: editorKeys.sessions(user.id) }) })
  const items = sessions.data ?? []
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">{t('sessions.title')}</Title>
      <ProblemAlert error={sessions.error ?? end.error} />
      {sessions.data && (items.length === 0 ? <Text size="sm">{t('userEditor.security.noSessions')}</Text> : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="user-sessions">
            <Table.Thead><Table.Tr><Table.Th>{t('sessions.browser')}</Table.Th><Table.Th>{t('sessions.ip')}</Table.Th><Table.Th>{t('sessions.started')}</Table.Th><Table.Th>{t('sessions.lastSeen')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>{session.browser}</Table.Td><Table.Td>{session.clientIp ?? '—'}</Table.Td><Table.Td>{date(session.createdAt)}</Table.Td><Table.Td>{date(session.lastSeenAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ))}
      {can('users:credentials') && items.length > 0 && (
        <Group>
          <ConfirmButton label={t('userEditor.security.endSessions')} title={t('userEditor.security.endSessionsTitle', { username: user.username })}
            text={t('userEditor.security.endSessionsText')} confirmLabel={t('userEditor.security.endSessions')} onConfirm={() => end.mutate()} pending={end.isPending} />
        </Group>
      )}
    </Stack>
  )
}

function ApiKeysSection({ user }: { user: User }) {
  const { t } = useTranslation()
  const date = useDate()
  const queryClient = useQueryClient()
  const keys = useQuery({ queryKey: editorKeys.apiKeys(user.id), queryFn: () => listApiKeys(user.id) })
  const refresh = () => queryClient.invalidateQueries({ queryKey: editorKeys.apiKeys(user.id) })
  const [name, setName] = useState('')
  const create = useMutation({ mutationFn: () => createApiKey(user.id, name.trim()), onSuccess: () => { setName(''); void refresh() } })
  const revoke = useMutation({ mutationFn: revokeApiKey, onSuccess: refresh })
  const submit = () => {
    if (name.trim() !== '') create.mutate()
  }
  const items = keys.data ?? []
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">{t('userEditor.security.apiKeys')}</Title>
      <ProblemAlert error={keys.error ?? revoke.error} />
      {keys.data && (items.length === 0 ? <Text size="sm">{t('userEditor.security.noApiKeys')}</Text> : (
        <Table data-testid="user-api-keys">
          <Table.Thead><Table.Tr><Table.Th>{t('userEditor.security.name')}</Table.Th><Table.Th>{t('userEditor.security.keyPrefix')}</Table.Th><Table.Th>{t('userEditor.security.added')}</Table.Th><Table.Th>{t('userEditor.security.lastUsed')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>{key.name}</Table.Td><Table.Td><Code>{key.prefix}…</Code></Table.Td><Table.Td>{date(key.createdAt)}</Table.Td>
                <Table.Td>{key.lastUsedAt ? date(key.lastUsedAt) : t('userEditor.security.never')}</Table.Td>
                <Table.Td ta="right">
                  <ConfirmButton size="xs" variant="subtle" label={t('userEditor.security.revoke')} ariaLabel={t('userEditor.security.revokeKey', { name: key.name })}
                    title={t('userEditor.security.revokeTitle', { name: key.name })} text={t('userEditor.security.revokeText')} confirmLabel={t('userEditor.security.revoke')}
                    onConfirm={() => revoke.mutate(key.id)} disabled={revoke.isPending} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
      {create.data && (
        <Alert color="yellow" title={t('userEditor.security.keyCreated')} role="status">
          <Stack gap="xs">
            <Text size="sm">{t('userEditor.security.keyShownOnce')}</Text>
            <Code block data-testid="new-api-key">{create.data.key}</Code>
            <Group gap="xs">
              <CopyButton value={create.data.key}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('userEditor.password.copied') : t('userEditor.password.copy')}</Button>}</CopyButton>
              <Button size="xs" variant="subtle" onClick={() => create.reset()}>{t('userEditor.security.keySaved')}</Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {/* Inside the editor's form (forms do not nest): Enter here creates the key instead of saving the user. */}
      <Group gap="sm" align="flex-end">
        <TextInput label={t('userEditor.security.newKeyName')} value={name} maxLength={100} onChange={(event) => setName(event.currentTarget.value)} error={fieldError(t, create.error, 'name')}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); submit() } }} />
        <Button variant="default" onClick={submit} disabled={name.trim() === ''} loading={create.isPending}>{t('userEditor.security.createKey')}</Button>
      </Group>
      <ProblemAlert error={create.error} fields={['name']} />
    </Stack>
  )
}
