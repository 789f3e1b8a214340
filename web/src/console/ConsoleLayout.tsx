// The console's frame: a header (product, tenant for platform administrators, language, the user's
// menu) and the navigation of the pages the user may open; below 992 px (a tablet) the navigation
// folds behind a menu button, out of the keyboard's way while folded. A skip link leads keyboard
// users past both to the page.
import { Anchor, AppShell, Box, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure, useMediaQuery, useWindowEvent } from '@mantine/hooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { accountKeys, updateProfile } from '../account/api'
import type { Me } from '../api/types'
import { LanguageSwitcher } from '../components/LanguageSwitcher'
import { followLink, loginPath, navigate } from '../router'
import { signOut } from '../sign-in/api'
import { consoleHref, useConsole } from './console-context'
import type { ConsolePage } from './pages'
import { TenantPicker } from './TenantPicker'
import './console.css'

export function ConsoleLayout({ pages, current, children }: { pages: ConsolePage[]; current: string | null; children: ReactNode }) {
  const { t } = useTranslation()
  const { me, tenant } = useConsole()
  const [opened, { toggle, close }] = useDisclosure(false)
  // Below Mantine's md breakpoint (62em) the folded navigation is only moved out of sight: inert, its
  // links are not reached with Tab either.
  const narrow = useMediaQuery('(max-width: 61.99em)')
  const folded = narrow && !opened
  const burger = useRef<HTMLButtonElement>(null)
  // Escape folds the opened menu again, back to its button.
  useWindowEvent('keydown', (event) => {
    if (event.key === 'Escape' && narrow && opened) {
      close()
      burger.current?.focus()
    }
  })
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <a className="console-skip-link" href="#console-main">{t('console.skipToContent')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger ref={burger} opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('console.menu')} aria-expanded={opened} aria-controls="console-navbar" />
            <Anchor href={consoleHref('/', tenant)} onClick={followLink} fw={700} fz="lg" c="blue.9" underline="never">{t('app.name')}</Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.isPlatformAdmin && <TenantPicker />}
            <Box w={130}><ProfileLanguageSwitcher me={me} /></Box>
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('console.navigation')} inert={folded} id="console-navbar">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" py={4} id="console-nav-management">{t('console.sections.management')}</Text>
        <nav aria-labelledby="console-nav-management">
          {pages.map((page) => (
            <NavLink key={page.path} href={consoleHref(`/${page.path}`, tenant)} label={t(`console.nav.${page.label}`)} active={page.path === current}
              aria-current={page.path === current ? 'page' : undefined}
              onClick={(event) => { close(); followLink(event as React.MouseEvent<HTMLAnchorElement>) }} />
          ))}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main id="console-main" tabIndex={-1}>{children}</AppShell.Main>
    </AppShell>
  )
}

/** The language of the console is the user's locale: choosing one saves it to the profile. */
function ProfileLanguageSwitcher({ me }: { me: Me }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const save = useMutation({
    mutationFn: (locale: string) => updateProfile({ locale }),
    onSuccess: (user) => queryClient.setQueryData<Me>(accountKeys.me, { ...me, user }),
  })
  return <LanguageSwitcher label={t('console.language')} onChosen={(language) => save.mutate(language)} />
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const out = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.clear()
      navigate(loginPath(me.tenantSlug), { replace: true, force: true })
    },
  })
  const name = me.user.displayName || me.user.username
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* Named by what it shows (WCAG 2.5.3, label in name); aria-haspopup says it opens a menu. */}
        <UnstyledButton className="console-user-button" title={t('console.userMenu')}>
          <Text size="sm" fw={500} truncate maw={180}>{name}</Text>{' '}
          <Text size="xs" c="dimmed" truncate maw={180}>{me.tenantSlug}</Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href="/account" onClick={followLink}>{t('console.account')}</Menu.Item>
        <Menu.Item onClick={() => out.mutate()} disabled={out.isPending}>{t('account.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
