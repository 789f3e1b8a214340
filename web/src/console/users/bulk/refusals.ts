// Why a bulk action left a user as they were: the code the single-user request would have answered,
// in the page's language (the bulk-specific wording where the general one would mislead).
import type { TFunction } from 'i18next'
import { ApiError } from '../../../api/client'
import type { UserBulkResult } from '../../../api/types'
import en from '../../../i18n/en.json'
import { errorMessage } from '../../../i18n/messages'

type BulkRefusal = keyof typeof en.bulk.refusals
const isBulkRefusal = (code: string): code is BulkRefusal => Object.hasOwn(en.bulk.refusals, code)

export function refusalMessage(t: TFunction, failure: UserBulkResult['failed'][number]): string {
  if (isBulkRefusal(failure.code)) return t(`bulk.refusals.${failure.code}`)
  return errorMessage(t, new ApiError(failure.status, failure.code, failure.detail, [], null))
}
