// /tenants/new and /tenants/<id> (platform administrators): a tenant's name, its slug (the sign-in
// address /t/<slug>/login) and whether its users can sign in. The platform tenant keeps its slug and
// stays active. A new tenant comes with the built-in roles; its first users are added on its users page.
import { Code, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Tenant, TenantCreate, TenantPatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { consoleKeys } from '../api'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { PLATFORM_TENANT, tenantsApi } from './api'

interface TenantDraft { name: string; slug: string; active: boolean }

export function TenantEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { form, listHref } = useResourceEditor<Tenant, TenantDraft, TenantCreate, TenantPatch>({
    id, pagePath: '/tenants', choicesKey: consoleKeys.tenants, api: tenantsApi,
    draftOf: (tenant) => ({ name: tenant.name, slug: tenant.slug, active: tenant.active }),
    initial: { name: '', slug: '', active: true },
    normalise: (draft) => ({ ...draft, name: draft.name.trim(), slug: draft.slug.trim() }),
    createBody: (draft) => draft,
  })
  const { item, error } = form
  const platform = item?.slug === PLATFORM_TENANT
  return (
    <EditorFrame form={form} title={item ? item.name : t('tenants.newTitle')} back={{ href: listHref, label: t('tenants.back') }}
      canWrite readOnlyText="" fields={['name', 'slug', 'active']} deleteQuestion={null}>
      {(draft) => (
        <Stack gap="md" maw={620}>
          <TextInput label={t('lists.name')} required value={draft.name} maxLength={200}
            onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
          <TextInput label={t('tenants.slug')} required value={draft.slug} maxLength={63} disabled={platform} autoComplete="off"
            description={<>{t('tenants.slugHint')} <Code>/t/{draft.slug || '…'}/login</Code></>}
            onChange={(event) => form.change({ slug: event.currentTarget.value })} error={fieldError(t, error, 'slug')} />
          {item && draft.slug.trim() !== item.slug && <Text size="sm" c="yellow.9" role="status">{t('tenants.slugChange', { slug: item.slug })}</Text>}
          <Switch label={t('tenants.active')} description={platform ? t('tenants.platformHint') : t('tenants.activeHint')} checked={draft.active} disabled={platform}
            onChange={(event) => form.change({ active: event.currentTarget.checked })} error={fieldError(t, error, 'active')} />
        </Stack>
      )}
    </EditorFrame>
  )
}
