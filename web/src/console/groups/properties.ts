// The properties a user group hands down to its users, as the console edits them: a copy of the
// server's (the pages bundle none of its code), which properties.test.ts holds to it.
import type { GroupProperties } from '../../api/types'

/** The properties a user may have a value of their own for (the language's is the user's language, on the Profile tab). */
export const NUMBER_PROPERTIES = ['wrapUpSecondsPhone', 'wrapUpSecondsChat', 'wrapUpSecondsEmail', 'maxContactsPhone', 'maxContactsChat', 'maxContactsEmail'] as const
export type NumberProperty = (typeof NUMBER_PROPERTIES)[number] & keyof GroupProperties

/** The API's bounds of each: seconds of wrap-up up to an hour, up to 50 contacts at once. */
export const propertyMax = (name: NumberProperty) => (name.startsWith('wrapUp') ? 3600 : 50)

/** What a new group starts with (the API's defaults). */
export const NEW_GROUP_PROPERTIES: GroupProperties = {
  language: null, wrapUpSecondsPhone: 30, wrapUpSecondsChat: 30, wrapUpSecondsEmail: 60, maxContactsPhone: 1, maxContactsChat: 3, maxContactsEmail: 5,
}
