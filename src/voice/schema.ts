import Type, { type Static } from 'typebox'

export const TRANSPORTS = ['udp', 'tcp', 'tls', 'ws', 'wss'] as const
export const NAT_MODES = ['yes', 'no', 'force_rport', 'comedia', 'never', 'route'] as const
export const CODECS = ['ulaw', 'alaw', 'gsm', 'g722', 'g729', 'opus'] as const
export type Transport = (typeof TRANSPORTS)[number]
export type NatMode = (typeof NAT_MODES)[number]
export type Codec = (typeof CODECS)[number]

const Groups = Type.Array(Type.Integer({ minimum: 0, maximum: 63 }), { uniqueItems: true, maxItems: 64, default: [] })

/** A user's phone settings (Connectel's "Voice" section); every field has a default. */
export const VoiceSettings = Type.Object({
  transport: Type.Enum([...TRANSPORTS], { default: 'udp', description: 'How the phone talks to Asterisk.' }),
  nat: Type.Enum([...NAT_MODES], {
    default: 'no',
    description: 'chan_sip\'s NAT choice, exported as PJSIP force_rport / rewrite_contact / rtp_symmetric / direct_media (see docs/voice.md).',
  }),
  codecs: Type.Array(Type.Enum([...CODECS]), { minItems: 1, maxItems: CODECS.length, uniqueItems: true, default: ['ulaw', 'alaw'], description: 'Allowed codecs, in order of preference.' }),
  context: Type.String({ pattern: '^[A-Za-z0-9_-]{1,80}$', default: 'from-sip', description: 'The dialplan context of the phone\'s calls.' }),
  callGroups: Groups,
  pickupGroups: Groups,
}, { additionalProperties: false })
export type VoiceSettings = Static<typeof VoiceSettings>

export const VoicePatch = Type.Partial(VoiceSettings, { additionalProperties: false })
export type VoicePatch = Static<typeof VoicePatch>

export const UserVoice = Type.Object({
  ...VoiceSettings.properties,
  userId: Type.String(),
  hasSipPassword: Type.Boolean({ description: 'A SIP password was generated (POST /users/{id}/sip-password); it is never shown again.' }),
  version: Type.Integer(),
})
export type UserVoice = Static<typeof UserVoice>

export const SipPasswordAnswer = Type.Object({
  sipPassword: Type.String({ description: 'Shown this once; stored encrypted for the PJSIP export.' }),
})

export const TenantRefParams = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 100, description: 'Tenant id or slug.' }) }, { additionalProperties: false })
