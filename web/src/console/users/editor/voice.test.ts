import { describe, expect, it } from 'vitest'
import type { UserVoice } from '../../../api/types'
import { CODECS, moveCodec, NAT_MODES, rebaseVoice, TRANSPORTS, voiceDraftOf, voicePatchOf } from './voice'

const voice: UserVoice = {
  userId: 'u1', transport: 'udp', nat: 'no', codecs: ['ulaw', 'alaw'], context: 'from-sip', callGroups: [1], pickupGroups: [], hasSipPassword: false, version: 2,
}

describe('the phone settings form', () => {
  it('offers every choice of the API, in its order', () => {
    expect(TRANSPORTS).toEqual(['udp', 'tcp', 'tls', 'ws', 'wss'])
    expect(NAT_MODES).toEqual(['yes', 'no', 'force_rport', 'comedia', 'never', 'route'])
    expect(CODECS).toEqual(['ulaw', 'alaw', 'gsm', 'g722', 'g729', 'opus'])
  })

  it('moves a codec up or down, not past either end', () => {
    expect(moveCodec(['ulaw', 'alaw', 'opus'], 'opus', -1)).toEqual(['ulaw', 'opus', 'alaw'])
    expect(moveCodec(['ulaw', 'alaw', 'opus'], 'ulaw', 1)).toEqual(['alaw', 'ulaw', 'opus'])
    expect(moveCodec(['ulaw', 'alaw'], 'ulaw', -1)).toEqual(['ulaw', 'alaw'])
    expect(moveCodec(['ulaw', 'alaw'], 'alaw', 1)).toEqual(['ulaw', 'alaw'])
    expect(moveCodec(['ulaw'], 'gsm', 1)).toEqual(['ulaw'])
  })

  it('patches the changed settings only; the order of the codecs is a change', () => {
    const base = voiceDraftOf(voice)
    expect(voicePatchOf(base, base)).toBeNull()
    expect(voicePatchOf(base, { ...base, context: ' from-sip ' })).toBeNull()
    expect(voicePatchOf(base, { ...base, codecs: ['alaw', 'ulaw'], nat: 'force_rport', pickupGroups: [3, 63] }))
      .toEqual({ codecs: ['alaw', 'ulaw'], nat: 'force_rport', pickupGroups: [3, 63] })
  })

  it('keeps what is being typed when the settings change on the server, takes the rest', () => {
    const base = voiceDraftOf(voice)
    const typed = { ...base, transport: 'tls' as const }
    const server = voiceDraftOf({ ...voice, callGroups: [1, 2], version: 3 })
    expect(rebaseVoice(base, server, typed)).toEqual({ ...server, transport: 'tls' })
  })
})
