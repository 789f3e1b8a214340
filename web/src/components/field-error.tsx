// A form field's `error` from a failed call: every message for that field, one a line.
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { fieldMessages } from '../i18n/messages'

export function fieldError(t: TFunction, error: unknown, path: string, extra: string[] = []): ReactNode {
  const messages = [...extra, ...fieldMessages(t, error, path)]
  if (messages.length === 0) return null
  if (messages.length === 1) return messages[0]
  return <>{messages.map((message) => <span key={message} style={{ display: 'block' }}>{message}</span>)}</>
}
