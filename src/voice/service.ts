// Voice settings per user, their SIP passwords (generated, shown once, sealed at rest) and the
// tenant's phones as Asterisk PJSIP configuration.
import { randomInt } from 'node:crypto'
import { Value } from 'typebox/value'
import type { Context } from '../auth/context.js'
import type { SecretBox } from '../auth/secret-box.js'
import { authorize, resolveTenantScope } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { checkVersion } from '../http/etag.js'
import { notFound } from '../http/problem.js'
import { findTenantById } from '../tenants/queries.js'
import { isMachineKind } from '../users/schema.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { noPhoneForMachines } from './errors.js'
import { pjsipHeader, pjsipPhone, type Phone } from './pjsip.js'
import { findVoice, phonesOfTenant, transportsInUse, upsertVoice, type VoiceRow } from './queries.js'
import { VoiceSettings, type Codec, type NatMode, type Transport, type UserVoice, type VoicePatch } from './schema.js'

const DEFAULTS = Value.Create(VoiceSettings) as VoiceSettings

function settingsOfRow(row: Pick<VoiceRow, 'transport' | 'nat' | 'codecs' | 'context' | 'call_groups' | 'pickup_groups'> | undefined): VoiceSettings {
  if (!row) return structuredClone(DEFAULTS)
  return {
    transport: row.transport as Transport, nat: row.nat as NatMode, codecs: JSON.parse(row.codecs) as Codec[], context: row.context,
    callGroups: JSON.parse(row.call_groups) as number[], pickupGroups: JSON.parse(row.pickup_groups) as number[],
  }
}

const toUserVoice = (userId: string, row: VoiceRow | undefined): UserVoice =>
  ({ ...settingsOfRow(row), userId, hasSipPassword: Boolean(row?.sip_password), version: row?.version ?? 0 })

export async function getVoice(db: DB, ctx: Context, userId: string): Promise<UserVoice> {
  authorize(ctx, 'users:read')
  const user = await findVisibleUser(db, ctx, userId)
  return toUserVoice(user.id, await findVoice(db, user.id))
}

export async function updateVoice(db: DB, ctx: Context, userId: string, patch: VoicePatch, expected: number | undefined): Promise<UserVoice> {
  authorize(ctx, 'users:write')
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'change')
    const current = await findVoice(trx, user.id)
    checkVersion(current?.version ?? 0, expected)
    const before = settingsOfRow(current)
    const after: VoiceSettings = { ...before, ...patch }
    const row: VoiceRow = {
      user_id: user.id, tenant_id: user.tenant_id, transport: after.transport, nat: after.nat, codecs: JSON.stringify(after.codecs), context: after.context,
      call_groups: JSON.stringify(after.callGroups), pickup_groups: JSON.stringify(after.pickupGroups), sip_password: current?.sip_password ?? null,
      updated_at: Date.now(), version: (current?.version ?? 0) + 1,
    }
    await upsertVoice(trx, row)
    await recordAudit(trx, ctx, { tenantId: user.tenant_id, action: 'user.voice_update', entityType: 'user', entityId: user.id, changes: diff({ ...before }, { ...after }) })
    return toUserVoice(user.id, row)
  })
}

// Letters and digits only: safe on a pjsip.conf line and typed into a phone's menu.
const SIP_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A new SIP password for the user's phone: shown this once, sealed for the export, the old one gone. */
export async function newSipPassword(db: DB, secrets: SecretBox, ctx: Context, userId: string): Promise<{ sipPassword: string }> {
  authorize(ctx, 'users:credentials')
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'set the SIP password of')
    if (isMachineKind(user.kind)) throw noPhoneForMachines()
    const sipPassword = Array.from({ length: 24 }, () => SIP_ALPHABET[randomInt(SIP_ALPHABET.length)]!).join('')
    const current = await findVoice(trx, user.id)
    const settings = settingsOfRow(current)
    await upsertVoice(trx, {
      user_id: user.id, tenant_id: user.tenant_id, transport: settings.transport, nat: settings.nat, codecs: JSON.stringify(settings.codecs),
      context: settings.context, call_groups: JSON.stringify(settings.callGroups), pickup_groups: JSON.stringify(settings.pickupGroups),
      sip_password: secrets.seal(sipPassword), updated_at: Date.now(), version: (current?.version ?? 0) + 1,
    })
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: 'user.sip_password_set', entityType: 'user', entityId: user.id,
      changes: { sipPassword: { old: current?.sip_password ? '[redacted]' : null, new: '[redacted]' } },
    })
    return { sipPassword }
  })
}

/**
 * The tenant's phones as pjsip.conf, a thousand at a time (a tenant of a million people is a file of
 * hundreds of megabytes): active people with an internal number and a SIP password. Audited, as it
 * holds the passwords.
 */
export async function* exportPjsip(db: DB, secrets: SecretBox, ctx: Context, tenantRef: string): AsyncGenerator<string> {
  authorize(ctx, 'voice:export')
  const tenantId = (await resolveTenantScope(db, ctx, tenantRef))!
  const tenant = await findTenantById(db, tenantId)
  if (!tenant) throw notFound('tenant')
  await recordAudit(db, ctx, { tenantId, action: 'tenant.pjsip_export', entityType: 'tenant', entityId: tenantId, changes: {} })
  yield pjsipHeader(tenant.slug, new Date(), (await transportsInUse(db, tenantId)) as Transport[])
  for (let after = 0; ;) {
    const rows = await phonesOfTenant(db, tenantId, after, 1000)
    if (!rows.length) return
    yield rows.map((row): string => {
      const phone: Phone = {
        ...settingsOfRow(row.transport === null ? undefined : { ...row, transport: row.transport, nat: row.nat!, codecs: row.codecs!, context: row.context!, call_groups: row.call_groups!, pickup_groups: row.pickup_groups! }),
        extension: Number(row.extension), displayName: row.display_name || row.username, sipPassword: row.sip_password ? secrets.open(row.sip_password) : null,
      }
      return pjsipPhone(phone)
    }).join('')
    after = Number(rows[rows.length - 1]!.extension)
  }
}
