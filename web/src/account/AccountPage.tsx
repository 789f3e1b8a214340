// /account: the signed-in user's own page. Without a session it sends the browser to sign in.
import { Button, Center, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { PageFrame } from '../components/PageFrame'
import { ProblemAlert } from '../components/ProblemAlert'
import { followUserLocale } from '../i18n'
import { followLink, loginPath, navigate } from '../router'
import { viewerTimeZone } from '../i18n/format'
import { pagesFor } from '../console/pages'
import { signOut } from '../sign-in/api'
import { accountKeys, getMe } from './api'
import { PasswordSection } from './PasswordSection'
import { ProfileSection } from './ProfileSection'
import { SecondFactorsSection } from './SecondFactorsSection'
import { SessionsSection } from './SessionsSection'
import { SignInsSection } from './SignInsSection'

const signInAgain = () => navigate(`${loginPath(null)}?next=${encodeURIComponent('/account')}`, { replace: true })

export function AccountPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const me = useQuery({ queryKey: accountKeys.me, queryFn: getMe, retry: false })
  const unauthenticated = me.error instanceof ApiError && me.error.status === 401

  useEffect(() => {
    if (unauthenticated) signInAgain()
  }, [unauthenticated])
  useEffect(() => {
    if (me.data) followUserLocale(me.data.user.locale, me.data.tenantLocale)
  }, [me.data])

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      const tenant = me.data?.tenantSlug ?? null
      queryClient.clear()
      navigate(loginPath(tenant), { replace: true })
    },
  })

  if (!me.data) {
    return (
      <PageFrame wide>
        {me.error && !unauthenticated ? <ProblemAlert error={me.error} /> : <Center><Loader size="sm" aria-label={t('app.loading')} /></Center>}
      </PageFrame>
    )
  }
  const { user, tenantSlug } = me.data
  const timeZone = viewerTimeZone(user.timeZone, me.data.tenantTimeZone)
  const hasConsole = pagesFor(new Set(me.data.permissions)).length > 0
  return (
    <PageFrame wide switcher={false}>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{t('account.title')}</Title>
            <Text size="sm" c="dimmed">{t('account.signedInAs', { name: user.displayName || user.username, tenant: tenantSlug })}</Text>
          </div>
          <Group gap="sm">
            {hasConsole && <Button component="a" href="/" onClick={followLink} variant="light">{t('account.toConsole')}</Button>}
            <Button variant="default" onClick={() => signOutMutation.mutate()} loading={signOutMutation.isPending}>{t('account.signOut')}</Button>
          </Group>
        </Group>
        <ProblemAlert error={signOutMutation.error} />
        <ProfileSection me={me.data} />
        <Divider />
        <PasswordSection />
        <Divider />
        <SecondFactorsSection timeZone={timeZone} />
        <Divider />
        <SessionsSection timeZone={timeZone} />
        <Divider />
        <SignInsSection timeZone={timeZone} />
      </Stack>
    </PageFrame>
  )
}
