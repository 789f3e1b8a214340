import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { AgentIdListQuery, AgentIdPage, PresenceReport, User, UserBulkRequest, UserBulkResult, UserCreate, UserListQuery, UserPage, UserPatch } from './schema.js'
import { bulkChangeUsers, createUser, reportPresence, deleteUser, exportUsersCsv, getUser, listAgentIds, searchUsers, updateUser } from './service.js'

const tags = ['users']

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users', {
    config: { access: 'users:read' },
    schema: {
      tags,
      summary: 'Search users (users:read); send Accept: text/csv to export every match',
      querystring: UserListQuery,
      response: { 200: { content: { 'application/json': { schema: UserPage }, 'text/csv': { schema: Type.String() } } }, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request)
    if (/\btext\/csv\b/.test(request.headers.accept ?? '')) {
      const lines = exportUsersCsv(app.db, ctx, request.query)
      // Run up to the first line before answering, so that a refused export still gets its problem answer.
      const first = await lines.next()
      const csv = Readable.from((async function* () {
        if (!first.done) yield first.value
        yield* lines
      })())
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="users.csv"')
        .send(csv as unknown as string) // a stream; the typed reply only knows the documented bodies
    }
    return searchUsers(app.db, ctx, request.query)
  })

  app.post('/users/bulk', {
    config: { access: 'users:write' },
    schema: {
      tags, summary: 'A bulk action on listed users or on every user a search matches (users:write; delete: users:delete); each user under the single-user rules, refusals listed',
      body: UserBulkRequest, response: { 200: UserBulkResult, ...ERROR_RESPONSES },
    },
  }, (request) => bulkChangeUsers(app.db, contextOf(request), request.body))

  app.put('/users/:id/presence', {
    config: { access: 'presence:write' },
    schema: {
      tags, summary: 'The telephony reports a user logging on to or off the queues, with the profile chosen (presence:write; for a machine API key)',
      params: IdParams, body: PresenceReport, response: { 200: User, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => sendVersioned(reply, await reportPresence(app.db, contextOf(request), request.params.id, request.body)))

  app.get('/users/agent-ids', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'Agent IDs in use and the next free one ("See used IDs"; users:read)', querystring: AgentIdListQuery, response: { 200: AgentIdPage, ...ERROR_RESPONSES } },
  }, (request) => listAgentIds(app.db, contextOf(request), request.query))

  app.post('/users', {
    config: { access: 'users:write' },
    schema: { tags, summary: 'Create a user (users:write; only roles whose permissions you hold)', body: UserCreate, response: { 201: User, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createUser(app.db, contextOf(request), request.body))))

  app.get('/users/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'Read a user (users:read)', params: IdParams, response: { 200: User, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getUser(app.db, contextOf(request), request.params.id)))

  app.patch('/users/:id', {
    config: { access: 'users:write' },
    schema: { tags, summary: 'Change a user, including active, role, campaigns, teams and identities (users:write); honours If-Match', params: IdParams, body: UserPatch, response: { 200: User, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateUser(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/users/:id', {
    config: { access: 'users:delete' },
    schema: { tags, summary: 'Delete a user for good (users:delete); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteUser(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })
}
