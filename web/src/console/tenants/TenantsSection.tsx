// /tenants, /tenants/new, /tenants/<id>.
import { sectionOf } from '../lists/section'
import { TenantEditor } from './TenantEditor'
import { TenantsPage } from './TenantsPage'

export default sectionOf(TenantsPage, TenantEditor)
