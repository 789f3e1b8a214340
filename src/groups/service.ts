// User groups: each user belongs to exactly one, and inherits its properties unless a user-specific
// value is set (Puzzel). A tenant always has one default group, which new users join.
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, resolveTenantScope, targetTenantId, visibleOr404 } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import { findCampaignsOfTenant, sumUserCounts } from '../users/queries.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { isId, newId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import { caseKey } from '../db/text.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { FieldErrors } from '../http/problem.js'
import { iso } from '../http/schemas.js'
import { canonicalLocale } from '../http/formats.js'
import { defaultGroupRequired, groupInUse, groupNameTaken } from './errors.js'
import { DEFAULT_GROUP_PROPERTIES, groupPropertiesOf, type GroupProperties } from './properties.js'
import {
  clearDefaultGroup, deleteGroupRow, findGroupById, groupListQuery, groupSizes, insertGroup, updateGroupRow, type GroupRow,
} from './queries.js'
import type { UserGroup, UserGroupCreate, UserGroupListQuery, UserGroupPatch } from './schema.js'

export function toGroup(row: GroupRow, userCount: number): UserGroup {
  return {
    id: row.id, tenantId: row.tenant_id, name: row.name, description: row.description, isDefault: row.is_default === 1,
    properties: groupPropertiesOf(row.properties), resourceFilterIds: JSON.parse(row.resource_filter_ids) as string[], userCount,
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version,
  }
}

const auditView = (g: UserGroup) => ({ name: g.name, description: g.description, isDefault: g.isDefault, ...g.properties, resourceFilterIds: g.resourceFilterIds })

function nameTakenOr(error: unknown): never {
  if (violatedUniqueIndex(error) === 'user_groups_tenant_name_key') throw groupNameTaken()
  throw error
}

