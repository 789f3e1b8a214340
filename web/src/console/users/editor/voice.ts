// The Voice tab's state: the user's phone settings, a resource of their own with its own version
// (ETag). The editor's Save sends the changed ones with If-Match after the user's own changes; a
// conflict or a field error is the editor's, as for the user. A new SIP password moves the version:
// the settings are read again, what is being typed stays.
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { Codec, NatMode, Transport, User, UserVoice, VoicePatch, VoiceSettings } from '../../../api/types'
import { changedFields } from '../../forms/changes'
import { editorKeys, readVoice, updateVoice, type VersionedVoice } from './api'

// The API's choices, in the order the form offers them (a Record, so that none is missed).
const TRANSPORT_ORDER: Record<Transport, number> = { udp: 0, tcp: 1, tls: 2, ws: 3, wss: 4 }
const NAT_ORDER: Record<NatMode, number> = { yes: 0, no: 1, force_rport: 2, comedia: 3, never: 4, route: 5 }
const CODEC_ORDER: Record<Codec, number> = { ulaw: 0, alaw: 1, gsm: 2, g722: 3, g729: 4, opus: 5 }
const ordered = <K extends string>(order: Record<K, number>) => (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b])
export const TRANSPORTS = ordered(TRANSPORT_ORDER)
export const NAT_MODES = ordered(NAT_ORDER)
export const CODECS = ordered(CODEC_ORDER)
/** Call and pickup groups: 0 to 63. */
export const GROUPS = Array.from({ length: 64 }, (_, group) => group)

export type VoiceDraft = VoiceSettings
export type VoiceField = keyof VoiceDraft
export const VOICE_FIELDS: readonly VoiceField[] = ['transport', 'nat', 'codecs', 'context', 'callGroups', 'pickupGroups']

/** Wallboards, bots and API accounts have no phone. */
export const hasPhone = (user: Pick<User, 'kind'>) => user.kind === 'agent'

export const voiceDraftOf = (voice: UserVoice): VoiceDraft => ({
  transport: voice.transport, nat: voice.nat, codecs: [...voice.codecs], context: voice.context,
  callGroups: [...voice.callGroups], pickupGroups: [...voice.pickupGroups],
})

/** PATCH body: the changed settings only (the context trimmed), or null for none. */
export function voicePatchOf(base: VoiceDraft, draft: VoiceDraft): VoicePatch | null {
  return changedFields(base, { ...draft, context: draft.context.trim() })
}

/** Codecs chosen, in order of preference: one moved up (-1) or down (+1). */
export function moveCodec(codecs: readonly Codec[], codec: Codec, by: -1 | 1): Codec[] {
  const from = codecs.indexOf(codec)
  const to = from + by
  if (from < 0 || to < 0 || to >= codecs.length) return [...codecs]
  const next = [...codecs]
  next.splice(from, 1)
  next.splice(to, 0, codec)
  return next
}

/** What was not being edited follows the server's new settings; what was, stays as typed. */
export function rebaseVoice(oldBase: VoiceDraft, newBase: VoiceDraft, draft: VoiceDraft): VoiceDraft {
  const next = { ...draft }
  for (const field of VOICE_FIELDS) {
    if (JSON.stringify(oldBase[field]) === JSON.stringify(draft[field])) (next as Record<VoiceField, unknown>)[field] = newBase[field]
  }
  return next
}

interface VoiceBase { voice: UserVoice; etag: string | null; draft: VoiceDraft }

/** The phone settings of a user being edited; `userId` null (a new user) or `enabled` false: none. */
export function useVoiceForm(userId: string | null, enabled: boolean) {
  const loaded = useQuery({
    queryKey: editorKeys.voice(userId ?? 'new'), queryFn: () => readVoice(userId!), enabled: enabled && userId !== null, staleTime: Infinity, gcTime: 0,
  })
  const baseRef = useRef<VoiceBase | null>(null)
  const [base, setBaseState] = useState<VoiceBase | null>(null)
  const [draft, setDraft] = useState<VoiceDraft | null>(null)
  // Shown once, while this editor is open (across its tabs), until the administrator says it is copied.
  const [sipPassword, setSipPassword] = useState<string | null>(null)
  const setBase = (versioned: VersionedVoice) => {
    const previous = baseRef.current
    const next = { voice: versioned.body, etag: versioned.etag, draft: voiceDraftOf(versioned.body) }
    baseRef.current = next
    setBaseState(next)
    return { previous, next }
  }
  const adopt = (versioned: VersionedVoice) => setDraft(setBase(versioned).next.draft)
  useEffect(() => {
    if (loaded.data && !baseRef.current) adopt(loaded.data)
  }, [loaded.data])

  const on = enabled && base !== null && draft !== null
  return {
    /** The settings as last read or saved; null while loading, for a new user and for machines. */
    voice: on ? base.voice : null,
    draft: on ? draft : null,
    loadError: enabled ? loaded.error : null,
    /** The SIP password just made, or null. */
    sipPassword,
    showSipPassword: setSipPassword,
    change: (patch: Partial<VoiceDraft>) => setDraft((current) => (current ? { ...current, ...patch } : current)),
    dirty: on && voicePatchOf(base.draft, draft) !== null,
    /** Sends what changed in `submitted` (If-Match); what is typed meanwhile stays. */
    save: async (submitted: VoiceDraft | null) => {
      const current = baseRef.current
      if (!enabled || !current || !submitted) return
      const patch = voicePatchOf(current.draft, submitted)
      if (patch === null) return
      const { next } = setBase(await updateVoice(current.voice.userId, patch, current.etag))
      setDraft((typed) => (typed ? rebaseVoice(submitted, next.draft, typed) : next.draft))
    },
    /** The server's settings after this editor's own action (a SIP password): what is typed stays. */
    refresh: async () => {
      const current = baseRef.current
      if (!current) return
      const { previous, next } = setBase(await readVoice(current.voice.userId))
      setDraft((typed) => (typed && previous ? rebaseVoice(previous.draft, next.draft, typed) : next.draft))
    },
    /** After a version conflict: the server's settings, what was typed lost. */
    reload: async () => {
      const current = baseRef.current
      if (enabled && current) adopt(await readVoice(current.voice.userId))
    },
  }
}
export type VoiceForm = ReturnType<typeof useVoiceForm>
