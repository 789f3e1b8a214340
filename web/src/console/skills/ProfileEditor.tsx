// A profile's editor: its name and skills, each at a level of the tenant's scale. A group's profile is
// a page (/skills/profiles/<id>, /skills/profiles/new?group=<id>); a personal one opens in the user
// editor. While logged-on agents use the profile, a save or delete is refused (409 profile_in_use):
// the editor says how many use it and offers "Change anyway", which sends it again with confirm=true.
import { ActionIcon, Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client'
import type { Profile, ProfilePatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { useTenantLists } from '../api'
import { tenantQuery, useConsole } from '../console-context'
import { changedFields } from '../forms/changes'
import { EditorFrame } from '../forms/EditorFrame'
import { useVersionedForm } from '../forms/useVersionedForm'
import { profilesApi, useSkillScale } from './api'
import { LevelSelect } from './LevelSelect'

export interface ProfileDraft { name: string; skills: Array<{ skillId: string; level: number }> }

export type ProfileOwner = { groupId: string } | { userId: string }

const draftOf = (profile: Profile): ProfileDraft => ({ name: profile.name, skills: profile.skills.map((s) => ({ skillId: s.skillId, level: s.level })) })
const normalise = (draft: ProfileDraft): ProfileDraft => ({ ...draft, name: draft.name.trim() })

export function ProfileEditor({ id, owner, title, back, onSaved, onRemoved }: {
  id: string | null
  /** Whose a new profile is. */
  owner: ProfileOwner
  /** The title of a new profile. */
  title: string
  back?: { href: string; label: string }
  onSaved: (profile: Profile, created: boolean) => void
  onRemoved: () => void
}) {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  const queryClient = useQueryClient()
  const max = useSkillScale()
  const { skills } = useTenantLists(tenantQuery(tenant).tenant ?? null, { campaigns: false, roles: false, teams: false, skills: true })
  // Set by "Change anyway" for the one request it repeats.
  const confirm = useRef(false)
  const lastAction = useRef<'save' | 'remove'>('save')
  const [inUse, setInUse] = useState<number | null>(null)
  /** A refusal because agents use the profile: how many, read again (they log on and off). */
  const refused = async (error: unknown, profileId: string): Promise<never> => {
    if (error instanceof ApiError && error.code === 'profile_in_use') {
      setInUse((await profilesApi.read(profileId).catch(() => null))?.body.agentsLoggedOn ?? null)
    }
    throw error
  }
  const once = () => {
    const confirmed = confirm.current
    confirm.current = false
    return confirmed
  }
  const form = useVersionedForm<Profile, ProfileDraft, ProfilePatch>({
    queryKey: ['console', 'editor', '/skills/profiles', id ?? 'new'],
    read: id === null ? null : () => profilesApi.read(id),
    draftOf,
    initial: { name: '', skills: [] },
    changes: (base, draft) => changedFields(base, normalise(draft)),
    create: (draft) => profilesApi.create({ ...normalise(draft), ...owner }),
    update: (item, patch, etag) => {
      lastAction.current = 'save'
      return profilesApi.update(item.id, patch, etag, once()).catch((error: unknown) => refused(error, item.id))
    },
    remove: (item, etag) => {
      lastAction.current = 'remove'
      return profilesApi.remove(item.id, etag, once()).catch((error: unknown) => refused(error, item.id))
    },
    onSaved: (profile, created) => {
      setInUse(null)
      void queryClient.invalidateQueries({ queryKey: ['console', 'profiles'] })
      onSaved(profile, created)
    },
    onRemoved: () => {
      void queryClient.invalidateQueries({ queryKey: ['console', 'profiles'] })
      onRemoved()
    },
  })
  const { item, error } = form
  const changeAnyway = () => {
    confirm.current = true
    if (lastAction.current === 'remove') form.remove()
    else form.submit()
  }
  const count = inUse ?? item?.agentsLoggedOn ?? 0
  const warning = (
    <Stack gap="xs" data-testid="profile-in-use">
      <Text size="sm">{t('skills.inUse', { count })}</Text>
      <Group><Button size="xs" color="red" onClick={changeAnyway} loading={form.saving || form.removing}>{t('skills.changeAnyway')}</Button></Group>
    </Stack>
  )
  const canWrite = can('skills:manage')
  const known = skills.data ?? []
  const nameOf = (skillId: string) => known.find((skill) => skill.id === skillId)?.name ?? item?.skills.find((s) => s.skillId === skillId)?.skillName ?? skillId
  return (
    <EditorFrame form={form} title={item ? item.name : title} back={back} canWrite={canWrite} readOnlyText={t('skills.readOnly')}
      fields={['name', ...(form.draft?.skills ?? []).flatMap((_, i) => [`skills[${i}].skillId`, `skills[${i}].level`])]}
      problemMessages={{ profile_in_use: warning }}
      deleteQuestion={item ? { title: t('skills.deleteProfileTitle', { name: item.name }), text: t('skills.deleteProfileText'), confirmLabel: t('skills.deleteProfileConfirm') } : null}>
      {(draft) => {
        const setSkills = (next: ProfileDraft['skills']) => form.change({ skills: next })
        const addable = known.filter((skill) => !draft.skills.some((s) => s.skillId === skill.id))
        return (
          <Stack gap="md" maw={640}>
            {item && item.agentsLoggedOn > 0 && !(error instanceof ApiError && error.code === 'profile_in_use') && (
              <Alert color="yellow" data-testid="profile-used-now">{t('skills.usedNow', { count: item.agentsLoggedOn })}</Alert>
            )}
            <TextInput label={t('skills.profileName')} required value={draft.name} maxLength={100}
              onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="profile-skills-label">{t('skills.profileSkills')}</Text>
              <Text size="xs" c="dimmed">{max === null ? t('skills.scaleUnknown') : t('skills.scale', { max })}</Text>
            </Stack>
            {draft.skills.length === 0 ? <Text size="sm" c="dimmed">{t('skills.noSkillsInProfile')}</Text> : (
              <Table aria-labelledby="profile-skills-label" data-testid="profile-skills">
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('skills.skill')}</Table.Th><Table.Th>{t('skills.level')}</Table.Th><Table.Th><VisuallyHidden>{t('skills.remove')}</VisuallyHidden></Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {draft.skills.map((row, index) => (
                    <Table.Tr key={row.skillId} data-skill={nameOf(row.skillId)}>
                      <Table.Td>{nameOf(row.skillId)}{fieldError(t, error, `skills[${index}].skillId`) && <Text size="xs" c="red">{fieldError(t, error, `skills[${index}].skillId`)}</Text>}</Table.Td>
                      <Table.Td>
                        <LevelSelect size="xs" labelHidden label={t('skills.levelOf', { skill: nameOf(row.skillId) })} value={row.level} max={max}
                          onChange={(level) => setSkills(draft.skills.map((s, i) => (i === index ? { ...s, level } : s)))} error={fieldError(t, error, `skills[${index}].level`)} />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={t('skills.removeSkill', { skill: nameOf(row.skillId) })}
                          onClick={() => setSkills(draft.skills.filter((_, i) => i !== index))}>×</ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {addable.length > 0 && (
              <NativeSelect label={t('skills.addSkill')} value="" maw={320}
                onChange={(event) => event.currentTarget.value && setSkills([...draft.skills, { skillId: event.currentTarget.value, level: 1 }])}
                data={[{ value: '', label: t('skills.chooseSkill') }, ...addable.map((skill) => ({ value: skill.id, label: skill.name }))]} />
            )}
            {known.length === 0 && skills.isSuccess && <Text size="sm" c="dimmed">{t('skills.noSkillsYet')}</Text>}
          </Stack>
        )
      }}
    </EditorFrame>
  )
}
