// /settings: the console tenant's name and settings (Workspace's "Organisation Settings"): defaults
// for users, the username rule and email, agent IDs and internal numbers, the password, lockout,
// session and second-factor policies, what users edit themselves, signing in with a passkey alone, the
// skill-level scale.
// One save sends what changed (If-Match with the version read).
import { Center, Loader, Stack } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { accountKeys } from '../../account/api'
import type { Tenant, TenantPatch } from '../../api/types'
import { consoleKeys } from '../api'
import { useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useVersionedForm } from '../forms/useVersionedForm'
import { tenantsApi } from '../tenants/api'
import { draftOf, fieldPaths, patchOf, type SettingsDraft } from './draft'
import { skillKeys } from '../skills/api'
import { AccountSections, DefaultsSection, NumbersSection, PolicySections, SkillLevelsSection } from './sections'

export default function SettingsPage() {
  const { t } = useTranslation()
  const { tenant } = useConsole()
  // A platform administrator's tenant is looked up by its slug first.
  if (!tenant.id) return <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  return <SettingsForm key={tenant.id} tenantId={tenant.id} />
}

function SettingsForm({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useVersionedForm<Tenant, SettingsDraft, TenantPatch>({
    queryKey: ['console', 'settings', tenantId],
    read: () => tenantsApi.read(tenantId),
    draftOf,
    changes: patchOf,
    update: (tenant, patch, etag) => tenantsApi.update(tenant.id, patch, etag),
    // The defaults and policies reach the signed-in user's own view (language, time zone) and the tenant lists.
    onSaved: () => Promise.all([accountKeys.me, consoleKeys.tenants, skillKeys.scale(tenantId)].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
  const { item } = form
  return (
    <EditorFrame form={form} title={item ? t('settings.title', { name: item.name }) : ''} canWrite readOnlyText=""
      fields={form.draft ? fieldPaths(form.draft) : []} deleteQuestion={null}>
      {(draft) => {
        const sectionProps = { draft, error: form.error, change: (settings: Partial<SettingsDraft['settings']>) => form.change({ settings: { ...draft.settings, ...settings } }) }
        return (
          <Stack gap="lg">
            <DefaultsSection {...sectionProps} onName={(name) => form.change({ name })} />
            <NumbersSection {...sectionProps} />
            <PolicySections {...sectionProps} />
            <AccountSections {...sectionProps} tenantId={tenantId} />
            <SkillLevelsSection {...sectionProps} />
          </Stack>
        )
      }}
    </EditorFrame>
  )
}
