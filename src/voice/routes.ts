import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { SipPasswordAnswer, TenantRefParams, UserVoice, VoicePatch } from './schema.js'
import { exportPjsip, getVoice, newSipPassword, updateVoice } from './service.js'

const tags = ['voice']

export const voiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users/:id/voice', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'A user\'s phone settings (users:read)', params: IdParams, response: { 200: UserVoice, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getVoice(app.db, contextOf(request), request.params.id)))

  app.patch('/users/:id/voice', {
    config: { access: 'users:write' },
    schema: { tags, summary: 'Change a user\'s phone settings (users:write); honours If-Match', params: IdParams, body: VoicePatch, response: { 200: UserVoice, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateVoice(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.post('/users/:id/sip-password', {
    config: { access: 'users:credentials' },
    schema: { tags, summary: 'A new SIP password for the user\'s phone, shown this once (users:credentials)', params: IdParams, response: { 200: SipPasswordAnswer, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return newSipPassword(app.db, app.secrets, contextOf(request), request.params.id)
  })

  app.get('/tenants/:tenant/pjsip.conf', {
    config: { access: 'voice:export' },
    schema: {
      tags, summary: 'The tenant\'s phones as Asterisk PJSIP configuration, SIP passwords included (voice:export)',
      params: TenantRefParams, response: { 200: { content: { 'text/plain': { schema: Type.String() } } }, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const parts = exportPjsip(app.db, app.secrets, contextOf(request), request.params.tenant)
    // Run up to the first part before answering, so that a refused export still gets its problem answer.
    const first = await parts.next()
    const body = Readable.from((async function* () {
      if (!first.done) yield first.value
      yield* parts
    })())
    return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store')
      .header('Content-Disposition', 'attachment; filename="pjsip.conf"').send(body as unknown as string)
  })
}
