// /groups/new and /groups/<id>: a user group's name and description, the properties its users inherit
// (language, wrap-up time and maximum contacts per channel), its resource filters (campaigns) and
// whether it is the default group. Delete: only an empty group that is not the default.
import { Fieldset, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { GroupProperties, UserGroup, UserGroupCreate, UserGroupPatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { LocaleSelect } from '../../components/LocaleTimeZoneSelects'
import { itemMessages } from '../../i18n/messages'
import { consoleKeys, useTenantLists } from '../api'
import { tenantQuery, useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { UsersLink } from '../lists/UsersLink'
import { NumberField } from '../settings/fields'
import { ChoiceList } from '../users/editor/ChoiceList'
import { groupsApi } from './api'
import { NEW_GROUP_PROPERTIES, NUMBER_PROPERTIES, propertyMax } from './properties'

interface GroupDraft { name: string; description: string; isDefault: boolean; properties: GroupProperties; resourceFilterIds: string[] }

/** What changed, as the API takes it: a group becomes the default (never stops being it: another one becomes it). */
function patchOf(changes: Partial<GroupDraft>): UserGroupPatch {
  const { isDefault, ...rest } = changes
  return { ...rest, ...(isDefault ? { isDefault: true as const } : {}) }
}

const editorApi = { ...groupsApi, update: (id: string, changes: Partial<GroupDraft>, etag: string | null) => groupsApi.update(id, patchOf(changes), etag) }

const FIELDS = ['name', 'description', 'isDefault', 'properties', ...Object.keys(NEW_GROUP_PROPERTIES).map((name) => `properties.${name}`)]

export function GroupEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  const lists = useTenantLists(tenantQuery(tenant).tenant ?? null, { campaigns: can('campaigns:read'), roles: false, teams: false })
  const { form, listHref } = useResourceEditor<UserGroup, GroupDraft, UserGroupCreate, Partial<GroupDraft>>({
    id, pagePath: '/groups', choicesKey: consoleKeys.groups(null).slice(0, 2), api: editorApi,
    draftOf: (group) => ({ name: group.name, description: group.description, isDefault: group.isDefault, properties: { ...group.properties }, resourceFilterIds: [...group.resourceFilterIds] }),
    initial: { name: '', description: '', isDefault: false, properties: { ...NEW_GROUP_PROPERTIES }, resourceFilterIds: [] },
    normalise: (draft) => ({ ...draft, name: draft.name.trim(), description: draft.description.trim() }),
    createBody: (draft, tenantId) => ({ ...draft, ...(tenantId ? { tenantId } : {}) }),
  })
  const { item, error } = form
  const campaigns = lists.campaigns.data ?? []
  return (
    <EditorFrame form={form} title={item ? item.name : t('groups.newTitle')} back={{ href: listHref, label: t('groups.back') }}
      canWrite={can('groups:manage')} readOnlyText={t('groups.readOnly')} fields={FIELDS}
      deleteQuestion={item ? { title: t('groups.deleteTitle', { name: item.name }), text: t('groups.deleteText'), confirmLabel: t('groups.deleteConfirm') } : null}>
      {(draft) => {
        const setProperties = (change: Partial<GroupProperties>) => form.change({ properties: { ...draft.properties, ...change } })
        return (
          <Stack gap="md" maw={760}>
            <TextInput label={t('lists.name')} required value={draft.name} maxLength={100}
              onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
            <Textarea label={t('groups.description')} value={draft.description} maxLength={1000} autosize minRows={2}
              onChange={(event) => form.change({ description: event.currentTarget.value })} error={fieldError(t, error, 'description')} />
            <Switch label={t('groups.makeDefault')} description={item?.isDefault ? t('groups.isDefaultHint') : t('groups.makeDefaultHint')}
              checked={draft.isDefault} disabled={item?.isDefault === true} onChange={(event) => form.change({ isDefault: event.currentTarget.checked })}
              error={fieldError(t, error, 'isDefault')} />
            <Fieldset legend={t('groups.properties')}>
              <Stack gap="md">
                <Text size="sm" c="dimmed">{t('groups.propertiesHint')}</Text>
                <LocaleSelect value={draft.properties.language ?? ''} onChange={(language) => setProperties({ language: language || null })}
                  error={fieldError(t, error, 'properties.language')} />
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {NUMBER_PROPERTIES.map((name) => (
                    <NumberField key={name} label={t(`groups.propertyNames.${name}`)} min={0} max={propertyMax(name)} value={draft.properties[name]}
                      onChange={(value) => setProperties({ [name]: value })} error={fieldError(t, error, `properties.${name}`)} />
                  ))}
                </SimpleGrid>
              </Stack>
            </Fieldset>
            {can('campaigns:read') && (
              <ChoiceList label={t('groups.resourceFilters')} items={campaigns.map((campaign) => ({ id: campaign.id, label: campaign.name }))}
                value={draft.resourceFilterIds} onChange={(resourceFilterIds) => form.change({ resourceFilterIds })}
                error={fieldError(t, error, 'resourceFilterIds', itemMessages(t, error, 'resourceFilterIds'))}
                empty={t('groups.noCampaigns')} filterLabel={t('groups.findCampaign')} />
            )}
            <Text size="xs" c="dimmed">{t('groups.resourceFiltersHint')}</Text>
            {item && <UsersLink filter="group" id={item.id} name={item.name} />}
          </Stack>
        )
      }}
    </EditorFrame>
  )
}
