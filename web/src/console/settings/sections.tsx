// The sections of the tenant settings page, each a fieldset with its fields and their server errors.
import { Checkbox, Fieldset, Radio, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { fieldError } from '../../components/field-error'
import { LocaleSelect, TimeZoneSelect } from '../../components/LocaleTimeZoneSelects'
import { itemMessages } from '../../i18n/messages'
import { useTenantLists } from '../api'
import { SELF_EDITABLE, type SelfEditable } from './draft'
import { NumberField, policyChange, type SectionProps } from './fields'

const LOCKOUT_MODES = ['none', 'disable', 'lock', 'temporary'] as const
const USERNAME_RULES = ['default', 'lowercase'] as const

export function DefaultsSection(props: SectionProps & { onName: (name: string) => void }) {
  const { t } = useTranslation()
  const { draft: { name, settings }, error, change, onName } = props
  return (
    <Fieldset legend={t('settings.defaults')}>
      <Stack gap="md" maw={760}>
        <TextInput label={t('settings.name')} required maxLength={200} value={name} onChange={(event) => onName(event.currentTarget.value)} error={fieldError(t, error, 'name')} />
        <Text size="sm" c="dimmed">{t('settings.defaultsHint')}</Text>
        <TimeZoneSelect required value={settings.timeZone} onChange={(timeZone) => change({ timeZone })} error={fieldError(t, error, 'settings.timeZone')} />
        <LocaleSelect required value={settings.locale} onChange={(locale) => change({ locale })} error={fieldError(t, error, 'settings.locale')} />
        <Radio.Group label={t('settings.usernameRule')} value={settings.usernameRule} error={fieldError(t, error, 'settings.usernameRule')}
          onChange={(value) => change({ usernameRule: value as (typeof USERNAME_RULES)[number] })}>
          <Stack gap={6} mt={6}>
            {USERNAME_RULES.map((rule) => <Radio key={rule} value={rule} label={t(`settings.usernameRules.${rule}`)} />)}
          </Stack>
        </Radio.Group>
        <Switch label={t('settings.emailRequired')} checked={settings.emailRequired} onChange={(event) => change({ emailRequired: event.currentTarget.checked })}
          error={fieldError(t, error, 'settings.emailRequired')} />
      </Stack>
    </Fieldset>
  )
}

export function PolicySections(props: SectionProps) {
  const { t } = useTranslation()
  const { draft: { settings }, error } = props
  const password = settings.passwordPolicy
  const lockout = settings.lockoutPolicy
  const session = settings.sessionPolicy
  const setPassword = policyChange(props, 'passwordPolicy')
  const setLockout = policyChange(props, 'lockoutPolicy')
  const setSession = policyChange(props, 'sessionPolicy')
  const at = (path: string) => fieldError(t, error, `settings.${path}`)
  const rules = ['requireLowercase', 'requireUppercase', 'requireDigit', 'requireSymbol', 'rejectPersonalInfo', 'rejectCommon'] as const
  return (
    <>
      <Fieldset legend={t('settings.password')}>
        <Stack gap="md" maw={760}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberField label={t('settings.minLength')} min={8} max={256} value={password.minLength} onChange={(minLength) => setPassword({ minLength })} error={at('passwordPolicy.minLength')} />
            <NumberField label={t('settings.maxLength')} min={64} max={1024} value={password.maxLength} onChange={(maxLength) => setPassword({ maxLength })} error={at('passwordPolicy.maxLength')} />
            <NumberField label={t('settings.historyCount')} description={t('settings.historyCountHint')} min={0} max={24} value={password.historyCount}
              onChange={(historyCount) => setPassword({ historyCount })} error={at('passwordPolicy.historyCount')} />
            <NumberField label={t('settings.maxAgeDays')} description={t('settings.maxAgeDaysHint')} min={0} max={3650} value={password.maxAgeDays}
              onChange={(maxAgeDays) => setPassword({ maxAgeDays })} error={at('passwordPolicy.maxAgeDays')} />
          </SimpleGrid>
          <Stack gap={6}>
            {rules.map((rule) => (
              <Checkbox key={rule} label={t(`settings.passwordRules.${rule}`)} checked={password[rule]} onChange={(event) => setPassword({ [rule]: event.currentTarget.checked })}
                error={at(`passwordPolicy.${rule}`)} />
            ))}
          </Stack>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('settings.lockout')}>
        <Stack gap="md" maw={760}>
          <Radio.Group label={t('settings.lockoutMode')} value={lockout.mode} onChange={(mode) => setLockout({ mode: mode as (typeof LOCKOUT_MODES)[number] })} error={at('lockoutPolicy.mode')}>
            <Stack gap={6} mt={6}>
              {LOCKOUT_MODES.map((mode) => <Radio key={mode} value={mode} label={t(`settings.lockoutModes.${mode}`)} />)}
            </Stack>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberField label={t('settings.maxFailures')} min={1} max={100} value={lockout.maxFailures} disabled={lockout.mode === 'none'}
              onChange={(maxFailures) => setLockout({ maxFailures })} error={at('lockoutPolicy.maxFailures')} />
            <NumberField label={t('settings.lockMinutes')} min={1} max={10080} value={lockout.lockMinutes} disabled={lockout.mode !== 'temporary'}
              onChange={(lockMinutes) => setLockout({ lockMinutes })} error={at('lockoutPolicy.lockMinutes')} />
          </SimpleGrid>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('settings.session')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={760}>
          <NumberField label={t('settings.idleMinutes')} description={t('settings.idleMinutesHint')} min={1} max={1440} value={session.idleMinutes}
            onChange={(idleMinutes) => setSession({ idleMinutes })} error={at('sessionPolicy.idleMinutes')} />
          <NumberField label={t('settings.maxHours')} description={t('settings.maxHoursHint')} min={1} max={720} value={session.maxHours}
            onChange={(maxHours) => setSession({ maxHours })} error={at('sessionPolicy.maxHours')} />
        </SimpleGrid>
      </Fieldset>
    </>
  )
}

