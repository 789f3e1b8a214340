import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { UserGroup, UserGroupCreate, UserGroupListQuery, UserGroupPage, UserGroupPatch } from './schema.js'
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './service.js'

const tags = ['user groups']

export const groupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/user-groups', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'List user groups with their properties and sizes (users:read)', querystring: UserGroupListQuery, response: { 200: UserGroupPage, ...ERROR_RESPONSES } },
  }, (request) => listGroups(app.db, contextOf(request), request.query))

  app.post('/user-groups', {
    config: { access: 'groups:manage' },
    schema: { tags, summary: 'Create a user group (groups:manage)', body: UserGroupCreate, response: { 201: UserGroup, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createGroup(app.db, contextOf(request), request.body))))

  app.get('/user-groups/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'Read a user group (users:read)', params: IdParams, response: { 200: UserGroup, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getGroup(app.db, contextOf(request), request.params.id)))

  app.patch('/user-groups/:id', {
    config: { access: 'groups:manage' },
    schema: {
      tags, summary: 'Change a user group: its users inherit the new values at once (groups:manage); honours If-Match',
      params: IdParams, body: UserGroupPatch, response: { 200: UserGroup, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => sendVersioned(reply, await updateGroup(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/user-groups/:id', {
    config: { access: 'groups:manage' },
    schema: { tags, summary: 'Delete an empty user group, not the default one (groups:manage); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteGroup(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })
}
