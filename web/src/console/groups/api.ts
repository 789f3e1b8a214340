// User groups: the list page reads pages of /api/v1/user-groups; the editor one group with its ETag.
import type { UserGroup, UserGroupCreate, UserGroupPatch } from '../../api/types'
import { resourceApi } from '../forms/resource-api'

export const groupsApi = resourceApi<UserGroup, UserGroupCreate, UserGroupPatch>('/api/v1/user-groups')
