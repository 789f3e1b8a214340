// "Forgot password" (Puzzel's "Need new password") and invitations: a one-time code by email or SMS,
// then a new password under the tenant's policy. The request never tells whether the account exists.
import type { Context } from '../auth/context.js'
import type { SecretBox } from '../auth/secret-box.js'
import { authorize } from '../auth/service.js'
import { recordAudit } from '../audit/service.js'
import { changePasswordInTransaction } from '../credentials/service.js'
import type { DB } from '../db/database.js'
import { caseKey } from '../db/text.js'
import type { Channel, Messenger } from '../messages/service.js'
import { deleteCodes } from '../one-time-codes/queries.js'
import { checkCode, CODE_LIFETIME_MS, issueCode, useCode } from '../one-time-codes/service.js'
import { findTenantById } from '../tenants/queries.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { machineAccount } from '../users/errors.js'
import { isMachineKind } from '../users/schema.js'
import { invalidCode, noAddress } from './errors.js'
import { findUserByLogin, markEmailVerified } from './queries.js'
import type { ResetConfirm, ResetRequest } from './schema.js'

export const RESET_REQUESTED = 'If the account exists and has that address, a code is on its way. It works for 15 minutes.'

const minutes = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} hours` : `${ms / 60_000} minutes`)

const systemActor = (userId: string, username: string, tenantId: string, tenantSlug: string, clientIp: string | null): Context => ({
  actor: { userId, username, tenantId, tenantSlug, roleId: '', permissions: new Set(), isPlatformAdmin: false, apiKeyId: null, sessionId: null, campaignId: null, restrictView: false },
  clientIp,
})

/** Sends a code if the account exists, is active and has the address; answers the same either way. */
export async function requestPasswordReset(db: DB, secrets: SecretBox, messenger: Messenger, input: ResetRequest, clientIp: string | null): Promise<void> {
  const user = await findUserByLogin(db, caseKey(input.tenant.trim()), caseKey(input.login.trim()))
  const to = input.channel === 'email' ? user?.email : user?.mobile_phone
  if (!user || !user.active || !user.tenant_active || !to || isMachineKind(user.kind)) return
  const code = await db.transaction().execute(async (trx) => {
    const issued = await issueCode(trx, secrets, { tenant_id: user.tenant_id, user_id: user.id, purpose: 'reset_password', channel: input.channel })
    if (issued) {
      await recordAudit(trx, systemActor(user.id, user.username, user.tenant_id, user.tenant_slug, clientIp), {
        tenantId: user.tenant_id, action: 'user.password_reset_request', entityType: 'user', entityId: user.id, changes: { channel: { old: null, new: input.channel } },
      })
    }
    return issued
  })
  if (!code) return
  // Not awaited: the answer must not take longer when a message goes out.
  messenger.sendLater({
    channel: input.channel, to, subject: `Your ${user.tenant_name} password reset code`,
    text: `Your code to set a new password for ${user.username} at ${user.tenant_name}: ${code}\nIt works once, for ${minutes(CODE_LIFETIME_MS.reset_password)}. If you did not ask for it, ignore this message.`,
  })
}

/** Sets a new password with a code from a reset or an invitation. */
export async function confirmPasswordReset(db: DB, secrets: SecretBox, input: ResetConfirm, clientIp: string | null): Promise<void> {
  const user = await findUserByLogin(db, caseKey(input.tenant.trim()), caseKey(input.login.trim()))
  if (!user || !user.active || !user.tenant_active) throw invalidCode()
  const redeemed = await checkCode(db, secrets, user.id, ['reset_password', 'invitation'], input.code)
  if (!redeemed) throw invalidCode()
  const ctx = systemActor(user.id, user.username, user.tenant_id, user.tenant_slug, clientIp)
  await db.transaction().execute(async (trx) => {
    // Used in the transaction that sets the password: once only, and not spent if the password is refused.
    if (!(await useCode(trx, redeemed.id, Date.now()))) throw invalidCode()
    await changePasswordInTransaction(trx, ctx, user.id, input.newPassword, { temporary: false, path: 'newPassword' })
    // A code that arrived by email proves the address.
    if (redeemed.channel === 'email') await markEmailVerified(trx, user.id)
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: redeemed.purpose === 'invitation' ? 'user.invitation_accept' : 'user.password_reset',
      entityType: 'user', entityId: user.id, changes: { channel: { old: null, new: redeemed.channel } },
    })
  })
}

/** Invites a user to set their own password (users:credentials): a code by email or SMS, valid 72 hours. */
export async function inviteUser(db: DB, secrets: SecretBox, messenger: Messenger, ctx: Context, userId: string, channel: Channel): Promise<{ sentTo: string; expiresAt: string }> {
  authorize(ctx, 'users:credentials')
  const { user, code, to, tenantName } = await db.transaction().execute(async (trx) => {
    const row = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, row, 'invite')
    if (isMachineKind(row.kind)) throw machineAccount(row.kind)
    const address = channel === 'email' ? row.email : row.mobile_phone
    if (!address) throw noAddress(channel)
    const tenant = await findTenantById(trx, row.tenant_id)
    // An administrator's explicit request always sends a fresh code.
    await deleteCodes(trx, row.id, 'invitation')
    const issued = (await issueCode(trx, secrets, { tenant_id: row.tenant_id, user_id: row.id, purpose: 'invitation', channel }))!
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'user.invite', entityType: 'user', entityId: row.id, changes: { channel: { old: null, new: channel } } })
    return { user: row, code: issued, to: address, tenantName: tenant?.name ?? '' }
  })
  await messenger.send({
    channel, to, subject: `You are invited to ${tenantName}`,
    text: `Welcome to ${tenantName}. Your username is ${user.username}.\nSet your password with this code: ${code}\nIt works once, for ${minutes(CODE_LIFETIME_MS.invitation)}.`,
  })
  return { sentTo: to, expiresAt: new Date(Date.now() + CODE_LIFETIME_MS.invitation).toISOString() }
}
