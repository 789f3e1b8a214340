// The password of the Basic tab: keep it (a new user: none yet), choose one, have one generated
// (shown now, with a button to copy it; never again after saving), or set none and invite the user
// to choose their own. A password set here is temporary: the user changes it at the next sign-in.
import { Button, CopyButton, Group, PasswordInput, Radio, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { fieldError } from '../../../components/field-error'
import { generatePassword } from './api'

export type PasswordChoice =
  | { mode: 'keep' }
  | { mode: 'choose'; password: string }
  | { mode: 'generate'; password: string }
  | { mode: 'invite'; channel: 'email' | 'sms' }

export function PasswordField({ value, onChange, isNew, tenantId, hasEmail, error }: {
  value: PasswordChoice
  onChange: (value: PasswordChoice) => void
  isNew: boolean
  /** For the tenant's password policy. */
  tenantId: string | null
  hasEmail: boolean
  error: unknown
}) {
  const { t } = useTranslation()
  const generate = useMutation({ mutationFn: () => generatePassword(tenantId!), onSuccess: ({ password }) => onChange({ mode: 'generate', password }) })
  const choose = (mode: string) => {
    if (mode === 'keep') onChange({ mode: 'keep' })
    else if (mode === 'choose') onChange({ mode: 'choose', password: '' })
    else if (mode === 'invite') onChange({ mode: 'invite', channel: hasEmail ? 'email' : 'sms' })
    else if (mode === 'generate') {
      onChange({ mode: 'generate', password: '' })
      generate.mutate()
    }
  }
  const toggleLabel = { 'aria-label': t('userEditor.password.show') }
  return (
    <Stack gap="xs">
      <Radio.Group label={t('userEditor.password.label')} value={value.mode} onChange={choose}>
        <Stack gap={6} mt={6}>
          <Radio value="keep" label={isNew ? t('userEditor.password.none') : t('userEditor.password.keep')} />
          <Radio value="choose" label={t('userEditor.password.choose')} />
          <Radio value="generate" label={t('userEditor.password.generate')} />
          <Radio value="invite" label={t('userEditor.password.invite')} />
        </Stack>
      </Radio.Group>
      {value.mode === 'choose' && (
        <PasswordInput label={t('userEditor.password.new')} description={t('userEditor.password.temporaryHint')} autoComplete="new-password" maw={420}
          value={value.password} onChange={(event) => onChange({ mode: 'choose', password: event.currentTarget.value })}
          error={fieldError(t, error, 'password')} visibilityToggleButtonProps={toggleLabel} />
      )}
      {value.mode === 'generate' && (
        <Stack gap={6} maw={420}>
          <ProblemAlert error={generate.error} />
          <PasswordInput label={t('userEditor.password.generated')} description={t('userEditor.password.generatedHint')} readOnly
            value={value.password} error={fieldError(t, error, 'password')} visibilityToggleButtonProps={toggleLabel} data-testid="generated-password" />
          <Group gap="xs">
            <CopyButton value={value.password}>
              {({ copied, copy }) => <Button size="xs" variant="default" onClick={copy} disabled={!value.password}>{copied ? t('userEditor.password.copied') : t('userEditor.password.copy')}</Button>}
            </CopyButton>
            <Button size="xs" variant="subtle" onClick={() => generate.mutate()} loading={generate.isPending}>{t('userEditor.password.again')}</Button>
          </Group>
        </Stack>
      )}
      {value.mode === 'invite' && (
        <Radio.Group label={t('userEditor.password.channel')} description={t('userEditor.password.inviteHint')} value={value.channel} error={fieldError(t, error, 'channel')}
          onChange={(channel) => onChange({ mode: 'invite', channel: channel === 'sms' ? 'sms' : 'email' })}>
          <Group gap="md" mt={6}>
            <Radio value="email" label={t('channels.email')} />
            <Radio value="sms" label={t('channels.sms')} />
          </Group>
        </Radio.Group>
      )}
      {value.mode === 'keep' && !isNew && <Text size="xs" c="dimmed">{t('userEditor.password.keepHint')}</Text>}
    </Stack>
  )
}