/** The group of this id if the caller's tenant may see it; else 404 as if there were none. */
export async function visibleGroup(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<GroupRow> {
  return visibleOr404(ctx, isId(id) ? await findGroupById(db, id, lock) : undefined, 'group')
}

/** The default group every tenant starts with. */
export async function seedDefaultGroup(trx: Kysely<Database>, tenantId: string): Promise<void> {
  const now = Date.now()
  await insertGroup(trx, {
    id: newId(now), tenant_id: tenantId, name: 'Default', name_key: 'default', description: '', is_default: 1,
    properties: JSON.stringify(DEFAULT_GROUP_PROPERTIES), resource_filter_ids: '[]', created_at: now, updated_at: now, version: 1,
  })
}

/** Checks what a create or patch sets: the language's form and that resource filters are the tenant's campaigns. */
async function checkedValues(db: Kysely<Database>, tenantId: string, properties: Partial<GroupProperties> | undefined, filterIds: string[] | undefined) {
  const errors = new FieldErrors()
  const checked: Partial<GroupProperties> = { ...properties }
  if (properties?.language) checked.language = canonicalLocale(properties.language)
  if (filterIds) {
    const campaigns = await findCampaignsOfTenant(db, tenantId, filterIds)
    filterIds.forEach((id, i) => {
      if (!campaigns.some((c) => c.id === id)) errors.add(`resourceFilterIds[${i}]`, 'unknown_campaign', 'No such campaign in this tenant.')
    })
  }
  errors.throwIfAny()
  return checked
}

export async function listGroups(db: DB, ctx: Context, query: UserGroupListQuery) {
  authorize(ctx, 'users:read')
  const filter = { tenantId: await resolveTenantScope(db, ctx, query.tenant), q: query.q }
  const page = await paginate({
    rows: groupListQuery(db, filter).selectAll(),
    count: async () => Number((await groupListQuery(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'name_key', tieBreaker: 'id', order: query.order, key: `name:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.name_key, row.id],
  })
  const sizes = await groupSizes(db, page.items.map((g) => g.id))
  return { ...page, items: page.items.map((row) => toGroup(row, sizes.get(row.id) ?? 0)) }
}

export async function getGroup(db: DB, ctx: Context, id: string): Promise<UserGroup> {
  authorize(ctx, 'users:read')
  const row = await visibleGroup(db, ctx, id)
  return toGroup(row, (await groupSizes(db, [row.id])).get(row.id) ?? 0)
}

export async function createGroup(db: DB, ctx: Context, input: UserGroupCreate): Promise<UserGroup> {
  authorize(ctx, 'groups:manage')
  const tenantId = await targetTenantId(db, ctx, input.tenantId)
  return db.transaction().execute(async (trx) => {
    const properties = { ...DEFAULT_GROUP_PROPERTIES, ...(await checkedValues(trx, tenantId, input.properties, input.resourceFilterIds)) }
    const now = Date.now()
    if (input.isDefault) await clearDefaultGroup(trx, tenantId)
    const row: GroupRow = {
      id: newId(now), tenant_id: tenantId, name: input.name, name_key: caseKey(input.name), description: input.description ?? '',
      is_default: input.isDefault ? 1 : 0, properties: JSON.stringify(properties), resource_filter_ids: JSON.stringify(input.resourceFilterIds ?? []),
      created_at: now, updated_at: now, version: 1,
    }
    await insertGroup(trx, row).catch(nameTakenOr)
    const group = toGroup(row, 0)
    await recordAudit(trx, ctx, { tenantId, action: 'group.create', entityType: 'group', entityId: row.id, changes: diff(null, auditView(group)) })
    return group
  })
}

export async function updateGroup(db: DB, ctx: Context, id: string, patch: UserGroupPatch, expected: number | undefined): Promise<UserGroup> {
  authorize(ctx, 'groups:manage')
  return db.transaction().execute(async (trx) => {
    const row = await visibleGroup(trx, ctx, id, true)
    checkVersion(row.version, expected)
    const properties = { ...groupPropertiesOf(row.properties), ...(await checkedValues(trx, row.tenant_id, patch.properties, patch.resourceFilterIds)) }
    const makeDefault = patch.isDefault === true && row.is_default === 0
    if (makeDefault) await clearDefaultGroup(trx, row.tenant_id)
    const name = patch.name ?? row.name
    const changes: Partial<GroupRow> = {
      name, name_key: caseKey(name), description: patch.description ?? row.description, is_default: makeDefault ? 1 : row.is_default,
      properties: JSON.stringify(properties), resource_filter_ids: patch.resourceFilterIds ? JSON.stringify(patch.resourceFilterIds) : row.resource_filter_ids,
      updated_at: Date.now(),
    }
    const updated = await updateGroupRow(trx, row.id, row.version, changes).catch(nameTakenOr)
    if (!updated) throw versionConflict()
    const size = (await groupSizes(trx, [row.id])).get(row.id) ?? 0
    const after = toGroup({ ...row, ...changes, version: row.version + 1 }, size)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'group.update', entityType: 'group', entityId: row.id, changes: diff(auditView(toGroup(row, size)), auditView(after)) })
    return after
  })
}

export async function deleteGroup(db: DB, ctx: Context, id: string, expected: number | undefined): Promise<void> {
  authorize(ctx, 'groups:manage')
  await db.transaction().execute(async (trx) => {
    const row = await visibleGroup(trx, ctx, id, true)
    checkVersion(row.version, expected)
    if (row.is_default === 1) throw defaultGroupRequired()
    // The kept totals, not a count of the rows; a move into the group at the same time makes the
    // delete fail on the foreign key (409 reference_changed) either way.
    const users = await sumUserCounts(trx, row.tenant_id, 'group', row.id)
    if (users > 0) throw groupInUse(users)
    await deleteGroupRow(trx, row.id)
    await recordAudit(trx, ctx, { tenantId: row.tenant_id, action: 'group.delete', entityType: 'group', entityId: row.id, changes: diff(auditView(toGroup(row, 0)), null) })
  })
}
