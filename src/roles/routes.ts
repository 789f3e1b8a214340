import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { PermissionList, Role, RoleCreate, RoleListQuery, RolePage, RolePatch } from './schema.js'
import { createRole, deleteRole, getRole, listPermissions, listRoles, updateRole } from './service.js'

const tags = ['roles']

export const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/permissions', {
    config: { access: 'roles:read' },
    schema: { tags, summary: 'The permission catalogue (roles:read)', response: { 200: PermissionList, ...ERROR_RESPONSES } },
  }, async () => listPermissions())

  app.get('/roles', {
    config: { access: 'roles:read' },
    schema: { tags, summary: 'List roles (roles:read)', querystring: RoleListQuery, response: { 200: RolePage, ...ERROR_RESPONSES } },
  }, (request) => listRoles(app.db, contextOf(request), request.query))

  app.post('/roles', {
    config: { access: 'roles:manage' },
    schema: { tags, summary: 'Create a custom role (roles:manage; only permissions you hold)', body: RoleCreate, response: { 201: Role, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createRole(app.db, contextOf(request), request.body))))

  app.get('/roles/:id', {
    config: { access: 'roles:read' },
    schema: { tags, summary: 'Read a role (roles:read)', params: IdParams, response: { 200: Role, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getRole(app.db, contextOf(request), request.params.id)))

  app.patch('/roles/:id', {
    config: { access: 'roles:manage' },
    schema: { tags, summary: 'Change a custom role (roles:manage); honours If-Match', params: IdParams, body: RolePatch, response: { 200: Role, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateRole(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/roles/:id', {
    config: { access: 'roles:manage' },
    schema: { tags, summary: 'Delete a custom role nobody holds (roles:manage); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteRole(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })
}
