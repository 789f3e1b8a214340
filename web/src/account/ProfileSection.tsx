// The user's own profile: locale and time zone always; the other fields as the tenant allows
// (`editableFields`). Only changed fields are sent.
import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me, OwnProfilePatch, User } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { LocaleSelect, TimeZoneSelect } from '../components/LocaleTimeZoneSelects'
import { followUserLocale } from '../i18n'
import { accountKeys, updateProfile } from './api'

const TEXT_FIELDS = ['firstName', 'lastName', 'displayName', 'email', 'mobilePhone', 'jobTitle', 'description'] as const
type TextField = (typeof TEXT_FIELDS)[number]
/** Fields the API takes as null when empty. */
const NULLABLE = new Set<string>(['email', 'mobilePhone', 'locale', 'timeZone'])

type Draft = Record<TextField | 'locale' | 'timeZone', string>

const draftOf = (user: User): Draft => ({
  firstName: user.firstName, lastName: user.lastName, displayName: user.displayName, email: user.email ?? '',
  mobilePhone: user.mobilePhone ?? '', jobTitle: user.jobTitle, description: user.description,
  locale: user.locale ?? '', timeZone: user.timeZone ?? '',
})

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const editable = new Set([...me.editableFields, 'locale', 'timeZone'])
  const [draft, setDraft] = useState(() => draftOf(me.user))
  const [saved, setSaved] = useState(false)
  const original = draftOf(me.user)
  const mutation = useMutation({
    mutationFn: () => {
      const patch: Record<string, string | null> = {}
      for (const [field, value] of Object.entries(draft)) {
        if (editable.has(field) && value !== original[field as keyof Draft]) patch[field] = value === '' && NULLABLE.has(field) ? null : value
      }
      return updateProfile(patch as OwnProfilePatch)
    },
    onSuccess: (user) => {
      queryClient.setQueryData<Me>(accountKeys.me, { ...me, user })
      setDraft(draftOf(user))
      setSaved(true)
      followUserLocale(user.locale, me.tenantLocale)
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    mutation.mutate()
  }
  const set = (field: keyof Draft) => (value: string) => {
    setSaved(false)
    setDraft((current) => ({ ...current, [field]: value }))
  }
  const textInput = (field: TextField) => {
    const props = {
      label: t(`profile.${field}`),
      value: draft[field],
      disabled: !editable.has(field),
      error: fieldError(t, mutation.error, field),
      onChange: (event: { currentTarget: { value: string } }) => set(field)(event.currentTarget.value),
    }
    return field === 'description' ? <Textarea key={field} {...props} autosize minRows={2} /> : <TextInput key={field} {...props} />
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={4}>{t('profile.title')}</Title>
        {me.editableFields.length < TEXT_FIELDS.length && <Text size="sm" c="dimmed">{t('profile.readOnlyHint')}</Text>}
        <ProblemAlert error={mutation.error} fields={[...TEXT_FIELDS, 'locale', 'timeZone']} />
        {saved && <Alert color="green" role="status">{t('profile.saved')}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {TEXT_FIELDS.filter((field) => field !== 'description').map(textInput)}
          <LocaleSelect value={draft.locale} onChange={set('locale')} error={fieldError(t, mutation.error, 'locale')} />
          <TimeZoneSelect value={draft.timeZone} onChange={set('timeZone')} error={fieldError(t, mutation.error, 'timeZone')} />
        </SimpleGrid>
        {textInput('description')}
        {me.user.email && !me.user.emailVerified && <Group gap="xs"><Badge color="yellow" variant="light">{t('profile.emailUnverified')}</Badge><Text size="sm">{me.user.email}</Text></Group>}
        <Group><Button type="submit" loading={mutation.isPending}>{t('profile.save')}</Button></Group>
      </Stack>
    </form>
  )
}
