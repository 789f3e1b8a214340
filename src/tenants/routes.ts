import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { Tenant, TenantCreate, TenantListQuery, TenantPage, TenantPatch } from './schema.js'
import { createTenant, getTenant, listTenants, updateTenant } from './service.js'

const tags = ['tenants']

export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/tenants', {
    config: { access: 'tenants:manage' },
    schema: { tags, summary: 'List tenants (tenants:manage)', querystring: TenantListQuery, response: { 200: TenantPage, ...ERROR_RESPONSES } },
  }, (request) => listTenants(app.db, contextOf(request), request.query))

  app.post('/tenants', {
    config: { access: 'tenants:manage' },
    schema: { tags, summary: 'Create a tenant with its built-in roles (tenants:manage)', body: TenantCreate, response: { 201: Tenant, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createTenant(app.db, contextOf(request), request.body))))

  app.get('/tenants/:id', {
    config: { access: 'settings:manage' },
    schema: { tags, summary: 'Read a tenant (tenants:manage, or settings:manage for one\'s own)', params: IdParams, response: { 200: Tenant, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getTenant(app.db, contextOf(request), request.params.id)))

  app.patch('/tenants/:id', {
    config: { access: 'settings:manage' },
    schema: { tags, summary: 'Change a tenant\'s name, settings, slug or active state; honours If-Match', params: IdParams, body: TenantPatch, response: { 200: Tenant, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateTenant(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))
}
