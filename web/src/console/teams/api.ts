// Teams: the list page reads pages of /api/v1/teams; the editor one team with its ETag.
import type { Team, TeamCreate, TeamPatch } from '../../api/types'
import { resourceApi } from '../forms/resource-api'

export const teamsApi = resourceApi<Team, TeamCreate, TeamPatch>('/api/v1/teams')
