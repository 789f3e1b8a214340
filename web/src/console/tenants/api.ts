// Tenants (platform administrators): the list page reads pages of /api/v1/tenants; the editor one
// tenant with its ETag.
import type { Tenant, TenantCreate, TenantPatch } from '../../api/types'
import { resourceApi } from '../forms/resource-api'

export const tenantsApi = resourceApi<Tenant, TenantCreate, TenantPatch>('/api/v1/tenants')

/** The platform tenant, whose slug and active state stay as they are. */
export const PLATFORM_TENANT = 'system'
