import { describe, expect, it } from 'vitest'
import { DEFAULT_GROUP_PROPERTIES, GroupProperties, PROPERTY_NAMES } from '../../../../src/groups/properties'
import { NEW_GROUP_PROPERTIES, NUMBER_PROPERTIES, propertyMax } from './properties'

describe('the console\'s copy of the group properties', () => {
  it('names the server\'s properties, bounds and defaults', () => {
    expect(['language', ...NUMBER_PROPERTIES]).toEqual(PROPERTY_NAMES)
    expect(NEW_GROUP_PROPERTIES).toEqual(DEFAULT_GROUP_PROPERTIES)
    for (const name of NUMBER_PROPERTIES) expect(propertyMax(name), name).toBe((GroupProperties.properties[name] as { maximum?: number }).maximum)
  })
})
