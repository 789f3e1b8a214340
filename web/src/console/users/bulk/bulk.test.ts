// The bulk request of a selection: the chosen ids, or the search as the server's query (its "true"
// and "false" as booleans, defaults left out, the console's tenant added), with what the action needs.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SEARCH } from '../search'
import { bulkRequest, selectionCount } from './bulk'

const ids = ['0193a1b2-0000-7000-8000-000000000001', '0193a1b2-0000-7000-8000-000000000002']
const campaign = '0193a1b2-0000-7000-8000-0000000000c1'

describe('bulkRequest', () => {
  it('names the selected users, with the parameter of the action', () => {
    expect(bulkRequest({ kind: 'ids', ids }, 'add_campaign', campaign, {})).toEqual({ action: 'add_campaign', campaignId: campaign, userIds: ids })
    expect(bulkRequest({ kind: 'ids', ids }, 'require_action', 'update_password', {})).toEqual({ action: 'require_action', requiredAction: 'update_password', userIds: ids })
    expect(bulkRequest({ kind: 'ids', ids }, 'deactivate', null, {})).toEqual({ action: 'deactivate', userIds: ids })
  })

  it('sends the search for all matching users: the same criteria, typed, in the console\'s tenant; never its sort or page', () => {
    const search = { ...DEFAULT_SEARCH, q: ' uil ', active: 'inactive' as const, campaign, sort: 'lastName' as const, page: 3 }
    expect(bulkRequest({ kind: 'matching', search, total: 12 }, 'activate', null, { tenant: 'north' })).toEqual({
      action: 'activate', query: { tenant: 'north', q: 'uil', active: false, campaign },
    })
    expect(bulkRequest({ kind: 'matching', search: DEFAULT_SEARCH, total: 3 }, 'delete', null, {})).toEqual({ action: 'delete', query: {} })
    expect(bulkRequest({ kind: 'matching', search: { ...DEFAULT_SEARCH, presence: 'logged_off' }, total: 3 }, 'delete', null, {})).toEqual({ action: 'delete', query: { presence: 'logged_off' } })
  })

  it('counts a selection by its ids or by the search\'s total', () => {
    expect(selectionCount({ kind: 'ids', ids })).toBe(2)
    expect(selectionCount({ kind: 'matching', search: DEFAULT_SEARCH, total: 12_345 })).toBe(12_345)
  })
})
