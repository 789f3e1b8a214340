// /campaigns/new and /campaigns/<id>: a campaign's name and whether it is active; delete (its users
// lose the link). Who works on it: a link to the users page filtered by it.
import { Stack, Switch, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Campaign, CampaignCreate, CampaignPatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { consoleKeys } from '../api'
import { useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { UsersLink } from '../lists/UsersLink'
import { campaignsApi } from './api'

interface CampaignDraft { name: string; active: boolean }

export function CampaignEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const { form, listHref } = useResourceEditor<Campaign, CampaignDraft, CampaignCreate, CampaignPatch>({
    id, pagePath: '/campaigns', choicesKey: consoleKeys.campaigns(null).slice(0, 2), api: campaignsApi,
    draftOf: (campaign) => ({ name: campaign.name, active: campaign.active }),
    initial: { name: '', active: true },
    normalise: (draft) => ({ ...draft, name: draft.name.trim() }),
    createBody: (draft, tenantId) => ({ ...draft, ...(tenantId ? { tenantId } : {}) }),
  })
  const { item, error } = form
  return (
    <EditorFrame form={form} title={item ? item.name : t('campaigns.newTitle')} back={{ href: listHref, label: t('campaigns.back') }}
      canWrite={can('campaigns:manage')} readOnlyText={t('campaigns.readOnly')} fields={['name', 'active']}
      deleteQuestion={item ? { title: t('campaigns.deleteTitle', { name: item.name }), text: t('campaigns.deleteText'), confirmLabel: t('campaigns.deleteConfirm') } : null}>
      {(draft) => (
        <Stack gap="md" maw={520}>
          <TextInput label={t('lists.name')} required value={draft.name} maxLength={100}
            onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
          <Switch label={t('campaigns.active')} description={t('campaigns.activeHint')} checked={draft.active}
            onChange={(event) => form.change({ active: event.currentTarget.checked })} error={fieldError(t, error, 'active')} />
          {item && <UsersLink filter="campaign" id={item.id} name={item.name} />}
        </Stack>
      )}
    </EditorFrame>
  )
}
