// Voice (Connectel): the phone's transport, NAT, the codecs allowed in order of preference (chosen
// and moved up and down with buttons), the dialplan context, call and pickup groups; and a new SIP
// password, shown this once. People only: wallboards, bots and API accounts have no phone.
import { ActionIcon, Alert, Button, Center, Checkbox, Code, CopyButton, Group, Input, Loader, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Codec, User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { fieldError } from '../../../components/field-error'
import { itemMessages } from '../../../i18n/messages'
import { ConfirmButton } from '../../ConfirmButton'
import { newSipPassword } from './api'
import { CODECS, GROUPS, moveCodec, NAT_MODES, TRANSPORTS, type VoiceForm } from './voice'

export function VoiceTab({ form, user, error, canWrite, canSetPassword }: {
  form: VoiceForm
  user: User
  /** The failed save (its field errors shown at their fields), or null. */
  error: unknown
  canWrite: boolean
  /** users:credentials: may make a new SIP password. */
  canSetPassword: boolean
}) {
  const { t } = useTranslation()
  const { draft, change } = form
  if (!draft) {
    return form.loadError ? <ProblemAlert error={form.loadError} /> : <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  }
  const groupError = (field: 'callGroups' | 'pickupGroups') => fieldError(t, error, field, itemMessages(t, error, field))
  const groupChoices = GROUPS.map((group) => String(group))
  const groups = (values: string[]) => values.map(Number).sort((a, b) => a - b)
  return (
    <Stack gap="lg" maw={760}>
      <fieldset disabled={!canWrite} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('userEditor.voice.transport')} description={t('userEditor.voice.transportHint')} value={draft.transport}
              onChange={(event) => change({ transport: event.currentTarget.value as typeof draft.transport })} error={fieldError(t, error, 'transport')}
              data={TRANSPORTS.map((transport) => ({ value: transport, label: transport.toUpperCase() }))} />
            <NativeSelect label={t('userEditor.voice.nat')} description={t(`userEditor.voice.natHints.${draft.nat}`)} value={draft.nat}
              onChange={(event) => change({ nat: event.currentTarget.value as typeof draft.nat })} error={fieldError(t, error, 'nat')}
              data={NAT_MODES.map((nat) => ({ value: nat, label: nat }))} />
            <TextInput label={t('userEditor.voice.context')} description={t('userEditor.voice.contextHint')} value={draft.context} maxLength={80} autoComplete="off"
              onChange={(event) => change({ context: event.currentTarget.value })} error={fieldError(t, error, 'context')} />
          </SimpleGrid>
          <CodecList value={draft.codecs} onChange={(codecs) => change({ codecs })} error={fieldError(t, error, 'codecs', itemMessages(t, error, 'codecs'))} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect label={t('userEditor.voice.callGroups')} description={t('userEditor.voice.groupsHint')} data={groupChoices} searchable clearable
              value={draft.callGroups.map(String)} onChange={(values) => change({ callGroups: groups(values) })} error={groupError('callGroups')}
              nothingFoundMessage={t('userEditor.nothingMatches')} clearButtonProps={{ 'aria-label': t('userEditor.voice.clearCallGroups') }} data-testid="call-groups" />
            <MultiSelect label={t('userEditor.voice.pickupGroups')} description={t('userEditor.voice.groupsHint')} data={groupChoices} searchable clearable
              value={draft.pickupGroups.map(String)} onChange={(values) => change({ pickupGroups: groups(values) })} error={groupError('pickupGroups')}
              nothingFoundMessage={t('userEditor.nothingMatches')} clearButtonProps={{ 'aria-label': t('userEditor.voice.clearPickupGroups') }} data-testid="pickup-groups" />
          </SimpleGrid>
        </Stack>
      </fieldset>
      <SipPassword form={form} user={user} canSetPassword={canSetPassword} />
    </Stack>
  )
}

