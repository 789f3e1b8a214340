import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { FactorList, FactorRename, FactorView, FactorsReset, RecoveryCodes, TotpConfirm, TotpConfirmed, TotpEnrolment, TotpStart } from './schema.js'
import {
  confirmTotp, listOwnFactors, listUserFactors, ownerOfContext, regenerateRecoveryCodes, removeOwnFactor, renameOwnFactor, resetUserFactors, startTotp,
} from './service.js'

const tags = ['account']

export const secondFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me/second-factors', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Your authenticators and passkeys, and how many recovery codes are left', response: { 200: FactorList, ...ERROR_RESPONSES } },
  }, async (request) => listOwnFactors(app.db, contextOf(request)))

  app.post('/me/totp', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Start adding an authenticator app: a new key as a QR code; confirm it with a first code', body: TotpStart, response: { 200: TotpEnrolment, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return startTotp(app.db, app.secrets, ownerOfContext(contextOf(request)), request.body.name)
  })

  app.post('/me/totp/:id/confirm', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Confirm an authenticator with the code it shows; the first factor comes with ten recovery codes', params: IdParams, body: TotpConfirm, response: { 200: TotpConfirmed, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return confirmTotp(app.db, app.secrets, contextOf(request), request.params.id, request.body.code)
  })

  app.patch('/me/second-factors/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Rename one of your authenticators or passkeys', params: IdParams, body: FactorRename, response: { 200: FactorView, ...ERROR_RESPONSES } },
  }, async (request) => renameOwnFactor(app.db, contextOf(request), request.params.id, request.body.name))

  app.delete('/me/second-factors/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Remove one of your authenticators or passkeys', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await removeOwnFactor(app.db, contextOf(request), request.params.id)
    return reply.status(204).send(null)
  })

  app.post('/me/recovery-codes', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Ten new recovery codes in place of the old ones, shown this once', response: { 200: RecoveryCodes, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return { recoveryCodes: await regenerateRecoveryCodes(app.db, app.secrets, contextOf(request)) }
  })

  app.get('/users/:id/second-factors', {
    config: { access: 'users:read' },
    schema: { tags: ['users'], summary: 'A user\'s second factors (users:read)', params: IdParams, response: { 200: FactorList, ...ERROR_RESPONSES } },
  }, async (request) => listUserFactors(app.db, contextOf(request), request.params.id))

  app.delete('/users/:id/second-factors', {
    config: { access: 'users:credentials' },
    schema: { tags: ['users'], summary: 'Reset a user\'s second factors and recovery codes (users:credentials)', params: IdParams, response: { 200: FactorsReset, ...ERROR_RESPONSES } },
  }, async (request) => resetUserFactors(app.db, contextOf(request), request.params.id))
}
