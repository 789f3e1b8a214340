import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyListQuery, ApiKeyPage } from './schema.js'
import { createApiKey, listApiKeys, revokeApiKey } from './service.js'

const tags = ['api-keys']

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api-keys', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List your API keys, or another user\'s (users:credentials)', querystring: ApiKeyListQuery, response: { 200: ApiKeyPage, ...ERROR_RESPONSES } },
  }, (request) => listApiKeys(app.db, contextOf(request), request.query))

  app.post('/api-keys', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Create an API key; the key is in the answer once', body: ApiKeyCreate, response: { 201: ApiKeyCreated, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return reply.status(201).send(await createApiKey(app.db, contextOf(request), request.body))
  })

  app.delete('/api-keys/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Revoke an API key (yours, or another user\'s with users:credentials)', params: IdParams, response: { 200: ApiKey, ...ERROR_RESPONSES } },
  }, (request) => revokeApiKey(app.db, contextOf(request), request.params.id))
}
