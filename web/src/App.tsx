// The pages, by URL. The console's shell comes with them; each console page's code is loaded when opened.
import { Anchor, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { AccountPage } from './account/AccountPage'
import { PageFrame } from './components/PageFrame'
import ConsoleApp from './console/ConsoleApp'
import { ForgotPasswordPage } from './password-reset/ForgotPasswordPage'
import { followLink, loginPath, routeOf, useUrl } from './router'
import { SignInPage } from './sign-in/SignInPage'

export function App() {
  const url = useUrl()
  const route = routeOf(url.pathname)
  switch (route.page) {
    case 'login': return <SignInPage key={route.tenant ?? ''} tenant={route.tenant} />
    case 'forgot-password': return <ForgotPasswordPage />
    case 'account': return <AccountPage />
    case 'console': return <ConsoleApp />
    case 'not-found': return <NotFound />
  }
}

function NotFound() {
  const { t } = useTranslation()
  return (
    <PageFrame>
      <Stack gap="sm">
        <Text>{t('notFound.title')}</Text>
        <Anchor href={loginPath(null)} onClick={followLink}>{t('notFound.toSignIn')}</Anchor>
      </Stack>
    </PageFrame>
  )
}
