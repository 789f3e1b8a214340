// Teams of a tenant; users belong to several.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, resolveTenantScope, targetTenantId, visibleOr404 } from '../auth/service.js'
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
import { teamNameTaken } from './errors.js'
import { teamListQuery, deleteTeamRow, findTeamById, insertTeam, updateTeamRow, type TeamRow } from './queries.js'
import type { Team, TeamCreate, TeamListQuery, TeamPatch } from './schema.js'

export function toTeam(row: TeamRow): Team {
  return {
    id: row.id, tenantId: row.tenant_id, name: row.name, description: row.description,
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version,
  }
}

const auditView = (t: Team) => ({ name: t.name, description: t.description })

function nameTakenOr(error: unknown): never {
  if (violatedUniqueIndex(error) === 'teams_tenant_name_key') throw teamNameTaken()
  throw error
}

export async function listTeams(db: DB, ctx: Context, query: TeamListQuery) {
  authorize(ctx, 'teams:read')
  const filter = { tenantId: await resolveTenantScope(db, ctx, query.tenant), q: query.q }
  const page = await paginate({
    rows: teamListQuery(db, filter).selectAll(),
    count: async () => Number((await teamListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.name_key, row.id],
  })
  return { ...page, items: page.items.map(toTeam) }
}

async function visibleTeam(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<TeamRow> {
  return visibleOr404(ctx, isId(id) ? await findTeamById(db, id, lock) : undefined, 'team')
}

export async function getTeam(db: DB, ctx: Context, id: string): Promise<Team> {
  authorize(ctx, 'teams:read')
  return toTeam(await visibleTeam(db, ctx, id))
}

export async function createTeam(db: DB, ctx: Context, input: TeamCreate): Promise<Team> {
  authorize(ctx, 'teams:manage')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  return db.transaction().execute(async (trx) => {
    const now = Date.now()
    const row: TeamRow = {
      id: newId(now), tenant_id: tenantId, name: input.name, name_key: caseKey(input.name),
      description: input.description ?? '', created_at: now, updated_at: now, version: 1,
    }
    await insertTeam(trx, row).catch(nameTakenOr)
    const team = toTeam(row)
    await recordAudit(trx, ctx, { tenantId, action: 'team.create', entityType: 'team', entityId: row.id, changes: diff(null, auditView(team)) })
    return team
  })
}

export async function updateTeam(db: DB, ctx: Context, id: string, patch: TeamPatch, expected: number | undefined): Promise<Team> {
  authorize(ctx, 'teams:manage')
  return db.transaction().execute(async (trx) => {
    const row = await visibleTeam(trx, ctx, id, true)
    checkVersion(row.version, expected)
    const changes: Partial<TeamRow> = {
      name: patch.name ?? row.name,
      name_key: caseKey(patch.name ?? row.name),
      description: patch.description ?? row.description,
      updated_at: Date.now(),
    }
    const updated = await updateTeamRow(trx, row.id, row.version, changes).catch(nameTakenOr)
    if (!updated) throw versionConflict()
    const after = toTeam({ ...row, ...changes, version: row.version + 1 })
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'team.update', entityType: 'team', entityId: row.id, changes: diff(auditView(toTeam(row)), auditView(after)) })
    return after
  })
}

export async function deleteTeam(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'teams:manage')
  await db.transaction().execute(async (trx) => {
    const row = await visibleTeam(trx, ctx, id, true)
    checkVersion(row.version, expected)
    await deleteTeamRow(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'team.delete', entityType: 'team', entityId: row.id, changes: diff(auditView(toTeam(row)), null) })
  })
}
