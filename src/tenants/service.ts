// Tenants: created and run by platform administrators; a tenant's own administrators may change
// its name and settings (settings:manage).
import { Value } from 'typebox/value'
import type { Kysely } from 'kysely'
import type { Context } from '../auth/context.js'
import { authorize, canSeeTenant, PLATFORM_TENANT_SLUG } from '../auth/service.js'
import { diff, recordAudit } from '../audit/service.js'
import type { DB } from '../db/database.js'
import { dialectOf } from '../db/dialect.js'
import { violatedUniqueIndex } from '../db/errors.js'
import { newId, isId } from '../db/ids.js'
import { paginate } from '../db/paging.js'
import type { Database } from '../db/types.js'
import { checkVersion, versionConflict } from '../http/etag.js'
import { FieldErrors, forbidden, notFound } from '../http/problem.js'
import { canonicalLocale, canonicalTimeZone } from '../http/formats.js'
import { iso } from '../http/schemas.js'
import { seedBuiltinRoles } from '../roles/service.js'
import { seedDefaultGroup } from '../groups/service.js'
import { platformTenantProtected, slugTaken } from './errors.js'
import { findTenantById, findTenantBySlug, insertTenant, tenantListQuery, updateTenant as updateTenantRow, type TenantRow } from './queries.js'
import { TenantSettings, type Tenant, type TenantCreate, type TenantListQuery, type TenantPatch, type TenantSettingsPatch } from './schema.js'

// Made from the schema once: Value.Create took 55 µs, and nearly every request reads its tenant's settings.
const DEFAULT_SETTINGS = Value.Create(TenantSettings) as TenantSettings

export const defaultSettings = (): TenantSettings => structuredClone(DEFAULT_SETTINGS)

/** Stored settings over today's defaults, so settings added later get their default. */
export function settingsOf(row: Pick<TenantRow, 'settings'>): TenantSettings {
  return mergeSettings(defaultSettings(), JSON.parse(row.settings) as TenantSettingsPatch)
}

/** The settings of a tenant by id (404 when there is none). */
export async function tenantSettingsOf(db: Kysely<Database>, tenantId: string): Promise<TenantSettings> {
  const tenant = await findTenantById(db, tenantId)
  if (!tenant) throw notFound('tenant')
  return settingsOf(tenant)
}

export function mergeSettings(base: TenantSettings, patch: TenantSettingsPatch | undefined): TenantSettings {
  if (!patch) return base
  return {
    ...base,
    ...patch,
    passwordPolicy: { ...base.passwordPolicy, ...patch.passwordPolicy },
    lockoutPolicy: { ...base.lockoutPolicy, ...patch.lockoutPolicy },
    sessionPolicy: { ...base.sessionPolicy, ...patch.sessionPolicy },
    secondFactorPolicy: { ...base.secondFactorPolicy, ...patch.secondFactorPolicy },
    selfService: { ...base.selfService, ...patch.selfService },
    agentNumbers: { ...base.agentNumbers, ...patch.agentNumbers },
    skillLevels: { ...base.skillLevels, ...patch.skillLevels },
  } as TenantSettings
}

function checkSettings(settings: TenantSettings): void {
  settings.timeZone = canonicalTimeZone(settings.timeZone)
  settings.locale = canonicalLocale(settings.locale)
  const errors = new FieldErrors()
  if (settings.passwordPolicy.minLength > settings.passwordPolicy.maxLength) {
    errors.add('settings.passwordPolicy.minLength', 'out_of_range', 'must not be greater than maxLength')
  }
  if (settings.agentNumbers.extensionFrom > settings.agentNumbers.extensionTo) {
    errors.add('settings.agentNumbers.extensionFrom', 'out_of_range', 'must not be greater than extensionTo')
  }
  errors.throwIfAny()
}

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    active: row.active === 1,
    settings: settingsOf(row),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }
}

const auditView = (t: Tenant) => ({ slug: t.slug, name: t.name, active: t.active, settings: t.settings })

