// /skills: the tenant's skills by name (each with the users who have it, a link to the users page
// filtered by it), the level scale of the tenant settings, and the profiles of a user group: named
// sets of skills at levels, offered to the group's users.
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Skill } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { followLink, navigate, useUrl } from '../../router'
import { useTenantLists } from '../api'
import { consoleHref, tenantQuery, useConsole } from '../console-context'
import { ListPage } from '../lists/ListPage'
import { UsersLink } from '../lists/UsersLink'
import { listProfiles, skillKeys, useSkillScale } from './api'
import { levelText } from './LevelSelect'

export function SkillsPage() {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  const max = useSkillScale()
  return (
    <Stack gap="xl">
      <ListPage<Skill> title={t('skills.title')} pagePath="/skills" apiPath="/api/v1/skills" params={tenantQuery(tenant)}
        add={can('skills:manage') ? { label: t('skills.add') } : null} filterLabel={t('skills.filter')} empty={t('skills.empty')}
        total={(count, formatted) => t('skills.total', { count, formatted })} testId="skills-table"
        columns={[
          { header: t('skills.description'), cell: (skill) => <Text size="sm" lineClamp={2}>{skill.description}</Text> },
          { header: t('lists.usersColumn'), cell: (skill) => <UsersLink filter="skill" id={skill.id} name={skill.name} /> },
        ]}>
        <Text size="sm" data-testid="skill-scale">
          {max === null ? t('skills.scaleUnknown') : t('skills.scale', { max })}{' '}
          {can('settings:manage') && <Anchor href={consoleHref('/settings', tenant)} onClick={followLink}>{t('skills.scaleLink')}</Anchor>}
        </Text>
      </ListPage>
      <GroupProfiles max={max} />
    </Stack>
  )
}

/** The profiles of one user group (?group=<id>; the default group at first). */
function GroupProfiles({ max }: { max: number | null }) {
  const { t, i18n } = useTranslation()
  const { can, tenant } = useConsole()
  const url = useUrl()
  const { groups } = useTenantLists(tenantQuery(tenant).tenant ?? null, { campaigns: false, roles: false, teams: false, groups: true })
  const chosen = url.searchParams.get('group')
  const groupId = (groups.data ?? []).find((g) => g.id === chosen)?.id ?? groups.data?.find((g) => g.isDefault)?.id ?? null
  const profiles = useQuery({ queryKey: skillKeys.profiles(`group:${groupId}`), queryFn: () => listProfiles({ group: groupId! }), enabled: groupId !== null })
  const choose = (id: string) => {
    const params = new URLSearchParams(url.searchParams)
    params.set('group', id)
    navigate(consoleHref('/skills', tenant, params), { replace: true })
  }
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  return (
    <Stack gap="md" component="section" aria-labelledby="group-profiles-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="group-profiles-title">{t('skills.groupProfiles')}</Title>
        {groupId && can('skills:manage') && (
          <Button component="a" href={consoleHref('/skills/profiles/new', tenant, new URLSearchParams({ group: groupId }))} onClick={followLink}>{t('skills.addProfile')}</Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" maw={760}>{t('skills.groupProfilesHint')}</Text>
      <NativeSelect label={t('skills.group')} value={groupId ?? ''} onChange={(event) => choose(event.currentTarget.value)} maw={320}
        data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.isDefault ? t('skills.defaultGroup', { name: g.name }) : g.name }))} />
      <ProblemAlert error={groups.error ?? profiles.error} />
      <Paper withBorder radius="md">
        {!profiles.data ? null : profiles.data.length === 0 ? <Text p="lg" ta="center">{t('skills.noProfiles')}</Text> : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped verticalSpacing={6} data-testid="profiles-table">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('lists.name')}</Table.Th><Table.Th>{t('skills.profileSkills')}</Table.Th><Table.Th>{t('skills.agentsLoggedOn')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {profiles.data.map((profile) => (
                  <Table.Tr key={profile.id} data-name={profile.name}>
                    <Table.Td><Anchor href={consoleHref(`/skills/profiles/${profile.id}`, tenant, new URLSearchParams({ group: groupId! }))} onClick={followLink} fw={500}>{profile.name}</Anchor></Table.Td>
                    <Table.Td><Text size="sm">{profile.skills.map((s) => `${s.skillName} (${levelText(t, s.level, max)})`).join(', ') || '—'}</Text></Table.Td>
                    <Table.Td>{number(profile.agentsLoggedOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  )
}
