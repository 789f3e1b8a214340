// The search panel of the "User Management" window: free text (name, username, email address,
// employee number, agent ID), active / inactive / all, campaign, role and team of the console's
// tenant, whether the user is logged on to the queues, the user group, and a skill at a minimum level.
// Text is applied once typing pauses (or at Enter); the lists at once.
import { Button, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useTenantLists } from '../api'
import { tenantQuery, useConsole } from '../console-context'
import { useSkillScale } from '../skills/api'
import { LevelSelect } from '../skills/LevelSelect'
import { DEFAULT_SEARCH, type ActiveFilter, type PresenceFilter, type UserSearch } from './search'

const TYPING_PAUSE_MS = 350

export function SearchPanel({ search, onSearch }: { search: UserSearch; onSearch: (next: UserSearch) => void }) {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  const lists = useTenantLists(tenantQuery(tenant).tenant ?? null, { campaigns: can('campaigns:read'), roles: can('roles:read'), teams: can('teams:read'), groups: true, skills: true })
  const max = useSkillScale()
  const [text, setText] = useState(search.q)
  const statusLabel = useId()
  // The URL changed by itself (back, forward, a link): the field follows it.
  const applied = useRef(search.q)
  useEffect(() => {
    if (search.q !== applied.current) {
      applied.current = search.q
      setText(search.q)
    }
  }, [search.q])
  const applyText = (value: string) => {
    if (value.trim() === search.q.trim()) return
    applied.current = value
    onSearch({ ...search, q: value, page: 1 })
  }
  useEffect(() => {
    const timer = setTimeout(() => applyText(text), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, search])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    applyText(text)
  }
  const set = (change: Partial<UserSearch>) => onSearch({ ...search, ...change, page: 1 })
  const choice = (value: string) => (value === '' ? null : value)
  const filtered = search.q !== '' || search.active !== 'all' || search.campaign || search.role || search.team || search.presence !== 'all' || search.group || search.skill

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('users.searchPanel')}>
      <form onSubmit={submit} role="search">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput label={t('users.search')} description={t('users.searchHint')} type="search" value={text}
              onChange={(event) => setText(event.currentTarget.value)} maxLength={200} />
            <div>
              <Text component="label" size="sm" fw={500} id={statusLabel} display="block">{t('users.status')}</Text>
              <Text size="xs" c="dimmed" mb={4}>{t('users.statusHint')}</Text>
              <SegmentedControl aria-labelledby={statusLabel} fullWidth value={search.active} onChange={(value) => set({ active: value as ActiveFilter })}
                data={[{ value: 'all', label: t('users.statusAll') }, { value: 'active', label: t('users.statusActive') }, { value: 'inactive', label: t('users.statusInactive') }]} />
            </div>
            {can('campaigns:read') && (
              <NativeSelect label={t('users.campaign')} value={search.campaign ?? ''} onChange={(event) => set({ campaign: choice(event.currentTarget.value) })}
                data={[{ value: '', label: t('users.anyCampaign') }, ...(lists.campaigns.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : t('users.inactiveName', { name: c.name }) })),
                  ...missing(search.campaign, lists.campaigns.data)]} />
            )}
            {can('roles:read') && (
              <NativeSelect label={t('users.role')} value={search.role ?? ''} onChange={(event) => set({ role: choice(event.currentTarget.value) })}
                data={[{ value: '', label: t('users.anyRole') }, ...(lists.roles.data ?? []).map((r) => ({ value: r.id, label: r.name })), ...missing(search.role, lists.roles.data)]} />
            )}
            {can('teams:read') && (
              <NativeSelect label={t('users.team')} value={search.team ?? ''} onChange={(event) => set({ team: choice(event.currentTarget.value) })}
                data={[{ value: '', label: t('users.anyTeam') }, ...(lists.teams.data ?? []).map((team) => ({ value: team.id, label: team.name })), ...missing(search.team, lists.teams.data)]} />
            )}
            <NativeSelect label={t('users.presence')} value={search.presence} onChange={(event) => set({ presence: event.currentTarget.value as PresenceFilter })}
              data={[{ value: 'all', label: t('users.presenceAll') }, { value: 'logged_on', label: t('users.presenceLoggedOn') }, { value: 'logged_off', label: t('users.presenceLoggedOff') }]} />
            <NativeSelect label={t('users.group')} value={search.group ?? ''} onChange={(event) => set({ group: choice(event.currentTarget.value) })}
              data={[{ value: '', label: t('users.anyGroup') }, ...(lists.groups.data ?? []).map((g) => ({ value: g.id, label: g.name })), ...missing(search.group, lists.groups.data)]} />
            <SimpleGrid cols={2} spacing="xs">
              <NativeSelect label={t('users.skill')} value={search.skill ?? ''} onChange={(event) => set({ skill: choice(event.currentTarget.value), ...(event.currentTarget.value ? {} : { skillLevel: 0 }) })}
                data={[{ value: '', label: t('users.anySkill') }, ...(lists.skills.data ?? []).map((s) => ({ value: s.id, label: s.name })), ...missing(search.skill, lists.skills.data)]} />
              <LevelSelect label={t('users.skillLevel')} value={search.skillLevel} max={max} disabled={!search.skill} onChange={(skillLevel) => set({ skillLevel })} />
            </SimpleGrid>
          </SimpleGrid>
          {filtered && (
            <Group justify="flex-end">
              <Button variant="subtle" size="xs" onClick={() => { setText(''); applied.current = ''; onSearch({ ...DEFAULT_SEARCH, sort: search.sort, order: search.order, limit: search.limit }) }}>
                {t('users.clearSearch')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  )
}

/** A chosen id the list does not hold (yet, or any more) stays choosable, so that the select shows it. */
function missing(id: string | null, items: Array<{ id: string }> | undefined): Array<{ value: string; label: string }> {
  return id && !(items ?? []).some((item) => item.id === id) ? [{ value: id, label: id }] : []
}
