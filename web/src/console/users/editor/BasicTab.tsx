// Basic (Leap Connect): username, password, tenant (platform administrators, for a new user),
// campaigns with the default one, and the role (only roles whose permissions the editor holds).
import { NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Campaign, Role, Tenant } from '../../../api/types'
import { fieldError } from '../../../components/field-error'
import { itemMessages } from '../../../i18n/messages'
import { useConsole } from '../../console-context'
import { ChoiceList } from './ChoiceList'
import { PasswordField, type PasswordChoice } from './PasswordField'
import type { TabProps } from './tab-props'

/** Roles the API lets this editor assign: none with a permission the editor lacks. */
export const assignable = (role: Role, permissions: ReadonlySet<string>) => role.permissions.every((p) => permissions.has(p))

export function BasicTab({ draft, change, error, isNew, tenants, tenantId, onTenant, campaigns, roles, password, onPassword }: TabProps & {
  isNew: boolean
  /** The tenants to choose from (a platform administrator's new user), else null. */
  tenants: Tenant[] | null
  tenantId: string | null
  onTenant: (tenantId: string) => void
  campaigns: Campaign[] | undefined
  roles: Role[] | undefined
  password: PasswordChoice
  onPassword: (value: PasswordChoice) => void
}) {
  const { t } = useTranslation()
  const { me, can } = useConsole()
  const permissions = new Set(me.permissions)
  const campaignItems = (campaigns ?? [])
    .filter((c) => c.active || draft.campaignIds.includes(c.id))
    .map((c) => ({ id: c.id, label: c.active ? c.name : t('users.inactiveName', { name: c.name }) }))
  const chosen = campaignItems.filter((c) => draft.campaignIds.includes(c.id))
  const setCampaigns = (ids: string[]) => {
    // The default stays one of the user's campaigns: the first when it was dropped or none was set.
    const defaultId = ids.includes(draft.defaultCampaignId) ? draft.defaultCampaignId : (ids[0] ?? '')
    change({ campaignIds: ids, defaultCampaignId: defaultId })
  }
  const roleOptions = (roles ?? []).map((role) => {
    const may = assignable(role, permissions)
    return { value: role.id, label: may ? role.name : t('userEditor.basic.roleNotAssignable', { role: role.name }), disabled: !may }
  })
  return (
    <Stack gap="md" maw={760}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('userEditor.basic.username')} description={t('userEditor.basic.usernameHint')} required autoComplete="off"
          value={draft.username} onChange={(event) => change({ username: event.currentTarget.value })} error={fieldError(t, error, 'username')} />
        {tenants && (
          <NativeSelect label={t('userEditor.basic.tenant')} value={tenantId ?? ''} disabled={!isNew} onChange={(event) => onTenant(event.currentTarget.value)}
            error={fieldError(t, error, 'tenantId')} data={tenants.map((tenant) => ({ value: tenant.id, label: `${tenant.name} (${tenant.slug})` }))} />
        )}
      </SimpleGrid>
      {can('users:credentials')
        ? <PasswordField value={password} onChange={onPassword} isNew={isNew} tenantId={tenantId} hasEmail={draft.email.trim() !== ''} error={error} />
        : <Text size="sm" c="dimmed">{t('userEditor.password.notAllowed')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={t('userEditor.basic.role')} description={t('userEditor.basic.roleHint')} required value={draft.roleId}
          onChange={(event) => change({ roleId: event.currentTarget.value })} error={fieldError(t, error, 'roleId')}
          data={draft.roleId === '' ? [{ value: '', label: t('userEditor.basic.chooseRole') }, ...roleOptions] : roleOptions} />
        <NativeSelect label={t('userEditor.basic.defaultCampaign')} value={draft.defaultCampaignId} disabled={chosen.length === 0}
          onChange={(event) => change({ defaultCampaignId: event.currentTarget.value })} error={fieldError(t, error, 'defaultCampaignId')}
          data={chosen.length === 0 ? [{ value: '', label: t('userEditor.basic.noCampaign') }] : chosen.map((c) => ({ value: c.id, label: c.label }))} />
      </SimpleGrid>
      <ChoiceList label={t('userEditor.basic.campaigns')} items={campaignItems} value={draft.campaignIds} onChange={setCampaigns}
        error={fieldError(t, error, 'campaignIds', itemMessages(t, error, 'campaignIds'))} empty={t('userEditor.basic.noCampaigns')} filterLabel={t('userEditor.basic.filterCampaigns')} />
    </Stack>
  )
}
