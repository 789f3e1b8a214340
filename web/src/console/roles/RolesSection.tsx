// /roles, /roles/new, /roles/<id>.
import { sectionOf } from '../lists/section'
import { RoleEditor } from './RoleEditor'
import { RolesPage } from './RolesPage'

export default sectionOf(RolesPage, RoleEditor)
