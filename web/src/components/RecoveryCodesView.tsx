// Ten recovery codes, shown once, until the user says they saved them.
import { Alert, Button, Code, SimpleGrid, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function RecoveryCodesView({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <Title order={3}>{t('recoveryCodes.title')}</Title>
      <Alert color="yellow">{t('recoveryCodes.help')}</Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((code) => <Code key={code} fz="md" ta="center">{code}</Code>)}
      </SimpleGrid>
      <Button onClick={onSaved}>{t('recoveryCodes.saved')}</Button>
    </Stack>
  )
}
