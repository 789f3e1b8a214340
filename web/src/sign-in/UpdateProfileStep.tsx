// The update_profile step (an administrator asked for it): the user reviews and saves names, email,
// mobile phone, language and time zone, checked by the API as an administrator's edit would be.
import { Button, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { LocaleSelect, TimeZoneSelect } from '../components/LocaleTimeZoneSelects'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { saveProfileStep } from './api'

const FIELDS = ['firstName', 'lastName', 'email', 'mobilePhone', 'locale', 'timeZone'] as const
type Field = (typeof FIELDS)[number]

export function UpdateProfileStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const profile = answer.profile
  const [draft, setDraft] = useState<Record<Field, string>>(() => ({
    firstName: profile?.firstName ?? '', lastName: profile?.lastName ?? '', email: profile?.email ?? '', mobilePhone: profile?.mobilePhone ?? '',
    locale: profile?.locale ?? '', timeZone: profile?.timeZone ?? '',
  }))
  const mutation = useMutation({
    mutationFn: () => saveProfileStep({
      firstName: draft.firstName.trim(), lastName: draft.lastName.trim(),
      email: draft.email.trim() || null, mobilePhone: draft.mobilePhone.trim() || null, locale: draft.locale || null, timeZone: draft.timeZone || null,
    }),
    onSuccess: onAnswer,
  })
  const set = (field: Field) => (value: string) => setDraft((current) => ({ ...current, [field]: value }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  const input = (field: 'firstName' | 'lastName' | 'email' | 'mobilePhone') => (
    <TextInput label={t(`profile.${field}`)} value={draft[field]}
      type={field === 'email' ? 'email' : 'text'} autoComplete={{ firstName: 'given-name', lastName: 'family-name', email: 'email', mobilePhone: 'tel' }[field]}
      onChange={(event) => set(field)(event.currentTarget.value)} error={fieldError(t, mutation.error, field)} />
  )
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3}>{t('updateProfile.title')}</Title>
        <Text size="sm">{t('updateProfile.help')}</Text>
        <ProblemAlert error={mutation.error} fields={[...FIELDS]} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {input('firstName')}
          {input('lastName')}
        </SimpleGrid>
        {input('email')}
        {input('mobilePhone')}
        <LocaleSelect value={draft.locale} onChange={set('locale')} error={fieldError(t, mutation.error, 'locale')} />
        <TimeZoneSelect value={draft.timeZone} onChange={set('timeZone')} error={fieldError(t, mutation.error, 'timeZone')} />
        <Button type="submit" loading={mutation.isPending}>{t('updateProfile.submit')}</Button>
      </Stack>
    </form>
  )
}
