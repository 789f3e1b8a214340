// A new password typed twice. The tenant's policy is checked by the API, which reports every broken
// rule at once; they are shown under the first field.
import { PasswordInput, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { fieldError } from './field-error'

export interface NewPassword {
  password: string
  repeated: string
}

export const emptyNewPassword: NewPassword = { password: '', repeated: '' }
export const passwordsMatch = (value: NewPassword) => value.password === value.repeated

export function NewPasswordFields({ value, onChange, error, path, showMismatch }: {
  value: NewPassword
  onChange: (value: NewPassword) => void
  /** The failed call, whose field errors at `path` belong to the new password. */
  error: unknown
  path: string
  showMismatch: boolean
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <PasswordInput
        label={t('newPassword.new')}
        autoComplete="new-password"
        required
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
        error={fieldError(t, error, path)}
      />
      <PasswordInput
        label={t('newPassword.confirm')}
        autoComplete="new-password"
        required
        value={value.repeated}
        onChange={(event) => onChange({ ...value, repeated: event.currentTarget.value })}
        error={showMismatch && !passwordsMatch(value) ? t('newPassword.mismatch') : null}
      />
    </Stack>
  )
}
