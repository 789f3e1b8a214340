// /skills, /skills/new, /skills/<id>; a group's profiles at /skills/profiles/new?group=<id> and /skills/profiles/<id>.
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate, useUrl } from '../../router'
import { consoleHref, useConsole } from '../console-context'
import { carryCreatedNotice } from '../forms/EditorFrame'
import type { ConsolePageProps } from '../pages'
import { ProfileEditor } from './ProfileEditor'
import { SkillEditor } from './SkillEditor'
import { SkillsPage } from './SkillsPage'

export default function SkillsSection({ rest }: ConsolePageProps) {
  const { t } = useTranslation()
  if (rest.length === 0) return <SkillsPage />
  if (rest.length === 1) return <SkillEditor key={rest[0]} id={rest[0] === 'new' ? null : rest[0]!} />
  if (rest.length === 2 && rest[0] === 'profiles') return <GroupProfileEditor key={rest[1]} id={rest[1] === 'new' ? null : rest[1]!} />
  return <Text>{t('console.notFound')}</Text>
}

function GroupProfileEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { tenant } = useConsole()
  const url = useUrl()
  // The group the list showed (a new profile's owner, and the way back).
  const groupId = url.searchParams.get('group') ?? ''
  const listOf = (group: string | null) => consoleHref('/skills', tenant, new URLSearchParams(group ? { group } : {}))
  return (
    <ProfileEditor id={id} owner={{ groupId }} title={t('skills.newProfile')} back={{ href: listOf(groupId || null), label: t('skills.back') }}
      onSaved={(profile, created) => {
        if (!created) return
        carryCreatedNotice()
        navigate(consoleHref(`/skills/profiles/${profile.id}`, tenant, new URLSearchParams(profile.groupId ? { group: profile.groupId } : {})), { replace: true, force: true })
      }}
      onRemoved={() => navigate(listOf(groupId || null), { force: true })} />
  )
}
