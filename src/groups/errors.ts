import { conflict, Problem } from '../http/problem.js'

export const groupNameTaken = () => conflict('group_name_taken', 'The tenant already has a user group with this name.', 'name')

export const defaultGroupRequired = () =>
  new Problem(409, 'default_group_required', 'The default group stays the default until another group is made the default; it cannot be deleted.')

export const groupInUse = (users: number) =>
  new Problem(409, 'group_in_use', `${users} user(s) belong to this group: move them to another group first.`)
