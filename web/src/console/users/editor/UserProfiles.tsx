// A user's profiles (the group's and their own personal ones), each switched on or off for them at
// once (PATCH /users/{id}/skills, not with Save), personal profiles made and edited here, and the
// skills all switched-on profiles give: each at its best level.
import { Alert, Button, Fieldset, Group, Modal, Stack, Switch, Table, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { User, UserSkills } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { useConsole } from '../../console-context'
import { readUserSkills, skillKeys, switchProfiles, useSkillScale } from '../../skills/api'
import { levelText } from '../../skills/LevelSelect'
import { ProfileEditor } from '../../skills/ProfileEditor'

type Listed = UserSkills['profiles'][number]

export function UserProfiles({ user, groupChanged, canWrite }: { user: User; groupChanged: boolean; canWrite: boolean }) {
  const { t } = useTranslation()
  const { can } = useConsole()
  const queryClient = useQueryClient()
  const max = useSkillScale()
  const key = skillKeys.userSkills(user.id)
  const skills = useQuery({ queryKey: key, queryFn: () => readUserSkills(user.id) })
  // The personal profile open in the dialog: its id, or 'new'.
  const [editing, setEditing] = useState<string | null>(null)
  const toggle = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) => switchProfiles(user.id, { profiles: { [id]: on } }),
    // The switch moves at once; the skills in force follow the answer (a refusal reads them again).
    onMutate: async ({ id, on }) => {
      // A read under way (after a save) would put the switch back.
      await queryClient.cancelQueries({ queryKey: key })
      queryClient.setQueryData<UserSkills>(key, (old) => old && { ...old, profiles: old.profiles.map((p) => (p.id === id ? { ...p, enabled: on } : p)) })
    },
    onSuccess: (answer) => queryClient.setQueryData(key, answer),
    onError: () => queryClient.invalidateQueries({ queryKey: key }),
  })
  const done = () => {
    setEditing(null)
    void queryClient.invalidateQueries({ queryKey: key })
  }
  const summary = (profile: Listed) => profile.skills.map((s) => `${s.skillName} (${levelText(t, s.level, max)})`).join(', ') || t('skills.noSkillsInProfile')
  const switchOf = (profile: Listed) => (
    <Switch key={profile.id} label={profile.name} description={summary(profile)} checked={profile.enabled} disabled={!canWrite || toggle.isPending}
      onChange={(event) => toggle.mutate({ id: profile.id, on: event.currentTarget.checked })} />
  )
  const groupProfiles = skills.data?.profiles.filter((p) => p.kind === 'group') ?? []
  const personal = skills.data?.profiles.filter((p) => p.kind === 'personal') ?? []
  const canEditProfiles = canWrite && can('skills:manage')

  return (
    <>
      <Fieldset legend={t('userEditor.group.profiles')}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('userEditor.group.switchesAtOnce')}</Text>
          {groupChanged && <Alert color="blue">{t('userEditor.group.profilesAfterMove')}</Alert>}
          <ProblemAlert error={skills.error ?? toggle.error} />
          <Stack gap="xs" data-testid="group-profiles">
            <Text size="sm" fw={500}>{t('userEditor.group.groupProfiles', { group: user.groupName })}</Text>
            {groupProfiles.length === 0 ? <Text size="sm" c="dimmed">{t('userEditor.group.noGroupProfiles')}</Text> : groupProfiles.map(switchOf)}
          </Stack>
          <Stack gap="xs" data-testid="personal-profiles">
            <Text size="sm" fw={500}>{t('userEditor.group.personalProfiles')}</Text>
            {personal.length === 0 && <Text size="sm" c="dimmed">{t('userEditor.group.noPersonalProfiles')}</Text>}
            {personal.map((profile) => (
              <Group key={profile.id} gap="sm" align="flex-start" wrap="nowrap">
                {switchOf(profile)}
                {canEditProfiles && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(profile.id)} aria-label={t('userEditor.group.editProfileNamed', { name: profile.name })}>
                    {t('userEditor.group.editProfile')}
                  </Button>
                )}
              </Group>
            ))}
            {canEditProfiles && <Group><Button size="xs" variant="default" onClick={() => setEditing('new')}>{t('userEditor.group.addPersonalProfile')}</Button></Group>}
          </Stack>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('userEditor.group.effectiveSkills')}>
        {!skills.data ? null : skills.data.effective.length === 0 ? <Text size="sm" c="dimmed">{t('userEditor.group.noSkills')}</Text> : (
          <Table data-testid="effective-skills" maw={480}>
            <Table.Thead><Table.Tr><Table.Th>{t('skills.skill')}</Table.Th><Table.Th>{t('skills.level')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {skills.data.effective.map((s) => (
                <Table.Tr key={s.skillId} data-skill={s.skillName}><Table.Td>{s.skillName}</Table.Td><Table.Td data-level={s.level}>{levelText(t, s.level, max)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Fieldset>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="lg" title={t('userEditor.group.personalProfileOf', { username: user.username })}
        closeButtonProps={{ 'aria-label': t('app.close') }}>
        {editing !== null && (
          <ProfileEditor key={editing} id={editing === 'new' ? null : editing} owner={{ userId: user.id }} title={t('userEditor.group.newPersonalProfile')}
            onSaved={done} onRemoved={done} />
        )}
      </Modal>
    </>
  )
}
