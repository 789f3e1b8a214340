import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES, IdParams, Timestamp } from '../http/schemas.js'
import { ResetConfirm, ResetRequest, ResetRequested } from './schema.js'
import { confirmPasswordReset, inviteUser, requestPasswordReset, RESET_REQUESTED } from './service.js'

export const passwordResetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/password-reset', {
    config: { access: 'public' },
    schema: {
      tags: ['sign-in'], summary: 'Forgot password: send a one-time code by email or SMS. The answer is the same whether or not the account exists.',
      security: [], body: ResetRequest, response: { 202: ResetRequested, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    await requestPasswordReset(app.db, app.secrets, app.messenger, request.body, request.ip)
    return reply.status(202).send({ message: RESET_REQUESTED })
  })

  app.post('/password-reset/confirm', {
    config: { access: 'public' },
    schema: {
      tags: ['sign-in'], summary: 'Set a new password with a code from a reset or an invitation (single use, 5 tries); ends every session of the account',
      security: [], body: ResetConfirm, response: { 204: Type.Null(), ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    await confirmPasswordReset(app.db, app.secrets, request.body, request.ip)
    return reply.status(204).send(null)
  })

  app.post('/users/:id/invitation', {
    config: { access: 'users:credentials' },
    schema: {
      tags: ['users'], summary: 'Invite a user to set their own password: a one-time code by email or SMS, valid 72 hours (users:credentials)',
      params: IdParams, body: Type.Object({ channel: Type.Enum(['email', 'sms']) }, { additionalProperties: false }),
      response: { 200: Type.Object({ sentTo: Type.String(), expiresAt: Timestamp }), ...ERROR_RESPONSES },
    },
  }, async (request) => inviteUser(app.db, app.secrets, app.messenger, contextOf(request), request.params.id, request.body.channel))
}
