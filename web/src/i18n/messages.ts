// Error messages chosen by the API's stable codes (never by its English text).
import type { TFunction } from 'i18next'
import { ApiError } from '../api/client'
import type { FieldError } from '../api/types'
import en from './en.json'

type ErrorCode = keyof typeof en.errors
type FieldCode = keyof typeof en.fieldErrors

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(en.errors, code)
const isFieldCode = (code: string): code is FieldCode => Object.hasOwn(en.fieldErrors, code)

/** The message for a failed call: by its code, with the wait of a 429. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { code: 'client' })
  if (error.code === 'too_many_attempts') return t('errors.too_many_attempts', { count: error.retryAfterSeconds ?? 1 })
  return isErrorCode(error.code) ? t(`errors.${error.code}`) : t('errors.unknown', { code: error.code })
}

/** The message for one failing field; the policy's numbers come in `params`. */
export function fieldErrorMessage(t: TFunction, error: FieldError): string {
  const params = error.params ?? {}
  // Plural forms: the key names the count, not the code.
  if (error.code === 'password_reused') return t('fieldErrors.password_reused', { count: params.count ?? 1 })
  return isFieldCode(error.code) ? t(`fieldErrors.${error.code}`, params) : t('fieldErrors.unknown', { code: error.code })
}

/** Every message for one field of a failed call (all the broken password rules at once). */
export function fieldMessages(t: TFunction, error: unknown, path: string): string[] {
  return error instanceof ApiError ? error.at(path).map((e) => fieldErrorMessage(t, e)) : []
}

/** Every message for the items of a list field: "campaignIds[0]", "teamIds[3]", … */
export function itemMessages(t: TFunction, error: unknown, path: string): string[] {
  return error instanceof ApiError ? error.errors.filter((e) => e.path.startsWith(`${path}[`)).map((e) => fieldErrorMessage(t, e)) : []
}
