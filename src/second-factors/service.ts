// Second factors: TOTP authenticators (enrolled with a QR code, confirmed by a first code) and
// single-use recovery codes. Users manage their own; administrators see and reset a user's.
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import type { SecretBox } from '../auth/secret-box.js'
import { authorize } from '../auth/service.js'
import { recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { isId, newId } from '../db/ids.js'
import type { Database } from '../db/types.js'
import { invalid, notFound } from '../http/problem.js'
import { iso, isoOrNull } from '../http/schemas.js'
import { findUserById } from '../users/queries.js'
import { checkMayManage, findVisibleUser } from '../users/service.js'
import { machineAccount } from '../users/errors.js'
import { isMachineKind } from '../users/schema.js'
import {
  confirmFactor, countUnusedRecoveryCodes, deleteFactor, deleteFactorsOfUser, deleteRecoveryCodesOfUser, deleteUnconfirmedFactors,
  findFactor, insertFactor, listFactors, renameFactor, replaceRecoveryCodes, useRecoveryCode, useTotpStep, type SecondFactorRow,
} from './queries.js'
import type { FactorList, FactorView, TotpEnrolment } from './schema.js'
import { matchingStep, newTotpSecret, qrSvg, totpUri } from './totp.js'

const RECOVERY_CODE_COUNT = 10
// No 0/o, 1/l/i: codes are read off paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Who a factor is for: enough to label it in the authenticator app. */
export interface FactorOwner {
  userId: string
  tenantId: string
  username: string
  tenantSlug: string
}

export const ownerOfContext = (ctx: Context): FactorOwner =>
  ({ userId: ctx.actor.userId, tenantId: ctx.actor.tenantId, username: ctx.actor.username, tenantSlug: ctx.actor.tenantSlug })

export const factorView = (row: SecondFactorRow): FactorView =>
  ({ id: row.id, kind: row.kind, name: row.name, createdAt: iso(row.created_at), lastUsedAt: isoOrNull(row.last_used_at) })

const newRecoveryCode = () => {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!)
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '')

/** Ten new single-use codes in place of the old ones; returned once, stored as keyed hashes. */
async function issueRecoveryCodes(trx: Kysely<Database>, secrets: SecretBox, userId: string, now: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await replaceRecoveryCodes(trx, userId, codes.map((code) => ({
    id: newId(now), user_id: userId, code_hash: secrets.mac(normaliseRecoveryCode(code)), used_at: null, created_at: now,
  })))
  return codes
}

async function listOf(db: Kysely<Database>, userId: string): Promise<FactorList> {
  return {
    items: (await listFactors(db, userId, true)).map(factorView),
    recoveryCodesLeft: await countUnusedRecoveryCodes(db, userId),
  }
}

export const hasSecondFactor = async (db: Kysely<Database>, userId: string) => (await listFactors(db, userId, true)).length > 0

export async function listOwnFactors(db: DB, ctx: Context): Promise<FactorList> {
  return listOf(db, ctx.actor.userId)
}

/** Wallboards, bots and API accounts have no second factor: they never sign in. */
export async function refuseMachineAccount(db: Kysely<Database>, userId: string): Promise<void> {
  const user = await findUserById(db, userId)
  if (user && isMachineKind(user.kind)) throw machineAccount(user.kind)
}

/** Starts a TOTP enrolment: a new key, shown as a QR code and as text, unused until confirmed. */
export async function startTotp(db: Kysely<Database>, secrets: SecretBox, owner: FactorOwner, name: string | undefined): Promise<TotpEnrolment> {
  await refuseMachineAccount(db, owner.userId)
  const secret = newTotpSecret()
  const now = Date.now()
  const id = newId(now)
  await db.transaction().execute(async (trx) => {
    await deleteUnconfirmedFactors(trx, owner.userId)
    await insertFactor(trx, {
      id, tenant_id: owner.tenantId, user_id: owner.userId, kind: 'totp', name: name?.trim() || 'Authenticator app', secret: secrets.seal(secret),
      credential_id: null, public_key: null, sign_count: null, transports: null, confirmed: 0, last_used_step: null, created_at: now, last_used_at: null,
    })
  })
  const uri = totpUri(secret, `Gatehouse ${owner.tenantSlug}`, owner.username)
  return { id, secret, otpauthUri: uri, qrSvg: await qrSvg(uri) }
}

/**
 * Confirms an enrolment with a first code. The user's first factor comes with ten recovery codes,
 * returned this once.
 */
export async function confirmTotp(db: Kysely<Database>, secrets: SecretBox, ctx: Context, id: string, code: string): Promise<{ factor: FactorView; recoveryCodes: string[] | null }> {
  return db.transaction().execute(async (trx) => {
    const row = isId(id) ? await findFactor(trx, id) : undefined
    if (!row || row.user_id !== ctx.actor.userId || row.kind !== 'totp' || row.confirmed) throw notFound('second_factor')
    const step = matchingStep(secrets.open(row.secret!), code.trim())
    if (step === null) throw invalid([{ path: 'code', code: 'wrong_code', message: 'is not the code your app shows now' }])
    const now = Date.now()
    const recoveryCodes = await addFactor(trx, secrets, ctx, row, () => confirmFactor(trx, row.id, step, now))
    return { factor: factorView({ ...row, confirmed: 1, last_used_at: now }), recoveryCodes }
  })
}

