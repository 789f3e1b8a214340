// The console at / and its pages: signed-in users only (else the sign-in page, which comes back
// here), in the language of the user (else the tenant's), each page as the user's permissions allow.
// `/` opens the first page the user may see; a user who may see none has the account page.
import { Alert, Anchor, Center, Loader, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Permission } from '../../../src/roles/permissions.js'
import { accountKeys, getMe } from '../account/api'
import { ApiError } from '../api/client'
import type { Me } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { followUserLocale } from '../i18n'
import { viewerTimeZone } from '../i18n/format'
import { followLink, navigate, routeOf, signInAndReturn, useUrl } from '../router'
import { tenantBySlug, consoleKeys } from './api'
import { ConsoleContext, consoleHref, TENANT_PARAM, type ConsoleState, type ConsoleTenant } from './console-context'
import { ConsoleLayout } from './ConsoleLayout'
import { loadPage, pageAt, pagesFor, usePageComponent, type ConsolePage } from './pages'

// Opened on a console page, its code loads while GET /me is asked, not after it.
if (routeOf(window.location.pathname).page === 'console') {
  const opened = pageAt(window.location.pathname)
  if (opened) loadPage(opened.page).catch(() => undefined)
}

export default function ConsoleApp() {
  const { t } = useTranslation()
  const me = useQuery({ queryKey: accountKeys.me, queryFn: getMe })
  const unauthenticated = me.error instanceof ApiError && me.error.status === 401
  useEffect(() => {
    if (unauthenticated) navigate(signInAndReturn(), { replace: true, force: true })
  }, [unauthenticated])
  useEffect(() => {
    if (me.data) followUserLocale(me.data.user.locale, me.data.tenantLocale)
  }, [me.data])

  if (!me.data) {
    return (
      <Center h="100vh">
        {me.error && !unauthenticated ? <ProblemAlert error={me.error} /> : <Loader size="sm" aria-label={t('app.loading')} />}
      </Center>
    )
  }
  return <SignedInConsole me={me.data} />
}

function SignedInConsole({ me }: { me: Me }) {
  const { t } = useTranslation()
  const url = useUrl()
  const permissions = useMemo(() => new Set(me.permissions), [me.permissions])
  const pages = pagesFor(permissions)
  const tenant = useConsoleTenant(me, url.searchParams.get(TENANT_PARAM))
  const state: ConsoleState = useMemo(() => ({
    me, tenant: tenant.value, can: (permission: Permission) => permissions.has(permission), timeZone: viewerTimeZone(me.user.timeZone, me.tenantTimeZone),
  }), [me, tenant.value, permissions])

  const first = pages[0]
  const atStart = url.pathname === '/'
  useEffect(() => {
    if (!first) navigate('/account', { replace: true })
    else if (atStart) navigate(consoleHref(`/${first.path}`, tenant.value), { replace: true })
  }, [first, atStart, tenant.value])
  if (!first || atStart) return null

  const at = pageAt(url.pathname)
  let content
  if (tenant.missing) content = <Alert color="red" role="alert">{t('console.noSuchTenant', { tenant: tenant.value.slug })}</Alert>
  else if (tenant.error) content = <ProblemAlert error={tenant.error} />
  else if (!at) content = <PageMessage text={t('console.notFound')} />
  else if (!permissions.has(at.page.permission)) content = <PageMessage text={t('console.notAllowed')} />
  else content = <PageContent page={at.page} rest={at.rest} />
  return (
    <ConsoleContext.Provider value={state}>
      <ConsoleLayout pages={pages} current={at?.page.path ?? null}>{content}</ConsoleLayout>
    </ConsoleContext.Provider>
  )
}

function PageContent({ page, rest }: { page: ConsolePage; rest: string[] }) {
  const { t } = useTranslation()
  const { component: Page, error } = usePageComponent(page)
  if (Page) return <Page rest={rest} />
  if (error) return <Alert color="red" role="alert">{t('errors.network_error')}</Alert>
  return <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
}

function PageMessage({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <Text>{text}</Text>
      <Anchor href="/" onClick={followLink}>{t('console.toStart')}</Anchor>
    </Stack>
  )
}

/** The tenant in the URL (platform administrators), looked up by its slug; else one's own. */
function useConsoleTenant(me: Me, slug: string | null): { value: ConsoleTenant; missing: boolean; error: unknown } {
  const other = me.isPlatformAdmin && slug !== null && slug !== me.tenantSlug ? slug : null
  const found = useQuery({ queryKey: consoleKeys.tenantBySlug(other ?? ''), queryFn: () => tenantBySlug(other!), enabled: other !== null, staleTime: 300_000 })
  return useMemo(() => {
    if (other === null) return { value: { slug: me.tenantSlug, id: me.user.tenantId, own: true }, missing: false, error: null }
    return { value: { slug: other, id: found.data?.id ?? null, own: false }, missing: found.data === null, error: found.error }
  }, [other, me.tenantSlug, me.user.tenantId, found.data, found.error])
}
