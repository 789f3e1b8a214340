// /forgot-password: ask for a one-time code by email or SMS, then set a new password with it. The
// same form takes the code of an administrator's invitation. What the page says never depends on
// whether the account exists.
import { Alert, Anchor, Button, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ResetChannel } from '../api/types'
import { emptyNewPassword, NewPasswordFields, passwordsMatch } from '../components/NewPasswordFields'
import { PageFrame } from '../components/PageFrame'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { followLink, loginPath, useUrl } from '../router'
import { lastTenant } from '../sign-in/last-tenant'
import { requestCode, setPasswordWithCode } from './api'

type Stage = 'request' | 'code' | 'done'

export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const url = useUrl()
  const [stage, setStage] = useState<Stage>('request')
  const [sent, setSent] = useState(false)
  const [tenant, setTenant] = useState(() => url.searchParams.get('tenant') ?? lastTenant())
  const [login, setLogin] = useState('')
  const signInHref = loginPath(tenant.trim() || null)
  const back = <Anchor href={signInHref} onClick={followLink} size="sm">{t('forgot.backToSignIn')}</Anchor>

  if (stage === 'done') {
    return (
      <PageFrame>
        <Stack gap="sm">
          <Alert color="green" role="status">{t('forgot.done')}</Alert>
          <Button component="a" href={signInHref} onClick={followLink}>{t('forgot.toSignIn')}</Button>
        </Stack>
      </PageFrame>
    )
  }
  return (
    <PageFrame>
      {stage === 'request' ? (
        <RequestForm tenant={tenant} setTenant={setTenant} login={login} setLogin={setLogin} back={back}
          onSent={() => { setSent(true); setStage('code') }} onHaveCode={() => { setSent(false); setStage('code') }} />
      ) : (
        <CodeForm tenant={tenant} setTenant={setTenant} login={login} setLogin={setLogin} sent={sent} back={back}
          onDone={() => setStage('done')} onAskAgain={() => setStage('request')} />
      )}
    </PageFrame>
  )
}

interface AccountFields {
  tenant: string
  setTenant: (tenant: string) => void
  login: string
  setLogin: (login: string) => void
  back: ReactNode
}

function AccountInputs({ tenant, setTenant, login, setLogin, error }: AccountFields & { error: unknown }) {
  const { t } = useTranslation()
  return (
    <>
      <TextInput label={t('signIn.tenant')} description={t('signIn.tenantHint')} required value={tenant}
        onChange={(event) => setTenant(event.currentTarget.value)} error={fieldError(t, error, 'tenant')} />
      <TextInput label={t('forgot.login')} autoComplete="username" required value={login}
        onChange={(event) => setLogin(event.currentTarget.value)} error={fieldError(t, error, 'login')} />
    </>
  )
}

function RequestForm(props: AccountFields & { onSent: () => void; onHaveCode: () => void }) {
  const { t } = useTranslation()
  const [channel, setChannel] = useState<ResetChannel>('email')
  const mutation = useMutation({ mutationFn: () => requestCode(props.tenant.trim(), props.login.trim(), channel), onSuccess: props.onSent })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{t('forgot.title')}</Title>
        <Text size="sm">{t('forgot.help')}</Text>
        <ProblemAlert error={mutation.error} fields={['tenant', 'login']} />
        <AccountInputs {...props} error={mutation.error} />
        <Radio.Group label={t('forgot.channel')} value={channel} onChange={(value) => setChannel(value === 'sms' ? 'sms' : 'email')}>
          <Group mt="xs">
            <Radio value="email" label={t('channels.email')} />
            <Radio value="sms" label={t('channels.sms')} />
          </Group>
        </Radio.Group>
        <Button type="submit" loading={mutation.isPending}>{t('forgot.submit')}</Button>
        <Anchor component="button" type="button" size="sm" onClick={props.onHaveCode}>{t('forgot.haveCode')}</Anchor>
        {props.back}
      </Stack>
    </form>
  )
}

function CodeForm(props: AccountFields & { sent: boolean; onDone: () => void; onAskAgain: () => void }) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [password, setPassword] = useState(emptyNewPassword)
  const [submitted, setSubmitted] = useState(false)
  const mutation = useMutation({
    mutationFn: () => setPasswordWithCode(props.tenant.trim(), props.login.trim(), code.replace(/\s/g, ''), password.password),
    onSuccess: props.onDone,
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (passwordsMatch(password)) mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{t('forgot.setTitle')}</Title>
        {props.sent && <Alert color="blue" role="status">{t('forgot.sent')}</Alert>}
        <Text size="sm">{t('forgot.setHelp')}</Text>
        <ProblemAlert error={mutation.error} fields={['tenant', 'login', 'code', 'newPassword']} />
        <AccountInputs {...props} error={mutation.error} />
        <TextInput label={t('forgot.code')} inputMode="numeric" autoComplete="one-time-code" required value={code}
          onChange={(event) => setCode(event.currentTarget.value)} error={fieldError(t, mutation.error, 'code')} />
        <NewPasswordFields value={password} onChange={setPassword} error={mutation.error} path="newPassword" showMismatch={submitted} />
        <Button type="submit" loading={mutation.isPending}>{t('forgot.setSubmit')}</Button>
        <Anchor component="button" type="button" size="sm" onClick={props.onAskAgain}>{t('forgot.askAgain')}</Anchor>
        {props.back}
      </Stack>
    </form>
  )
}
