// /campaigns, /campaigns/new, /campaigns/<id>.
import { sectionOf } from '../lists/section'
import { CampaignEditor } from './CampaignEditor'
import { CampaignsPage } from './CampaignsPage'

export default sectionOf(CampaignsPage, CampaignEditor)
