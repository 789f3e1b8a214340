// Campaigns of a tenant. Users link to several, one of them their default.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { notFound } from '../http/problem.js'
import { authorize, resolveTenantScope, restrictedCampaigns, targetTenantId, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { isId, newId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { iso } from '../http/schemas.js'
import { campaignNameTaken } from './errors.js'
import { removeCampaignFromResourceFilters } from '../groups/queries.js'
import { campaignListQuery, deleteCampaignRow, findCampaignById, insertCampaign, renameCampaignOnUsers, updateCampaignRow, type CampaignRow } from './queries.js'
import type { Campaign, CampaignCreate, CampaignListQuery, CampaignPatch } from './schema.js'

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id, tenantId: row.tenant_id, name: row.name, active: row.active === 1,
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version,
  }
}

const auditView = (c: Campaign) => ({ name: c.name, active: c.active })

function nameTakenOr(error: unknown): never {
  if (violatedUniqueIndex(error) === 'campaigns_tenant_name_key') throw campaignNameTaken()
  throw error
}

export async function listCampaigns(db: DB, ctx: Context, query: CampaignListQuery) {
  authorize(ctx, 'campaigns:read')
  const within = await restrictedCampaigns(db, ctx)
  const filter = { tenantId: await resolveTenantScope(db, ctx, query.tenant), q: query.q, active: query.active, ...(within ? { ids: within } : {}) }
  const page = await paginate({
    rows: campaignListQuery(db, filter).selectAll(),
    count: async () => Number((await campaignListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.name_key, row.id],
  })
  return { ...page, items: page.items.map(toCampaign) }
}

/** The campaign if the actor may see it: in the actor's tenant and, with restrict view, one of the actor's own. */
async function visibleCampaign(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<CampaignRow> {
  const row = visibleOr404(ctx, isId(id) ? await findCampaignById(db, id, lock) : undefined, 'campaign')
  const within = await restrictedCampaigns(db, ctx)
  if (within && !within.includes(row.id)) throw notFound('campaign')
  return row
}

export async function getCampaign(db: DB, ctx: Context, id: string): Promise<Campaign> {
  authorize(ctx, 'campaigns:read')
  return toCampaign(await visibleCampaign(db, ctx, id))
}

export async function createCampaign(db: DB, ctx: Context, input: CampaignCreate): Promise<Campaign> {
  authorize(ctx, 'campaigns:manage')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  return db.transaction().execute(async (trx) => {
    const now = Date.now()
    const row: CampaignRow = {
      id: newId(now), tenant_id: tenantId, name: input.name, name_key: caseKey(input.name),
      active: input.active === false ? 0 : 1, created_at: now, updated_at: now, version: 1,
    }
    await insertCampaign(trx, row).catch(nameTakenOr)
    const campaign = toCampaign(row)
    await recordAudit(trx, ctx, { tenantId, action: 'campaign.create', entityType: 'campaign', entityId: row.id, changes: diff(null, auditView(campaign)) })
    return campaign
  })
}

export async function updateCampaign(db: DB, ctx: Context, id: string, patch: CampaignPatch, expected: number | undefined): Promise<Campaign> {
  authorize(ctx, 'campaigns:manage')
  return db.transaction().execute(async (trx) => {
    const row = await visibleCampaign(trx, ctx, id, true)
    checkVersion(row.version, expected)
    const changes: Partial<CampaignRow> = {
      name: patch.name ?? row.name,
      name_key: caseKey(patch.name ?? row.name),
      active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
      updated_at: Date.now(),
    }
    const updated = await updateCampaignRow(trx, row.id, row.version, changes).catch(nameTakenOr)
    if (!updated) throw versionConflict()
    if (changes.name !== row.name) await renameCampaignOnUsers(trx, row.id, changes.name!)
    const after = toCampaign({ ...row, ...changes, version: row.version + 1 })
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'campaign.update', entityType: 'campaign', entityId: row.id, changes: diff(auditView(toCampaign(row)), auditView(after)) })
    return after
  })
}

export async function deleteCampaign(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'campaigns:manage')
  await db.transaction().execute(async (trx) => {
    const row = await visibleCampaign(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await deleteCampaignRow(trx, row.id)
    await removeCampaignFromResourceFilters(trx, row.tenant_id, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'campaign.delete', entityType: 'campaign', entityId: row.id, changes: diff(auditView(toCampaign(row)), null) })
  })
}