/**
 * Makes a factor count (`activate`: confirm a TOTP key, store a passkey), inside the caller's
 * transaction, and audits it. The user's first factor comes with ten recovery codes, returned once.
 */
export async function addFactor(trx: Kysely<Database>, secrets: SecretBox, ctx: Context, row: SecondFactorRow, activate: () => Promise<void>): Promise<string[] | null> {
  await refuseMachineAccount(trx, row.user_id)
  const first = !(await hasSecondFactor(trx, row.user_id))
  await activate()
  const now = Date.now()
  const recoveryCodes = first && (await countUnusedRecoveryCodes(trx, row.user_id)) === 0 ? await issueRecoveryCodes(trx, secrets, row.user_id, now) : null
  await recordAudit(trx, ctx, {
    tenantId: row.tenant_id, action: 'user.second_factor_add', entityType: 'user', entityId: row.user_id,
    changes: { secondFactor: { old: null, new: `${row.kind}: ${row.name}` }, ...(recoveryCodes ? { recoveryCodes: { old: null, new: recoveryCodes.length } } : {}) },
  })
  return recoveryCodes
}

/** Renames one of the user's own authenticators or passkeys. */
export async function renameOwnFactor(db: DB, ctx: Context, id: string, name: string): Promise<FactorView> {
  return db.transaction().execute(async (trx) => {
    const row = isId(id) ? await findFactor(trx, id) : undefined
    if (!row || row.user_id !== ctx.actor.userId || !row.confirmed) throw notFound('second_factor')
    const trimmed = name.trim()
    if (!trimmed) throw invalid([{ path: 'name', code: 'required', message: 'must not be empty' }])
    await renameFactor(trx, row.id, trimmed)
    await recordAudit(trx, ctx, {
      tenantId: row.tenant_id, action: 'user.second_factor_rename', entityType: 'user', entityId: row.user_id,
      changes: { name: { old: row.name, new: trimmed }, kind: { old: row.kind, new: row.kind } },
    })
    return factorView({ ...row, name: trimmed })
  })
}

export async function removeOwnFactor(db: DB, ctx: Context, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = isId(id) ? await findFactor(trx, id) : undefined
    if (!row || row.user_id !== ctx.actor.userId) throw notFound('second_factor')
    await deleteFactor(trx, row.id)
    // Recovery codes stand in for a factor; without any factor left they would be a factor of their own.
    if (!(await hasSecondFactor(trx, row.user_id))) await deleteRecoveryCodesOfUser(trx, row.user_id)
    await recordAudit(trx, ctx, {
      tenantId: row.tenant_id, action: 'user.second_factor_remove', entityType: 'user', entityId: row.user_id,
      changes: { secondFactor: { old: `${row.kind}: ${row.name}`, new: null } },
    })
  })
}

export async function regenerateRecoveryCodes(db: DB, secrets: SecretBox, ctx: Context): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (!(await hasSecondFactor(trx, ctx.actor.userId))) {
      throw invalid([{ path: '', code: 'no_second_factor', message: 'Set up an authenticator or passkey first; recovery codes stand in for one.' }])
    }
    const codes = await issueRecoveryCodes(trx, secrets, ctx.actor.userId, Date.now())
    await recordAudit(trx, ctx, {
      tenantId: ctx.actor.tenantId, action: 'user.recovery_codes_issue', entityType: 'user', entityId: ctx.actor.userId, changes: { recoveryCodes: { old: null, new: codes.length } },
    })
    return codes
  })
}

export async function listUserFactors(db: DB, ctx: Context, userId: string): Promise<FactorList> {
  authorize(ctx, 'users:read')
  const user = await findVisibleUser(db, ctx, userId)
  return listOf(db, user.id)
}

/** An administrator resets a user's second factors (users:credentials): the user sets one up again. */
export async function resetUserFactors(db: DB, ctx: Context, userId: string): Promise<{ removed: number }> {
  authorize(ctx, 'users:credentials')
  return db.transaction().execute(async (trx) => {
    const user = await findVisibleUser(trx, ctx, userId, true)
    await checkMayManage(trx, ctx, user, 'reset the second factors of')
    const removed = await deleteFactorsOfUser(trx, user.id)
    await deleteRecoveryCodesOfUser(trx, user.id)
    await recordAudit(trx, ctx, {
      tenantId: user.tenant_id, action: 'user.second_factors_reset', entityType: 'user', entityId: user.id, changes: { secondFactors: { old: removed, new: 0 } },
    })
    return { removed }
  })
}

/** Checks a TOTP code against the user's authenticators, or a recovery code; each is accepted once. */
export async function verifySecondFactor(db: Kysely<Database>, secrets: SecretBox, userId: string, method: 'totp' | 'recovery_code', code: string): Promise<boolean> {
  const now = Date.now()
  if (method === 'recovery_code') return useRecoveryCode(db, userId, secrets.mac(normaliseRecoveryCode(code)), now)
  for (const factor of await listFactors(db, userId, true)) {
    if (factor.kind !== 'totp' || !factor.secret) continue
    const step = matchingStep(secrets.open(factor.secret), code.trim(), now)
    if (step !== null) return useTotpStep(db, factor.id, step, now)
  }
  return false
}
