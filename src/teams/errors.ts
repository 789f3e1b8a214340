import { conflict } from '../http/problem.js'

export const teamNameTaken = () => conflict('team_name_taken', 'The tenant already has a team with this name.', 'name')
