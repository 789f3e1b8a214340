// /teams/new and /teams/<id>: a team's name and description; delete (its members lose the link).
// Who is in it: a link to the users page filtered by it.
import { Stack, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Team, TeamCreate, TeamPatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { consoleKeys } from '../api'
import { useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { UsersLink } from '../lists/UsersLink'
import { teamsApi } from './api'

interface TeamDraft { name: string; description: string }

export function TeamEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const { form, listHref } = useResourceEditor<Team, TeamDraft, TeamCreate, TeamPatch>({
    id, pagePath: '/teams', choicesKey: consoleKeys.teams(null).slice(0, 2), api: teamsApi,
    draftOf: (team) => ({ name: team.name, description: team.description }),
    initial: { name: '', description: '' },
    normalise: (draft) => ({ name: draft.name.trim(), description: draft.description.trim() }),
    createBody: (draft, tenantId) => ({ ...draft, ...(tenantId ? { tenantId } : {}) }),
  })
  const { item, error } = form
  return (
    <EditorFrame form={form} title={item ? item.name : t('teams.newTitle')} back={{ href: listHref, label: t('teams.back') }}
      canWrite={can('teams:manage')} readOnlyText={t('teams.readOnly')} fields={['name', 'description']}
      deleteQuestion={item ? { title: t('teams.deleteTitle', { name: item.name }), text: t('teams.deleteText'), confirmLabel: t('teams.deleteConfirm') } : null}>
      {(draft) => (
        <Stack gap="md" maw={620}>
          <TextInput label={t('lists.name')} required value={draft.name} maxLength={100}
            onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
          <Textarea label={t('teams.description')} value={draft.description} maxLength={1000} autosize minRows={3}
            onChange={(event) => form.change({ description: event.currentTarget.value })} error={fieldError(t, error, 'description')} />
          {item && <UsersLink filter="team" id={item.id} name={item.name} />}
        </Stack>
      )}
    </EditorFrame>
  )
}