/** The codecs allowed, in order of preference: each checked one moves up or down by its buttons. */
function CodecList({ value, onChange, error }: { value: Codec[]; onChange: (codecs: Codec[]) => void; error: ReactNode }) {
  const { t } = useTranslation()
  const labelId = useId()
  const hintId = useId()
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  // After a move the row is drawn elsewhere: the button pressed keeps the focus (or its neighbour, at either end).
  const [focusAfterMove, setFocusAfterMove] = useState<{ codec: Codec; by: -1 | 1 } | null>(null)
  useEffect(() => {
    if (!focusAfterMove) return
    const { codec, by } = focusAfterMove
    const pressed = buttons.current.get(`${codec} ${by}`)
    const other = buttons.current.get(`${codec} ${-by}`)
    ;(pressed && !pressed.disabled ? pressed : other)?.focus()
    setFocusAfterMove(null)
  }, [focusAfterMove])
  const rows = [...value, ...CODECS.filter((codec) => !value.includes(codec))]
  const move = (codec: Codec, by: -1 | 1) => {
    onChange(moveCodec(value, codec, by))
    setFocusAfterMove({ codec, by })
  }
  const ref = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element)
    else buttons.current.delete(key)
  }
  return (
    <Input.Wrapper label={t('userEditor.voice.codecs')} description={t('userEditor.voice.codecsHint')} error={error} labelElement="div"
      labelProps={{ id: labelId }} descriptionProps={{ id: hintId }}>
      <div role="group" aria-labelledby={labelId} aria-describedby={hintId}>
        <Stack gap={4} maw={480} mt={6} data-testid="codec-list">
          {rows.map((codec) => {
            const position = value.indexOf(codec)
            const chosen = position >= 0
            const name = t(`userEditor.voice.codecNames.${codec}`)
            return (
              <Paper key={codec} withBorder radius="sm" px="sm" py={6} data-codec={codec} data-position={chosen ? position + 1 : undefined}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" w={20} ta="right" c="dimmed" aria-hidden="true">{chosen ? `${position + 1}.` : ''}</Text>
                    <Checkbox label={name} checked={chosen} disabled={chosen && value.length === 1}
                      onChange={(event) => onChange(event.currentTarget.checked ? [...value, codec] : value.filter((c) => c !== codec))} />
                  </Group>
                  {chosen && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="default" ref={ref(`${codec} -1`)} disabled={position === 0} onClick={() => move(codec, -1)}
                        aria-label={t('userEditor.voice.moveUp', { codec: name })}><span aria-hidden="true">↑</span></ActionIcon>
                      <ActionIcon variant="default" ref={ref(`${codec} 1`)} disabled={position === value.length - 1} onClick={() => move(codec, 1)}
                        aria-label={t('userEditor.voice.moveDown', { codec: name })}><span aria-hidden="true">↓</span></ActionIcon>
                    </Group>
                  )}
                </Group>
              </Paper>
            )
          })}
        </Stack>
        {/* Read out as the list changes: where the moved codec is now. */}
        <Text size="xs" c="dimmed" mt={6} aria-live="polite" data-testid="codec-order">
          {t('userEditor.voice.codecOrder', { codecs: value.map((codec) => t(`userEditor.voice.codecNames.${codec}`)).join(', ') })}
        </Text>
      </div>
    </Input.Wrapper>
  )
}

/** "Generate SIP password": shown once, with a button to copy it; a phone that has one is asked about first. */
function SipPassword({ form, user, canSetPassword }: { form: VoiceForm; user: User; canSetPassword: boolean }) {
  const { t } = useTranslation()
  const make = useMutation({
    mutationFn: () => newSipPassword(user.id),
    onSuccess: async ({ sipPassword }) => {
      form.showSipPassword(sipPassword)
      // The password moved the settings' version: read it again for the next If-Match.
      await form.refresh()
    },
  })
  const has = form.voice?.hasSipPassword ?? false
  return (
    <Stack gap="xs" component="section" aria-labelledby="sip-password-title">
      <Title order={2} size="h4" id="sip-password-title">{t('userEditor.voice.sipPassword')}</Title>
      <Text size="sm" c="dimmed" data-testid="sip-password-state">{has ? t('userEditor.voice.hasSipPassword') : t('userEditor.voice.noSipPassword')}</Text>
      <ProblemAlert error={make.error} />
      {form.sipPassword && (
        <Alert color="yellow" title={t('userEditor.voice.sipPasswordMade')} role="status">
          <Stack gap="xs">
            <Text size="sm">{t('userEditor.voice.sipPasswordShownOnce')}</Text>
            <Code block data-testid="new-sip-password">{form.sipPassword}</Code>
            <Group gap="xs">
              <CopyButton value={form.sipPassword}>
                {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('userEditor.password.copied') : t('userEditor.password.copy')}</Button>}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => form.showSipPassword(null)}>{t('userEditor.voice.sipPasswordSaved')}</Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {!canSetPassword ? <Text size="sm" c="dimmed">{t('userEditor.voice.sipPasswordNotAllowed')}</Text> : (
        <Group>
          {has ? (
            <ConfirmButton label={t('userEditor.voice.generateSipPassword')} variant="default" title={t('userEditor.voice.replaceTitle', { username: user.username })}
              text={t('userEditor.voice.replaceText')} confirmLabel={t('userEditor.voice.replaceConfirm')} color="blue" onConfirm={() => make.mutate()} pending={make.isPending} />
          ) : (
            <Button variant="default" onClick={() => make.mutate()} loading={make.isPending}>{t('userEditor.voice.generateSipPassword')}</Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
