import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES } from '../http/schemas.js'
import { PasskeyAdded, PasskeyRegistration, RegistrationOptions } from './schema.js'
import { addOwnPasskey, ownPasskeyOptions } from './service.js'

const tags = ['account']

export const passkeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/me/passkeys/options', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Start adding a passkey or security key: options for navigator.credentials.create(); the challenge works once, for about a minute',
      response: { 200: RegistrationOptions, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return ownPasskeyOptions(app.db, app.relyingParty, contextOf(request))
  })

  app.post('/me/passkeys', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Add the passkey the authenticator made (its attestation response); the first factor comes with ten recovery codes',
      body: PasskeyRegistration, response: { 200: PasskeyAdded, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return addOwnPasskey(app.db, app.relyingParty, app.secrets, contextOf(request), request.body.name, request.body.response as unknown as RegistrationResponseJSON)
  })
}
