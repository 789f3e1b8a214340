// Permissions in the page's language: the catalogue's names ("users:read") are keys under
// roles.permissionNames (with "_" for ":", which i18next reads as a namespace); one the translations
// do not know yet keeps the server's English description.
import type { TFunction } from 'i18next'
import type { PermissionInfo } from '../../api/types'
import en from '../../i18n/en.json'

type KnownPermission = keyof typeof en.roles.permissionNames
type Area = keyof typeof en.roles.areas

const keyOf = (name: string) => name.replace(':', '_')
const isKnown = (key: string): key is KnownPermission => Object.hasOwn(en.roles.permissionNames, key)
const isArea = (key: string): key is Area => Object.hasOwn(en.roles.areas, key)

export function permissionDescription(t: TFunction, permission: PermissionInfo): string {
  const key = keyOf(permission.name)
  return isKnown(key) ? t(`roles.permissionNames.${key}`) : permission.description
}

/** "users:read" → its area, "Users". */
export function areaName(t: TFunction, area: string): string {
  return isArea(area) ? t(`roles.areas.${area}`) : area
}

/** The catalogue by area ("users", "roles", …), in the catalogue's order. */
export function byArea(permissions: PermissionInfo[]): Array<{ area: string; permissions: PermissionInfo[] }> {
  const areas = new Map<string, PermissionInfo[]>()
  for (const permission of permissions) {
    const area = permission.name.split(':')[0]!
    areas.set(area, [...(areas.get(area) ?? []), permission])
  }
  return [...areas].map(([area, list]) => ({ area, permissions: list }))
}
