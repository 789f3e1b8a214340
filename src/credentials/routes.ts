import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { GeneratedPassword, GeneratePasswordQuery, LockState, OwnPasswordChange, PasswordSet, PasswordSetAnswer } from './schema.js'
import { changeOwnPassword, generateTenantPassword, lockUser, setPassword, unlockUser } from './service.js'

export const credentialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/users/:id/password', {
    config: { access: 'users:credentials' },
    schema: {
      tags: ['users'], summary: 'Set or generate a user\'s password (users:credentials); temporary by default: changed at the next sign-in. Ends the user\'s sessions.',
      params: IdParams, body: PasswordSet, response: { 200: PasswordSetAnswer, ...ERROR_RESPONSES },
    },
  }, async (request) => setPassword(app.db, contextOf(request), request.params.id, request.body))

  app.post('/users/:id/lock', {
    config: { access: 'users:credentials' },
    schema: { tags: ['users'], summary: 'Lock an account until it is unlocked (users:credentials); ends the user\'s sessions', params: IdParams, response: { 200: LockState, ...ERROR_RESPONSES } },
  }, async (request) => lockUser(app.db, contextOf(request), request.params.id))

  app.post('/users/:id/unlock', {
    config: { access: 'users:credentials' },
    schema: { tags: ['users'], summary: 'Unlock an account locked by wrong passwords (users:credentials)', params: IdParams, response: { 200: LockState, ...ERROR_RESPONSES } },
  }, async (request) => unlockUser(app.db, contextOf(request), request.params.id))

  app.get('/password-generator', {
    config: { access: 'users:write' },
    schema: { tags: ['users'], summary: 'A random password that meets the tenant\'s policy (users:write)', querystring: GeneratePasswordQuery, response: { 200: GeneratedPassword, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return { password: await generateTenantPassword(app.db, contextOf(request), request.query.tenant) }
  })

  app.post('/me/password', {
    config: { access: 'authenticated' },
    schema: { tags: ['account'], summary: 'Change your own password (the current one is required); your other sessions end', body: OwnPasswordChange, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await changeOwnPassword(app.db, contextOf(request), request.body)
    return reply.status(204).send(null)
  })
}
