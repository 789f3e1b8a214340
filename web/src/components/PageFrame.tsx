// The frame of every page: the product name, the language switcher (before sign-in) and the content.
import { Box, Container, Group, Paper, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from './LanguageSwitcher'

export function PageFrame({ children, wide = false, switcher = true }: { children: ReactNode; wide?: boolean; switcher?: boolean }) {
  const { t } = useTranslation()
  return (
    <Container size={wide ? 'md' : 420} py="xl">
      <Group justify="space-between" mb="md">
        <Title order={2} c="blue.8">{t('app.name')}</Title>
        {switcher && <Box w={140}><LanguageSwitcher /></Box>}
      </Group>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        {children}
      </Paper>
    </Container>
  )
}
