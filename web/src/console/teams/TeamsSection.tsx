// /teams, /teams/new, /teams/<id>.
import { sectionOf } from '../lists/section'
import { TeamEditor } from './TeamEditor'
import { TeamsPage } from './TeamsPage'

export default sectionOf(TeamsPage, TeamEditor)
