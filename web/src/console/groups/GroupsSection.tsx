// /groups, /groups/new, /groups/<id>.
import { sectionOf } from '../lists/section'
import { GroupEditor } from './GroupEditor'
import { GroupsPage } from './GroupsPage'

export default sectionOf(GroupsPage, GroupEditor)
