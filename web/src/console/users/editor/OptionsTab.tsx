// Options (Leap Connect): active, choose campaign at login, restrict view, quality monitoring, and
// (Connectel) the messenger sound.
import { Checkbox, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { fieldError } from '../../../components/field-error'
import type { UserDraft } from './draft'
import type { TabProps } from './tab-props'

const OPTIONS = ['active', 'chooseCampaignAtLogin', 'restrictView', 'qualityMonitoring', 'messengerSound'] as const

export function OptionsTab({ draft, change, error }: TabProps) {
  const { t } = useTranslation()
  return (
    <Stack gap="md" maw={640}>
      {OPTIONS.map((option) => (
        <Checkbox key={option} label={t(`userEditor.options.${option}`)} description={t(`userEditor.options.${option}Hint`)} checked={draft[option]}
          onChange={(event) => change({ [option]: event.currentTarget.checked } as Partial<UserDraft>)} error={fieldError(t, error, option)} />
      ))}
    </Stack>
  )
}
