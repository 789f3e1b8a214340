// Profile: names, email address and whether it is verified, mobile phone, job title, description,
// employee number, external username, agent ID ("See used IDs"), the internal number (typed or left
// to the tenant's range while there is none, then fixed), time zone by region and zone, locale.
import { Checkbox, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { fieldError } from '../../../components/field-error'
import { LocaleSelect, TimeZoneSelect } from '../../../components/LocaleTimeZoneSelects'
import { AgentIdField } from './AgentIdField'
import type { UserDraft } from './draft'
import type { TabProps } from './tab-props'

type TextField = 'firstName' | 'lastName' | 'displayName' | 'email' | 'mobilePhone' | 'jobTitle' | 'employeeNumber' | 'externalUsername'

const AUTOCOMPLETE: Partial<Record<TextField, string>> = { firstName: 'off', lastName: 'off', email: 'off', mobilePhone: 'off' }

export function ProfileTab({ draft, change, error, tenantId, extension }: TabProps & {
  tenantId: string | null
  /** The internal number: `fixed` once the user has one; null for machines without one (no phone). */
  extension: { fixed: boolean } | null
}) {
  const { t } = useTranslation()
  const input = (field: TextField, extra: { description?: string; type?: string } = {}) => (
    <TextInput label={t(`userEditor.profile.${field}`)} value={draft[field]} autoComplete={AUTOCOMPLETE[field]} {...extra}
      onChange={(event) => change({ [field]: event.currentTarget.value } as Partial<UserDraft>)} error={fieldError(t, error, field)} />
  )
  return (
    <Stack gap="md" maw={760}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {input('firstName')}
        {input('lastName')}
        {input('displayName', { description: t('userEditor.profile.displayNameHint') })}
        {input('jobTitle')}
        <Stack gap={6}>
          {input('email', { type: 'email' })}
          <Checkbox label={t('userEditor.profile.emailVerified')} checked={draft.emailVerified} onChange={(event) => change({ emailVerified: event.currentTarget.checked })}
            error={fieldError(t, error, 'emailVerified')} />
        </Stack>
        {input('mobilePhone', { description: t('userEditor.profile.mobilePhoneHint'), type: 'tel' })}
        {input('employeeNumber')}
        {input('externalUsername', { description: t('userEditor.profile.externalUsernameHint') })}
        <AgentIdField value={draft.agentId} onChange={(agentId) => change({ agentId })} error={fieldError(t, error, 'agentId')} tenantId={tenantId} />
        {extension && (
          <TextInput label={t('userEditor.profile.extension')} inputMode="numeric" autoComplete="off" value={draft.extension} readOnly={extension.fixed}
            description={t(extension.fixed ? 'userEditor.profile.extensionFixedHint' : 'userEditor.profile.extensionHint')}
            variant={extension.fixed ? 'filled' : 'default'} onChange={(event) => change({ extension: event.currentTarget.value })} error={fieldError(t, error, 'extension')} />
        )}
        <LocaleSelect value={draft.locale} onChange={(locale) => change({ locale })} error={fieldError(t, error, 'locale')} />
      </SimpleGrid>
      <TimeZoneSelect value={draft.timeZone} onChange={(timeZone) => change({ timeZone })} error={fieldError(t, error, 'timeZone')} />
      <Textarea label={t('userEditor.profile.description')} autosize minRows={2} value={draft.description}
        onChange={(event) => change({ description: event.currentTarget.value })} error={fieldError(t, error, 'description')} />
    </Stack>
  )
}
