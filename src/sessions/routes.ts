import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import { OwnProfilePatch, User } from '../users/schema.js'
import { getOwnUser, ownEditableFields, updateOwnProfile } from '../users/service.js'
import { EndedSessions, Me, SessionList, SignInEvent } from './schema.js'
import { listOwnSignIns } from '../audit/service.js'
import { findTenantById } from '../tenants/queries.js'
import { settingsOf } from '../tenants/service.js'
import { endOwnSession, endUserSessions, listOwnSessions, listUserSessions } from './service.js'

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['account'], summary: 'Who is calling: the user, permissions, session and chosen campaign', response: { 200: Me, ...ERROR_RESPONSES } },
  }, async (request) => {
    const ctx = contextOf(request)
    const tenant = await findTenantById(app.db, ctx.actor.tenantId)
    const settings = tenant ? settingsOf(tenant) : null
    const user = await getOwnUser(app.db, ctx)
    return {
      user,
      tenantSlug: ctx.actor.tenantSlug,
      permissions: [...ctx.actor.permissions].sort(),
      isPlatformAdmin: ctx.actor.isPlatformAdmin,
      sessionId: ctx.actor.sessionId,
      campaignId: ctx.actor.campaignId,
      editableFields: await ownEditableFields(app.db, ctx),
      // The language a user without a locale of their own inherits: their group's, else the tenant's.
      tenantLocale: (user.locale === null ? user.properties.language.effective : null) ?? settings?.locale ?? null,
      tenantTimeZone: settings?.timeZone ?? null,
    }
  })

  app.patch('/me', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['account'], summary: 'Change your own profile: locale and time zone, and the fields your tenant lets you edit (see editableFields)',
      body: OwnProfilePatch, response: { 200: User, ...ERROR_RESPONSES },
    },
  }, async (request) => updateOwnProfile(app.db, contextOf(request), request.body))

  app.get('/me/sign-ins', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['account'], summary: 'Your latest sign-ins and failed attempts, newest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(SignInEvent) }), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ items: await listOwnSignIns(app.db, contextOf(request), request.query.limit) }))

  app.get('/me/sessions', {
    config: { access: 'authenticated' },
    schema: { tags: ['account'], summary: 'Your sessions that have not ended', response: { 200: SessionList, ...ERROR_RESPONSES } },
  }, async (request) => ({ items: await listOwnSessions(app.db, contextOf(request)) }))

  app.delete('/me/sessions/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['account'], summary: 'End one of your sessions', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await endOwnSession(app.db, contextOf(request), request.params.id)
    return reply.status(204).send(null)
  })

  app.get('/users/:id/sessions', {
    config: { access: 'users:read' },
    schema: { tags: ['users'], summary: 'A user\'s sessions (users:read)', params: IdParams, response: { 200: SessionList, ...ERROR_RESPONSES } },
  }, async (request) => ({ items: await listUserSessions(app.db, contextOf(request), request.params.id) }))

  app.delete('/users/:id/sessions', {
    config: { access: 'users:credentials' },
    schema: { tags: ['users'], summary: 'End every session of a user (users:credentials)', params: IdParams, response: { 200: EndedSessions, ...ERROR_RESPONSES } },
  }, async (request) => ({ ended: await endUserSessions(app.db, contextOf(request), request.params.id) }))
}
