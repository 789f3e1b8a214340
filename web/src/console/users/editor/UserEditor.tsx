// /users/new and /users/<id>: adding or editing a user in the tabs of the manuals. The form keeps the
// version it read (ETag) and sends it with every change (If-Match): a save after someone else's says
// so and offers to reload. Field errors show at their fields, their tabs marked; what was typed stays.
// Leaving with unsaved changes asks first. A person's phone settings (Voice) are saved by the same
// Save, with their own version. A user logged on to the queues is not deleted: the button says why.
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Stack, Tabs, Text, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../api/client'
import type { Role, User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { formatDateTime } from '../../../i18n/format'
import { followLink, navigate, useUrl } from '../../../router'
import { consoleKeys, listTenants, useTenantLists } from '../../api'
import { ConfirmButton } from '../../ConfirmButton'
import { consoleHref, useConsole } from '../../console-context'
import { ownSubmit } from '../../forms/own-submit'
import { UnsavedChangesGuard } from '../../UnsavedChangesGuard'
import { skillKeys } from '../../skills/api'
import { usersKeys } from '../api'
import { lastSearchHref } from '../search'
import { createUser, deleteUser, editorKeys, invite, readUser, setPassword, updateUser, type VersionedUser } from './api'
import { AvatarField } from './AvatarField'
import { assignable, BasicTab } from './BasicTab'
import { changedFields, createBodyOf, draftOf, newDraft, patchOf, rebase, tabOfPath, TABS, type EditorTab, type UserDraft } from './draft'
import { HistoryTab } from './HistoryTab'
import { IdentitiesTab } from './IdentitiesTab'
import { InformationTab } from './InformationTab'
import { GroupTab } from './GroupTab'
import { OptionsTab } from './OptionsTab'
import type { PasswordChoice } from './PasswordField'
import { ProfileTab } from './ProfileTab'
import { SecurityTab } from './SecurityTab'
import { TeamsTab } from './TeamsTab'
import { hasPhone, useVoiceForm, type VoiceDraft } from './voice'
import { VoiceTab } from './VoiceTab'

interface Base { user: User; etag: string | null; draft: UserDraft }

/** What the last save did besides the user itself. */
type Notice = { kind: 'created' | 'saved' } & { passwordSet?: boolean; invitedAt?: string }

// Carried from /users/new to /users/<id>, which mounts an editor of its own.
let noticeForNextEditor: Notice | null = null

export function UserEditor({ userId }: { userId: string | null }) {
  const { t, i18n } = useTranslation()
  const { me, can, tenant, timeZone } = useConsole()
  const queryClient = useQueryClient()
  const url = useUrl()
  const loaded = useQuery({ queryKey: editorKeys.user(userId ?? 'new'), queryFn: () => readUser(userId!), enabled: userId !== null, staleTime: Infinity, gcTime: 0 })

  const baseRef = useRef<Base | null>(null)
  const [base, setBaseState] = useState<Base | null>(null)
  const setBase = (next: Base) => {
    baseRef.current = next
    setBaseState(next)
  }
  const [draft, setDraft] = useState<UserDraft | null>(userId === null ? newDraft() : null)
  const [password, setPasswordChoice] = useState<PasswordChoice>({ mode: 'keep' })
  const [newTenantId, setNewTenantId] = useState<string | null>(tenant.id)
  const [saveError, setSaveError] = useState<unknown>(null)
  const [conflict, setConflict] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(() => {
    const carried = noticeForNextEditor
    noticeForNextEditor = null
    return carried
  })

  const adopt = (versioned: VersionedUser) => {
    const fresh = { user: versioned.body, etag: versioned.etag, draft: draftOf(versioned.body) }
    setBase(fresh)
    setDraft(fresh.draft)
  }
  /** The server's user after this editor's own action: what was not being edited follows it. */
  const rebaseOnto = (versioned: VersionedUser) => {
    const previous = baseRef.current
    const fresh = { user: versioned.body, etag: versioned.etag, draft: draftOf(versioned.body) }
    setBase(fresh)
    setDraft((current) => (current && previous ? rebase(previous.draft, fresh.draft, current) : fresh.draft))
  }
  /** A save went through: what was typed since it was sent stays, the rest shows what the server keeps (e.g. +31612345678). */
  const acceptSaved = (submitted: UserDraft, versioned: VersionedUser) => {
    const fresh = { user: versioned.body, etag: versioned.etag, draft: draftOf(versioned.body) }
    setBase(fresh)
    setDraft((current) => (current ? rebase(submitted, fresh.draft, current) : fresh.draft))
    return fresh
  }
  useEffect(() => {
    if (loaded.data && !baseRef.current) adopt(loaded.data)
  }, [loaded.data])
  // A platform administrator's tenant is looked up by its slug: the new user's tenant once known.
  useEffect(() => {
    if (userId === null && newTenantId === null && tenant.id) setNewTenantId(tenant.id)
  }, [userId, newTenantId, tenant.id])

  const voice = useVoiceForm(userId, base !== null && hasPhone(base.user))
  const tenantId = base?.user.tenantId ?? newTenantId
  const lists = useTenantLists(tenantId, {
    campaigns: tenantId !== null && can('campaigns:read'), roles: tenantId !== null && can('roles:read'), teams: tenantId !== null && can('teams:read'), groups: tenantId !== null,
  })
  const tenants = useQuery({ queryKey: consoleKeys.tenants, queryFn: listTenants, enabled: me.isPlatformAdmin, staleTime: 60_000 })
  const permissions = useMemo(() => new Set(me.permissions), [me.permissions])
  // The History tab names the campaigns, roles, teams and groups its events refer to by id.
  const names = useMemo(() => new Map([...(lists.campaigns.data ?? []), ...(lists.roles.data ?? []), ...(lists.teams.data ?? []), ...(lists.groups.data ?? [])].map((item) => [item.id, item.name])),
    [lists.campaigns.data, lists.roles.data, lists.teams.data, lists.groups.data])

  // A new user starts as an Agent, the API's default, when the editor may assign it.
  const roles = lists.roles.data
  useEffect(() => {
    if (userId !== null || !roles || !draft || draft.roleId !== '') return
    const agent = roles.find((role: Role) => role.key === 'agent' && assignable(role, permissions))
    if (agent) setDraft((current) => (current && current.roleId === '' ? { ...current, roleId: agent.id } : current))
  }, [userId, roles, draft, permissions])

  const tabParam = url.searchParams.get('tab')
  const visibleTabs = TABS.filter((tab) => {
    if (userId === null) return tab !== 'information' && tab !== 'history' && tab !== 'voice'
    if (tab === 'voice') return base !== null && hasPhone(base.user)
    // User groups and skills are of people, not machines.
    if (tab === 'group') return base !== null && base.user.kind === 'agent'
    return tab !== 'history' || can('audit:read')
  })
  const tab: EditorTab = visibleTabs.find((name) => name === tabParam) ?? 'basic'
  const showTab = (next: EditorTab) => {
    const params = new URLSearchParams(url.searchParams)
    if (next === 'basic') params.delete('tab')
    else params.set('tab', next)
    const search = params.toString()
    navigate(`${url.pathname}${search ? `?${search}` : ''}`, { replace: true, force: true })
  }

  const canWrite = can('users:write')
  const dirty = draft !== null && (password.mode !== 'keep' || voice.dirty || changedFields(base?.draft ?? newDraft(draft.roleId), draft).length > 0)
  const fieldErrors = saveError instanceof ApiError ? saveError.errors : []
  const tabsWithErrors = new Set(fieldErrors.map((e) => tabOfPath(e.path)))

  const refreshLists = () => queryClient.invalidateQueries({ queryKey: usersKeys.all })
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'version_conflict') {
      setConflict(true)
      return
    }
    setSaveError(error)
    // The first tab with an error comes forward, unless the one shown has one too.
    const errors = error instanceof ApiError ? error.errors : []
    if (errors.length > 0 && !errors.some((e) => tabOfPath(e.path) === tab)) showTab(tabOfPath(errors[0]!.path))
  }

  const save = useMutation({
    mutationFn: async ({ user: submitted, voice: submittedVoice }: { user: UserDraft; voice: VoiceDraft | null }) => {
      let current = baseRef.current
      const created = current === null
      if (current === null) {
        current = acceptSaved(submitted, await createUser(createBodyOf(submitted, me.isPlatformAdmin && newTenantId !== me.user.tenantId ? newTenantId : null)))
      } else {
        const patch = patchOf(current.draft, submitted)
        if (Object.keys(patch).length > 0) current = acceptSaved(submitted, await updateUser(current.user.id, patch, current.etag))
        await voice.save(submittedVoice)
      }
      const result: Notice = { kind: created ? 'created' : 'saved' }
      if (password.mode === 'choose' || password.mode === 'generate') {
        await setPassword(current.user.id, password.password)
        result.passwordSet = true
      } else if (password.mode === 'invite') {
        result.invitedAt = (await invite(current.user.id, password.channel)).sentTo
      }
      // A password moves the user's version: read it again for the next If-Match.
      if (result.passwordSet || result.invitedAt) rebaseOnto(await readUser(current.user.id))
      return { notice: result, user: current.user }
    },
    onMutate: () => {
      setSaveError(null)
      setConflict(false)
      setNotice(null)
    },
    onSuccess: ({ notice: done, user }) => {
      setPasswordChoice({ mode: 'keep' })
      void refreshLists()
      // A move to another group offers that group's profiles.
      void queryClient.invalidateQueries({ queryKey: skillKeys.userSkills(user.id) })
      if (done.kind === 'created') {
        noticeForNextEditor = done
        navigate(consoleHref(`/users/${user.id}`, tenant), { replace: true, force: true })
      } else {
        setNotice(done)
      }
    },
    onError: failed,
  })

  const setActive = useMutation({
    mutationFn: async (active: boolean) => updateUser(base!.user.id, { active }, base!.etag),
    onMutate: () => { setSaveError(null); setNotice(null) },
    onSuccess: (answer) => { rebaseOnto(answer); void refreshLists() },
    onError: failed,
  })
  const remove = useMutation({
    mutationFn: () => deleteUser(base!.user.id, base!.etag),
    onSuccess: () => {
      void refreshLists()
      navigate(lastSearchHref(tenant), { force: true })
    },
    onError: (error) => {
      failed(error)
      // Logged on since this editor read the user: the button now says so too.
      if (error instanceof ApiError && error.code === 'logged_on_to_queues') void userChanged()
    },
  })
  const reload = useMutation({
    mutationFn: async () => (await Promise.all([readUser(base!.user.id), voice.reload()]))[0],
    onSuccess: (answer) => {
      adopt(answer)
      setPasswordChoice({ mode: 'keep' })
      setConflict(false)
      setSaveError(null)
    },
  })
  const userChanged = async () => {
    if (baseRef.current) rebaseOnto(await readUser(baseRef.current.user.id))
    void refreshLists()
  }

  if (userId !== null && !base) {
    return loaded.error ? <ProblemAlert error={loaded.error} /> : <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  }
  if (!draft) return null

  const change = (patch: Partial<UserDraft>) => setDraft((current) => (current ? { ...current, ...patch } : current))
  const submit = ownSubmit(() => {
    if (!save.isPending) save.mutate({ user: draft, voice: voice.draft })
  })
  const chooseTenant = (id: string) => {
    setNewTenantId(id)
    change({ roleId: '', campaignIds: [], defaultCampaignId: '', teamIds: [], groupId: '', resourceFilterIds: [] })
  }
  const user = base?.user ?? null
  const loggedOn = user?.presence.state === 'logged_on'
  const tabProps = { draft, change, error: saveError }
  const tabLabel = (name: EditorTab) => (
    <Group gap={6} wrap="nowrap">
      <span>{t(`userEditor.tabs.${name}`)}</span>
      {tabsWithErrors.has(name) && (
        <>
          <Badge size="xs" color="red" variant="filled" circle aria-hidden="true">!</Badge>
          <VisuallyHidden>{t('userEditor.tabHasErrors')}</VisuallyHidden>
        </>
      )}
    </Group>
  )

  return (
    <form onSubmit={submit} noValidate aria-labelledby="user-editor-title">
      <UnsavedChangesGuard active={dirty && !remove.isSuccess} />
      <Stack gap="md">
        <Anchor href={lastSearchHref(tenant)} onClick={followLink} size="sm">{t('userEditor.back')}</Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center">
            <Title order={1} size="h2" id="user-editor-title">{user ? user.username : t('userEditor.newTitle')}</Title>
            {user && !user.active && <Badge color="gray" variant="light">{t('userEditor.inactive')}</Badge>}
            {user?.locked && <Badge color="red" variant="light">{t('userEditor.locked')}</Badge>}
            {loggedOn && (
              <Badge color="green" variant="light" tt="none" data-testid="presence-badge">
                {user.presence.since ? t('users.loggedOnSince', { time: formatDateTime(user.presence.since, i18n.language, timeZone) }) : t('users.loggedOn')}
              </Badge>
            )}
          </Group>
          <Group gap="sm">
            {user && canWrite && (
              <Button variant="default" onClick={() => setActive.mutate(!user.active)} loading={setActive.isPending}>
                {user.active ? t('userEditor.deactivate') : t('userEditor.activate')}
              </Button>
            )}
            {user && can('users:delete') && (
              <Group gap="xs" wrap="nowrap">
                {loggedOn && <Text size="sm" c="dimmed" id="delete-blocked" data-testid="delete-blocked" maw={280}>{t('userEditor.loggedOnNoDelete')}</Text>}
                <ConfirmButton label={t('userEditor.delete')} variant="outline" title={t('userEditor.deleteTitle', { username: user.username })} disabled={loggedOn}
                  ariaDescribedBy={loggedOn ? 'delete-blocked' : undefined}
                  text={t('userEditor.deleteText')} confirmLabel={t('userEditor.deleteConfirm')} onConfirm={() => remove.mutate()} pending={remove.isPending} />
              </Group>
            )}
            {canWrite && <Button type="submit" loading={save.isPending}>{t('userEditor.save')}</Button>}
          </Group>
        </Group>

        {conflict && (
          <Alert color="yellow" role="alert" title={t('userEditor.conflictTitle')} data-testid="version-conflict">
            <Stack gap="xs">
              <Text size="sm">{t('userEditor.conflictText')}</Text>
              <Group><Button size="xs" onClick={() => reload.mutate()} loading={reload.isPending}>{t('userEditor.reload')}</Button></Group>
            </Stack>
          </Alert>
        )}
        {fieldErrors.length > 0 && (
          <Alert color="red" role="alert">
            {t('userEditor.checkTabs', { tabs: [...tabsWithErrors].map((name) => t(`userEditor.tabs.${name}`)).join(', ') })}
          </Alert>
        )}
        {!(saveError instanceof ApiError && saveError.errors.length > 0) && <ProblemAlert error={saveError ?? reload.error} />}
        {notice && (
          <Alert color="green" role="status" data-testid="editor-notice">
            {[
              t(notice.kind === 'created' ? 'userEditor.created' : 'userEditor.saved'),
              notice.passwordSet ? t('userEditor.passwordSet') : null,
              notice.invitedAt ? t('userEditor.invitationSent', { to: notice.invitedAt }) : null,
            ].filter(Boolean).join(' ')}
          </Alert>
        )}
        {!canWrite && <Text size="sm" c="dimmed">{t('userEditor.readOnly')}</Text>}

        <Tabs value={tab} onChange={(value) => value && showTab(value as EditorTab)} keepMounted={false}>
          <Tabs.List>
            {visibleTabs.map((name) => <Tabs.Tab key={name} value={name} c={tabsWithErrors.has(name) ? 'red.8' : undefined}>{tabLabel(name)}</Tabs.Tab>)}
          </Tabs.List>
          <fieldset disabled={!canWrite} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
            <Tabs.Panel value="basic" pt="md">
              <BasicTab {...tabProps} isNew={user === null} tenants={me.isPlatformAdmin ? tenants.data ?? null : null} tenantId={tenantId} onTenant={chooseTenant}
                campaigns={lists.campaigns.data} roles={lists.roles.data} password={password} onPassword={setPasswordChoice} />
            </Tabs.Panel>
            <Tabs.Panel value="profile" pt="md">
              <Stack gap="xl">
                {user && <AvatarField user={user} canWrite={canWrite} onChanged={userChanged} />}
                <ProfileTab {...tabProps} tenantId={tenantId}
                  extension={user === null ? { fixed: false } : user.extension !== null ? { fixed: true } : hasPhone(user) ? { fixed: false } : null} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="options" pt="md"><OptionsTab {...tabProps} /></Tabs.Panel>
            <Tabs.Panel value="group" pt="md">
              <GroupTab {...tabProps} user={user} groups={lists.groups.data} campaigns={can('campaigns:read') ? lists.campaigns.data ?? [] : undefined} loggedOn={loggedOn} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="teams" pt="md"><TeamsTab {...tabProps} teams={lists.teams.data} /></Tabs.Panel>
            <Tabs.Panel value="identities" pt="md"><IdentitiesTab {...tabProps} /></Tabs.Panel>
            <Tabs.Panel value="security" pt="md"><SecurityTab {...tabProps} user={user} onUserChanged={() => void userChanged()} /></Tabs.Panel>
          </fieldset>
          {user && hasPhone(user) && (
            <Tabs.Panel value="voice" pt="md"><VoiceTab form={voice} user={user} error={saveError} canWrite={canWrite} canSetPassword={can('users:credentials')} /></Tabs.Panel>
          )}
          {user && <Tabs.Panel value="information" pt="md"><InformationTab user={user} /></Tabs.Panel>}
          {user && can('audit:read') && <Tabs.Panel value="history" pt="md"><HistoryTab user={user} names={names} /></Tabs.Panel>}
        </Tabs>
      </Stack>
    </form>
  )
}
