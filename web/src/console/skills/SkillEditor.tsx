// /skills/new and /skills/<id>: a skill's name and description; delete (the profiles that give it lose it).
import { Stack, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Skill, SkillCreate, SkillPatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { consoleKeys } from '../api'
import { useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { UsersLink } from '../lists/UsersLink'
import { skillsApi } from './api'

interface SkillDraft { name: string; description: string }

export function SkillEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const { form, listHref } = useResourceEditor<Skill, SkillDraft, SkillCreate, SkillPatch>({
    id, pagePath: '/skills', choicesKey: consoleKeys.skills(null).slice(0, 2), api: skillsApi,
    draftOf: (skill) => ({ name: skill.name, description: skill.description }),
    initial: { name: '', description: '' },
    normalise: (draft) => ({ name: draft.name.trim(), description: draft.description.trim() }),
    createBody: (draft, tenantId) => ({ ...draft, ...(tenantId ? { tenantId } : {}) }),
  })
  const { item, error } = form
  return (
    <EditorFrame form={form} title={item ? item.name : t('skills.newSkill')} back={{ href: listHref, label: t('skills.back') }}
      canWrite={can('skills:manage')} readOnlyText={t('skills.readOnly')} fields={['name', 'description']}
      deleteQuestion={item ? { title: t('skills.deleteTitle', { name: item.name }), text: t('skills.deleteText'), confirmLabel: t('skills.deleteConfirm') } : null}>
      {(draft) => (
        <Stack gap="md" maw={620}>
          <TextInput label={t('skills.skillName')} required value={draft.name} maxLength={100}
            onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
          <Textarea label={t('skills.description')} value={draft.description} maxLength={1000} autosize minRows={2}
            onChange={(event) => form.change({ description: event.currentTarget.value })} error={fieldError(t, error, 'description')} />
          {item && <UsersLink filter="skill" id={item.id} name={item.name} />}
        </Stack>
      )}
    </EditorFrame>
  )
}
