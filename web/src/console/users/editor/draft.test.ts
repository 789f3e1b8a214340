import { describe, expect, it } from 'vitest'
import type { User } from '../../../api/types'
import { changedFields, createBodyOf, draftOf, newDraft, patchOf, rebase, sentIdentityRows, tabOfPath } from './draft'

const user: User = {
  kind: 'agent', extension: null,
  presence: { state: 'logged_off', since: null, profileId: null }, avatarVersion: null,
  groupId: 'g1', groupName: 'Default', resourceFilters: { user: [], group: [], effective: [] },
  properties: {
    language: { effective: 'nl', override: 'nl', inherited: false },
    wrapUpSecondsPhone: { effective: 30, override: null, inherited: true }, wrapUpSecondsChat: { effective: 30, override: null, inherited: true },
    wrapUpSecondsEmail: { effective: 60, override: null, inherited: true }, maxContactsPhone: { effective: 1, override: null, inherited: true },
    maxContactsChat: { effective: 3, override: null, inherited: true }, maxContactsEmail: { effective: 5, override: null, inherited: true },
  },
  id: 'u1', tenantId: 't1', username: 'anna', firstName: 'Anna', lastName: 'de Jong', displayName: 'Anna de Jong', email: 'anna@example.com',
  emailVerified: true, mobilePhone: '+31612345678', jobTitle: '', description: '', employeeNumber: null, externalUsername: '', agentId: 1001,
  timeZone: null, locale: 'nl', roleId: 'r1', roleName: 'Agent', campaignIds: ['c1'], defaultCampaignId: 'c1', defaultCampaignName: 'Billing',
  teamIds: [], active: true, chooseCampaignAtLogin: false, restrictView: false, qualityMonitoring: false, messengerSound: true,
  identities: [{ environment: 'Genesys', username: 'anna' }], createdAt: '', createdBy: null, updatedAt: '', updatedBy: null,
  updatedByUsername: null, lastLoginAt: null, lastLoginIp: null, lastLoginBrowser: null, passwordChangedAt: null, locked: false, lockedUntil: null,
  requiredActions: [], version: 3,
}

describe('the user form', () => {
  it('patches the changed fields only, in the API\'s terms', () => {
    const base = draftOf(user)
    expect(patchOf(base, base)).toEqual({})
    const draft = { ...base, email: '  ', agentId: '2002', timeZone: 'Europe/Berlin', identities: [...base.identities, { environment: ' ', username: '' }], teamIds: ['t9'] }
    expect(patchOf(base, draft)).toEqual({ email: null, agentId: 2002, timeZone: 'Europe/Berlin', teamIds: ['t9'] })
    // An agent ID that is no number goes as typed, for the API to refuse at its field.
    expect(patchOf(base, { ...base, agentId: '12a' })).toEqual({ agentId: '12a' })
    // An internal number is typed while there is none; left empty, it is not sent.
    expect(patchOf(base, { ...base, extension: ' 4711 ' })).toEqual({ extension: 4711 })
    expect(draftOf({ ...user, extension: 301 }).extension).toBe('301')
  })

  it('patches the group, the own values of properties (only those changed; null: the group\'s again) and the own resource filters', () => {
    const base = draftOf({ ...user, properties: { ...user.properties, maxContactsChat: { effective: 4, override: 4, inherited: false } } })
    expect(base.groupId).toBe('g1')
    expect(base.propertyOverrides.maxContactsChat).toBe('4')
    expect(base.propertyOverrides.wrapUpSecondsPhone).toBe('')
    const draft = {
      ...base, groupId: 'g2', resourceFilterIds: ['c2'],
      propertyOverrides: { ...base.propertyOverrides, wrapUpSecondsPhone: ' 20 ', maxContactsChat: '' },
    }
    expect(patchOf(base, draft)).toEqual({ groupId: 'g2', resourceFilterIds: ['c2'], propertyOverrides: { wrapUpSecondsPhone: 20, maxContactsChat: null } })
    // A value that is no number goes as typed, for the API to refuse at its field; one typed as it was is no change.
    expect(patchOf(base, { ...base, propertyOverrides: { ...base.propertyOverrides, maxContactsEmail: '5x', maxContactsChat: '04' } }))
      .toEqual({ propertyOverrides: { maxContactsEmail: '5x' } })
    expect(tabOfPath('propertyOverrides.wrapUpSecondsPhone')).toBe('group')
    expect(tabOfPath('resourceFilterIds[0]')).toBe('group')
    expect(tabOfPath('groupId')).toBe('group')
    // A new user: the tenant's default group unless one is chosen; only the own values set.
    const created = { ...newDraft('r1'), username: 'kim', propertyOverrides: { ...newDraft().propertyOverrides, maxContactsPhone: '2' } }
    expect(createBodyOf(created, null)).toEqual({ username: 'kim', roleId: 'r1', propertyOverrides: { maxContactsPhone: 2 } })
    expect(createBodyOf({ ...created, groupId: 'g2' }, null)).toMatchObject({ groupId: 'g2' })
  })

  it('creates with what is set; an empty display name is left to the API', () => {
    const draft = { ...newDraft('r1'), username: ' maria ', firstName: 'María', qualityMonitoring: true, messengerSound: false }
    expect(createBodyOf(draft, null)).toEqual({ username: 'maria', roleId: 'r1', firstName: 'María', qualityMonitoring: true, messengerSound: false })
    expect(createBodyOf({ ...draft, roleId: '' }, 't2')).toEqual({ username: 'maria', firstName: 'María', qualityMonitoring: true, messengerSound: false, tenantId: 't2' })
  })

  it('keeps what is being edited when the user changes on the server, takes the rest', () => {
    const base = draftOf(user)
    const typed = { ...base, jobTitle: 'Coach' }
    const server = draftOf({ ...user, lastName: 'Bakker', jobTitle: 'Agent', version: 4 })
    expect(rebase(base, server, typed)).toEqual({ ...server, jobTitle: 'Coach' })
    expect(changedFields(server, rebase(base, server, typed))).toEqual(['jobTitle'])
  })

  it('puts each field error on its tab; identity rows as sent, empty rows left out', () => {
    expect(tabOfPath('username')).toBe('basic')
    expect(tabOfPath('password')).toBe('basic')
    expect(tabOfPath('campaignIds[2]')).toBe('basic')
    expect(tabOfPath('mobilePhone')).toBe('profile')
    expect(tabOfPath('messengerSound')).toBe('options')
    expect(tabOfPath('teamIds[0]')).toBe('teams')
    expect(tabOfPath('identities[1].username')).toBe('identities')
    expect(tabOfPath('requiredActions')).toBe('security')
    expect(tabOfPath('extension')).toBe('profile')
    expect(tabOfPath('codecs[1]')).toBe('voice')
    expect(tabOfPath('context')).toBe('voice')
    expect(tabOfPath('something')).toBe('basic')
    expect(sentIdentityRows([{ environment: 'a', username: '' }, { environment: '', username: ' ' }, { environment: '', username: 'b' }])).toEqual([0, 2])
  })
})
