// Campaigns: the list page reads pages of /api/v1/campaigns; the editor one campaign with its ETag.
import type { Campaign, CampaignCreate, CampaignPatch } from '../../api/types'
import { resourceApi } from '../forms/resource-api'

export const campaignsApi = resourceApi<Campaign, CampaignCreate, CampaignPatch>('/api/v1/campaigns')