/** Inserts a tenant with its built-in roles inside the caller's transaction. */
export async function insertTenantWithRoles(trx: Kysely<Database>, ctx: Context | null, input: TenantCreate): Promise<TenantRow> {
  const now = Date.now()
  const settings = mergeSettings(defaultSettings(), input.settings)
  checkSettings(settings)
  const row: TenantRow = {
    id: newId(now), slug: input.slug, name: input.name, active: input.active === false ? 0 : 1,
    settings: JSON.stringify(settings), created_at: now, created_by: ctx?.actor.userId ?? null,
    updated_at: now, updated_by: ctx?.actor.userId ?? null, version: 1,
  }
  try {
    await insertTenant(trx, row)
  } catch (error) {
    if (violatedUniqueIndex(error) === 'tenants_slug_key') throw slugTaken()
    throw error
  }
  await seedBuiltinRoles(trx, row.id, row.slug === PLATFORM_TENANT_SLUG)
  await seedDefaultGroup(trx, row.id)
  await recordAudit(trx, ctx, { tenantId: row.id, action: 'tenant.create', entityType: 'tenant', entityId: row.id, changes: diff(null, auditView(toTenant(row))) })
  return row
}

export async function createTenant(db: DB, ctx: Context, input: TenantCreate): Promise<Tenant> {
  authorize(ctx, 'tenants:manage')
  if (await findTenantBySlug(db, input.slug)) throw slugTaken()
  const row = await db.transaction().execute((trx) => insertTenantWithRoles(trx, ctx, input))
  return toTenant(row)
}

/** Reads a tenant the actor may see: platform administrators any, others their own with settings:manage. */
async function visibleTenant(db: Kysely<Database>, ctx: Context, id: string, lock = false): Promise<TenantRow> {
  const row = isId(id) ? await findTenantById(db, id, lock) : undefined
  if (!row || !canSeeTenant(ctx, row.id)) throw notFound('tenant')
  if (!ctx.actor.isPlatformAdmin) authorize(ctx, 'settings:manage')
  return row
}

export async function getTenant(db: DB, ctx: Context, id: string): Promise<Tenant> {
  return toTenant(await visibleTenant(db, ctx, id))
}

export async function listTenants(db: DB, ctx: Context, query: TenantListQuery) {
  authorize(ctx, 'tenants:manage')
  const page = await paginate({
    rows: tenantListQuery(db, query).selectAll(),
    count: async () => Number((await tenantListQuery(db, query).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    sort: { column: 'slug', tieBreaker: 'id', order: query.order, key: `slug:${query.order}` },
    request: query,
    dialect: dialectOf(db),
    cursorOf: (row) => [row.slug, row.id],
  })
  return { ...page, items: page.items.map(toTenant) }
}

export async function updateTenant(db: DB, ctx: Context, id: string, patch: TenantPatch, expected: number | undefined): Promise<Tenant> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleTenant(trx, ctx, id, true)
    checkVersion(row.version, expected)
    if ((patch.slug !== undefined && patch.slug !== row.slug) || (patch.active !== undefined && (patch.active ? 1 : 0) !== row.active)) {
      // Slug and active decide who can sign in where: platform administrators only.
      if (!ctx.actor.isPlatformAdmin) throw forbidden('Only platform administrators change a tenant\'s slug or active state.')
      if (row.slug === PLATFORM_TENANT_SLUG) throw platformTenantProtected()
    }
    const before = toTenant(row)
    const settings = mergeSettings(before.settings, patch.settings)
    checkSettings(settings)
    const changes: Partial<TenantRow> = {
      slug: patch.slug ?? row.slug,
      name: patch.name ?? row.name,
      active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
      settings: JSON.stringify(settings),
      updated_at: Date.now(),
      updated_by: ctx.actor.userId,
    }
    try {
      if (!(await updateTenantRow(trx, row.id, row.version, changes))) throw versionConflict()
    } catch (error) {
      if (violatedUniqueIndex(error) === 'tenants_slug_key') throw slugTaken()
      throw error
    }
    const after = toTenant({ ...row, ...changes, version: row.version + 1 })
    await recordAudit(trx, ctx, { tenantId: row.id, action: 'tenant.update', entityType: 'tenant', entityId: row.id, changes: diff(auditView(before), auditView(after)) })
    return after
  })
}
