import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { Campaign, CampaignCreate, CampaignListQuery, CampaignPage, CampaignPatch } from './schema.js'
import { createCampaign, deleteCampaign, getCampaign, listCampaigns, updateCampaign } from './service.js'

const tags = ['campaigns']

export const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/campaigns', {
    config: { access: 'campaigns:read' },
    schema: { tags, summary: 'List campaigns (campaigns:read)', querystring: CampaignListQuery, response: { 200: CampaignPage, ...ERROR_RESPONSES } },
  }, (request) => listCampaigns(app.db, contextOf(request), request.query))

  app.post('/campaigns', {
    config: { access: 'campaigns:manage' },
    schema: { tags, summary: 'Create a campaign (campaigns:manage)', body: CampaignCreate, response: { 201: Campaign, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createCampaign(app.db, contextOf(request), request.body))))

  app.get('/campaigns/:id', {
    config: { access: 'campaigns:read' },
    schema: { tags, summary: 'Read a campaign (campaigns:read)', params: IdParams, response: { 200: Campaign, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getCampaign(app.db, contextOf(request), request.params.id)))

  app.patch('/campaigns/:id', {
    config: { access: 'campaigns:manage' },
    schema: { tags, summary: 'Rename, activate or deactivate a campaign (campaigns:manage); honours If-Match', params: IdParams, body: CampaignPatch, response: { 200: Campaign, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateCampaign(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/campaigns/:id', {
    config: { access: 'campaigns:manage' },
    schema: { tags, summary: 'Delete a campaign; users lose the link (campaigns:manage); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteCampaign(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })
}
