// A failed call's message, chosen by its code. Field errors shown at their fields are not repeated.
import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { errorMessage } from '../i18n/messages'

export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const { t } = useTranslation()
  if (!error) return null
  const shownAtFields = error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => fields.includes(e.path))
  if (shownAtFields) return null
  return <Alert color="red" role="alert" mb="sm">{errorMessage(t, error)}</Alert>
}
