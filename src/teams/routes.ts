import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { Team, TeamCreate, TeamListQuery, TeamPage, TeamPatch } from './schema.js'
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './service.js'

const tags = ['teams']

export const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/teams', {
    config: { access: 'teams:read' },
    schema: { tags, summary: 'List teams (teams:read)', querystring: TeamListQuery, response: { 200: TeamPage, ...ERROR_RESPONSES } },
  }, (request) => listTeams(app.db, contextOf(request), request.query))

  app.post('/teams', {
    config: { access: 'teams:manage' },
    schema: { tags, summary: 'Create a team (teams:manage)', body: TeamCreate, response: { 201: Team, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createTeam(app.db, contextOf(request), request.body))))

  app.get('/teams/:id', {
    config: { access: 'teams:read' },
    schema: { tags, summary: 'Read a team (teams:read)', params: IdParams, response: { 200: Team, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getTeam(app.db, contextOf(request), request.params.id)))

  app.patch('/teams/:id', {
    config: { access: 'teams:manage' },
    schema: { tags, summary: 'Rename or describe a team (teams:manage); honours If-Match', params: IdParams, body: TeamPatch, response: { 200: Team, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateTeam(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/teams/:id', {
    config: { access: 'teams:manage' },
    schema: { tags, summary: 'Delete a team; its members lose the link (teams:manage); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteTeam(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })
}
