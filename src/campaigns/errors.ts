import { conflict } from '../http/problem.js'

export const campaignNameTaken = () => conflict('campaign_name_taken', 'The tenant already has a campaign with this name.', 'name')
