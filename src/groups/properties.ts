// The properties a user group hands down to its users (Puzzel's user group properties). A user
// inherits each one unless a user-specific value is set; the language's user-specific value is the
// user's own `locale`. Resource filters are not here: they add up (group's and user's), see service.ts.
import Type, { type Static, type TSchema } from 'typebox'
import { Nullable } from '../http/schemas.js'

const Seconds = Type.Integer({ minimum: 0, maximum: 3600, description: 'Seconds of wrap-up after a contact; 0 is none.' })
const Contacts = Type.Integer({ minimum: 0, maximum: 50, description: 'Contacts at the same time; 0 is none of this channel.' })

const valueSchemas = {
  wrapUpSecondsPhone: Seconds,
  wrapUpSecondsChat: Seconds,
  wrapUpSecondsEmail: Seconds,
  maxContactsPhone: Contacts,
  maxContactsChat: Contacts,
  maxContactsEmail: Contacts,
}

const Language = Nullable(Type.String({ description: 'Language of the group\'s users; null: the tenant\'s.' }))

/** The properties as answers carry them (no input formats: the serializer does not know them). */
export const GroupProperties = Type.Object({ language: Language, ...valueSchemas }, { additionalProperties: false })
export type GroupProperties = Static<typeof GroupProperties>

/** The properties as requests set them, each one optional. */
export const GroupPropertiesInput = Type.Partial(Type.Object({
  language: Nullable(Type.String({ format: 'locale', maxLength: 35, description: 'Language of the group\'s users; null: the tenant\'s.' })),
  ...valueSchemas,
}), { additionalProperties: false })
export type PropertyName = keyof GroupProperties

export const PROPERTY_NAMES = Object.keys(GroupProperties.properties) as PropertyName[]

/** What a new group starts with. */
export const DEFAULT_GROUP_PROPERTIES: GroupProperties = {
  language: null, wrapUpSecondsPhone: 30, wrapUpSecondsChat: 30, wrapUpSecondsEmail: 60,
  maxContactsPhone: 1, maxContactsChat: 3, maxContactsEmail: 5,
}

/** One property as a user's answer shows it. */
const Inherited = <T extends TSchema>(value: T) => Type.Object({
  effective: value,
  override: Nullable(value),
  inherited: Type.Boolean(),
})

/** Every property of a user: the value in force, the user's own (null: none) and whether the group's is used. */
export const UserProperties = Type.Object({
  language: Inherited(Language),
  wrapUpSecondsPhone: Inherited(Seconds),
  wrapUpSecondsChat: Inherited(Seconds),
  wrapUpSecondsEmail: Inherited(Seconds),
  maxContactsPhone: Inherited(Contacts),
  maxContactsChat: Inherited(Contacts),
  maxContactsEmail: Inherited(Contacts),
}, { description: 'Each group property: the value in force, the user-specific value (null: none) and whether the group\'s is inherited. The language\'s user-specific value is `locale`.' })

/** User-specific values: any property but the language (that is the user's `locale`); null clears one. */
export const PropertyOverrides = Type.Partial(Type.Object({
  wrapUpSecondsPhone: Nullable(Seconds),
  wrapUpSecondsChat: Nullable(Seconds),
  wrapUpSecondsEmail: Nullable(Seconds),
  maxContactsPhone: Nullable(Contacts),
  maxContactsChat: Nullable(Contacts),
  maxContactsEmail: Nullable(Contacts),
}), { additionalProperties: false, description: 'User-specific values; a property left out inherits the group\'s, null clears a user-specific value.' })
export type PropertyOverrides = Static<typeof PropertyOverrides>

/** A stored group's properties, with any property added since it was written at its default. */
export const groupPropertiesOf = (json: string): GroupProperties => ({ ...DEFAULT_GROUP_PROPERTIES, ...(JSON.parse(json) as Partial<GroupProperties>) })

/** Stored overrides without the cleared (null) ones. */
export function storedOverrides(current: PropertyOverrides, patch: PropertyOverrides): Record<string, number> {
  const merged: Record<string, number | null | undefined> = { ...current, ...patch }
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, number] => typeof entry[1] === 'number'))
}
