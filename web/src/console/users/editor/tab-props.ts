import type { UserDraft } from './draft'

/** What each tab of the user editor gets: the form, a way to change it, the last save's failure. */
export interface TabProps {
  draft: UserDraft
  change: (patch: Partial<UserDraft>) => void
  /** The failed save (an ApiError whose field errors are shown at their fields), or null. */
  error: unknown
}
