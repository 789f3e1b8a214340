// API keys: random, shown once, stored as a SHA-256 hash. Everyone manages their own keys;
// users:credentials manages other users' keys, never those of a more privileged user.
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, hashApiKey, holdsAll, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { isId, newId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import type { Database } from '../db/types.js'
import { iso, isoOrNull } from '../http/schemas.js'
import { escalation } from '../roles/errors.js'
import { findRoleById } from '../roles/queries.js'
import { permissionsOf } from '../roles/service.js'
import type { UserRow } from '../users/queries.js'
import { findVisibleUser } from '../users/service.js'
import { apiKeyListQuery, findApiKeyById, insertApiKey, revokeApiKeyRow, type ApiKeyRow } from './queries.js'
import type { ApiKey, ApiKeyCreate, ApiKeyListQuery } from './schema.js'

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id, tenantId: row.tenant_id, userId: row.user_id, name: row.name, prefix: row.prefix,
    createdAt: iso(row.created_at), createdBy: row.created_by, lastUsedAt: isoOrNull(row.last_used_at), revokedAt: isoOrNull(row.revoked_at),
  }
}

/** The user whose keys are at stake, if the actor may manage them. */
async function keyOwner(db: Kysely<Database>, ctx: Context, userId: string | undefined): Promise<UserRow> {
  const ownerId = userId ?? ctx.actor.userId
  const owner = await findVisibleUser(db, ctx, ownerId)
  if (owner.id !== ctx.actor.userId) {
    authorize(ctx, 'users:credentials')
    const role = await findRoleById(db, owner.role_id)
    if (role && !holdsAll(ctx, permissionsOf(role))) throw escalation('manage the API keys of a user whose role has more permissions than yours')
  }
  return owner
}

/** Makes a key for a user inside the caller's transaction; returns the key text once. */
export async function issueApiKey(trx: Kysely<Database>, ctx: Context | null, owner: Pick<UserRow, 'id' | 'tenant_id'>, name: string) {
  const key = `ghk_${randomBytes(32).toString('base64url')}`
  const now = Date.now()
  const row: ApiKeyRow = {
    id: newId(now), tenant_id: owner.tenant_id, user_id: owner.id, name, prefix: key.slice(0, 12), secret_hash: hashApiKey(key),
    created_at: now, created_by: ctx?.actor.userId ?? null, last_used_at: null, revoked_at: null,
  }
  await insertApiKey(trx, row)
  await recordAudit(trx, ctx, { tenantId: owner.tenant_id, action: 'api_key.create', entityType: 'api_key', entityId: row.id, changes: diff(null, { userId: owner.id, name, prefix: row.prefix }) })
  return { apiKey: toApiKey(row), key }
}

export async function createApiKey(db: DB, ctx: Context, input: ApiKeyCreate) {
  return db.transaction().execute(async (trx) => issueApiKey(trx, ctx, await keyOwner(trx, ctx, input.userId), input.name))
}

export async function listApiKeys(db: DB, ctx: Context, query: ApiKeyListQuery) {
  const owner = await keyOwner(db, ctx, query.user)
  const page = await paginate({
    rows: apiKeyListQuery(db, owner.id, query.revoked ?? false).selectAll(),
    count: async () => Number((await apiKeyListQuery(db, owner.id, query.revoked ?? false).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'created_at', tieBreaker: 'id', order: query.order, key: `createdAt:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.created_at, row.id],
  })
  return { ...page, items: page.items.map(toApiKey) }
}

export async function revokeApiKey(db: DB, ctx: Context, id: string): Promise<ApiKey> {
  return db.transaction().execute(async (trx) => {
    const row = visibleOr404(ctx, isId(id) ? await findApiKeyById(trx, id) : undefined, 'api_key')
    await keyOwner(trx, ctx, row.user_id)
    if (row.revoked_at !== null) return toApiKey(row)
    const now = Date.now()
    await revokeApiKeyRow(trx, row.id, now)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'api_key.revoke', entityType: 'api_key', entityId: row.id, changes: diff({ revokedAt: null }, { revokedAt: iso(now) }) })
    return toApiKey({ ...row, revoked_at: now })
  })
}
