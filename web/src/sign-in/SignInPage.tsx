// /login and /t/<tenant>/login: tenant, username and password, then each step the API names, then
// the console (which sends users without console pages to their account page), or a `?next=` path on this origin.
import { Anchor, Button, Center, Divider, Loader, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useDeferredValue, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { PageFrame } from '../components/PageFrame'
import { ProblemAlert } from '../components/ProblemAlert'
import { followLink, loginPath, navigate, useUrl } from '../router'
import { signIn, signInMethods, signInState, signInWithPasskey, signOut } from './api'
import { ChooseCampaignStep } from './ChooseCampaignStep'
import { ConfigureTotpStep } from './ConfigureTotpStep'
import { lastTenant, rememberTenant } from './last-tenant'
import { safeNextPath } from './next-path'
import { SecondFactorStep } from './SecondFactorStep'
import { UpdatePasswordStep } from './UpdatePasswordStep'
import { UpdateProfileStep } from './UpdateProfileStep'
import { VerifyEmailStep } from './VerifyEmailStep'
import { PasskeyAction } from '../components/PasskeyAction'

export function SignInPage({ tenant: fixedTenant }: { tenant: string | null }) {
  const { t } = useTranslation()
  const url = useUrl()
  const queryClient = useQueryClient()
  const next = safeNextPath(url.searchParams.get('next'), window.location.origin)
  const [answer, setAnswer] = useState<SignInAnswer | null>(null)
  const [resuming, setResuming] = useState(true)

  const finish = () => {
    queryClient.removeQueries()
    navigate(next, { replace: true })
  }
  const onAnswer = (received: SignInAnswer) => {
    if (received.status === 'signed_in') finish()
    else setAnswer(received)
  }
  // Where this browser's sign-in stands: after a reload in the middle of the steps it goes on where
  // it was; a browser already signed in goes straight on. No sign-in (401): the form.
  useEffect(() => {
    let live = true
    signInState()
      .then((received) => live && onAnswer(received))
      .catch(() => undefined)
      .finally(() => live && setResuming(false))
    return () => {
      live = false
    }
  }, [])

  const startAgain = async () => {
    await signOut().catch(() => undefined)
    setAnswer(null)
  }

  return (
    <PageFrame>
      {resuming ? (
        <Center><Loader size="sm" aria-label={t('app.loading')} /></Center>
      ) : answer === null ? (
        <PasswordForm fixedTenant={fixedTenant} onAnswer={onAnswer} />
      ) : (
        <Stack gap="md">
          {answer.nextStep === 'second_factor' && <SecondFactorStep answer={answer} onAnswer={onAnswer} />}
          {answer.nextStep === 'update_password' && <UpdatePasswordStep onAnswer={onAnswer} />}
          {answer.nextStep === 'configure_totp' && <ConfigureTotpStep answer={answer} onAnswer={onAnswer} />}
          {answer.nextStep === 'update_profile' && <UpdateProfileStep answer={answer} onAnswer={onAnswer} />}
          {answer.nextStep === 'verify_email' && <VerifyEmailStep answer={answer} onAnswer={onAnswer} />}
          {answer.nextStep === 'choose_campaign' && <ChooseCampaignStep answer={answer} onAnswer={onAnswer} />}
          <Anchor component="button" type="button" size="sm" onClick={() => void startAgain()}>{t('signIn.startAgain')}</Anchor>
        </Stack>
      )}
    </PageFrame>
  )
}

function PasswordForm({ fixedTenant, onAnswer }: { fixedTenant: string | null; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const [tenant, setTenant] = useState(() => fixedTenant ?? lastTenant())
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const mutation = useMutation({
    mutationFn: () => signIn(tenant.trim(), username.trim(), password),
    onSuccess: (answer) => {
      rememberTenant(tenant.trim())
      onAnswer(answer)
    },
    onError: () => setPassword(''),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  const forgotHref = `/forgot-password${tenant.trim() ? `?tenant=${encodeURIComponent(tenant.trim())}` : ''}`
  // "Sign in with a passkey" where the tenant offers it (asked once the tenant field settles).
  const tenantAsked = useDeferredValue(tenant.trim())
  const methods = useQuery({ queryKey: ['sign-in', 'methods', tenantAsked], queryFn: () => signInMethods(tenantAsked), enabled: tenantAsked !== '', retry: false, staleTime: 60_000 })
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{fixedTenant ? t('signIn.tenantTitle', { tenant: fixedTenant }) : t('signIn.title')}</Title>
        <ProblemAlert error={mutation.error} />
        {!fixedTenant && (
          <TextInput label={t('signIn.tenant')} description={t('signIn.tenantHint')} autoComplete="organization" required
            value={tenant} onChange={(event) => setTenant(event.currentTarget.value)} />
        )}
        <TextInput label={t('signIn.username')} autoComplete="username" required autoFocus={Boolean(fixedTenant || tenant)}
          value={username} onChange={(event) => setUsername(event.currentTarget.value)} />
        <PasswordInput label={t('signIn.password')} autoComplete="current-password" required
          value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
        <Button type="submit" loading={mutation.isPending}>{t('signIn.submit')}</Button>
        {methods.data?.passkey && tenantAsked === tenant.trim() && (
          <>
            <Divider label={t('signIn.or')} labelPosition="center" />
            <PasskeyAction label={t('signIn.withPasskey')} variant="default" run={() => signInWithPasskey(tenant.trim())} onDone={(answer) => {
              rememberTenant(tenant.trim())
              onAnswer(answer)
            }} />
          </>
        )}
        <Anchor href={forgotHref} onClick={followLink} size="sm">{t('signIn.forgot')}</Anchor>
        {fixedTenant && <Anchor href={loginPath(null)} onClick={followLink} size="sm">{t('signIn.otherTenant')}</Anchor>}
      </Stack>
    </form>
  )
}