export function AccountSections(props: SectionProps & { tenantId: string }) {
  const { t } = useTranslation()
  const { draft: { settings }, error, change, tenantId } = props
  const { roles } = useTenantLists(tenantId, { roles: true, campaigns: false, teams: false })
  const secondFactor = settings.secondFactorPolicy
  const setSecondFactor = policyChange(props, 'secondFactorPolicy')
  const roleIdsPath = 'settings.secondFactorPolicy.requiredForRoleIds'
  return (
    <>
      <Fieldset legend={t('settings.secondFactor')}>
        <Stack gap="md" maw={760}>
          <Switch label={t('settings.requiredForAll')} checked={secondFactor.requiredForAll} onChange={(event) => setSecondFactor({ requiredForAll: event.currentTarget.checked })}
            error={fieldError(t, error, 'settings.secondFactorPolicy.requiredForAll')} />
          <Checkbox.Group label={t('settings.requiredForRoles')} description={t('settings.requiredForRolesHint')} value={secondFactor.requiredForRoleIds}
            onChange={(ids) => setSecondFactor({ requiredForRoleIds: ids })} error={fieldError(t, error, roleIdsPath, itemMessages(t, error, roleIdsPath))}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
              {(roles.data ?? []).map((role) => <Checkbox key={role.id} value={role.id} label={role.name} disabled={secondFactor.requiredForAll} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <Switch label={t('settings.passwordlessSignIn')} description={t('settings.passwordlessSignInHint')} checked={settings.passwordlessSignIn}
            onChange={(event) => change({ passwordlessSignIn: event.currentTarget.checked })} error={fieldError(t, error, 'settings.passwordlessSignIn')} />
        </Stack>
      </Fieldset>

      <Fieldset legend={t('settings.selfService')}>
        <Checkbox.Group label={t('settings.editableFields')} description={t('settings.editableFieldsHint')} value={settings.selfService.editableFields}
          onChange={(fields) => change({ selfService: { editableFields: SELF_EDITABLE.filter((field) => fields.includes(field)) } })}
          error={fieldError(t, error, 'settings.selfService.editableFields')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6} maw={760}>
            {SELF_EDITABLE.map((field: SelfEditable) => <Checkbox key={field} value={field} label={t(`userEditor.profile.${field}`)} />)}
          </SimpleGrid>
        </Checkbox.Group>
      </Fieldset>
    </>
  )
}

export function SkillLevelsSection(props: SectionProps) {
  const { t } = useTranslation()
  const setLevels = policyChange(props, 'skillLevels')
  return (
    <Fieldset legend={t('settings.skillLevels')}>
      <NumberField label={t('settings.skillLevelsMax')} description={t('settings.skillLevelsMaxHint')} min={1} max={99} value={props.draft.settings.skillLevels.max}
        onChange={(max) => setLevels({ max })} error={fieldError(t, props.error, 'settings.skillLevels.max')} />
    </Fieldset>
  )
}

export function NumbersSection(props: SectionProps) {
  const { t } = useTranslation()
  const numbers = props.draft.settings.agentNumbers
  const setNumbers = policyChange(props, 'agentNumbers')
  const at = (field: string) => fieldError(t, props.error, `settings.agentNumbers.${field}`)
  return (
    <Fieldset legend={t('settings.numbers')}>
      <Stack gap="md" maw={760}>
        <Switch label={t('settings.agentIdRequired')} checked={numbers.agentIdRequired} onChange={(event) => setNumbers({ agentIdRequired: event.currentTarget.checked })} error={at('agentIdRequired')} />
        <Switch label={t('settings.autoExtension')} description={t('settings.autoExtensionHint')} checked={numbers.autoExtension}
          onChange={(event) => setNumbers({ autoExtension: event.currentTarget.checked })} error={at('autoExtension')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberField label={t('settings.extensionFrom')} min={1} max={999_999_999} value={numbers.extensionFrom} onChange={(extensionFrom) => setNumbers({ extensionFrom })} error={at('extensionFrom')} />
          <NumberField label={t('settings.extensionTo')} min={1} max={999_999_999} value={numbers.extensionTo} onChange={(extensionTo) => setNumbers({ extensionTo })} error={at('extensionTo')} />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  )
}
