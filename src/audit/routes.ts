import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { contextOf } from '../http/app.js'
import { ERROR_RESPONSES } from '../http/schemas.js'
import { AuditListQuery, AuditPage } from './schema.js'
import { listAuditEvents } from './service.js'

// Read-only on purpose: no route changes or deletes audit events (and the database refuses it too).
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', {
    config: { access: 'audit:read' },
    schema: { tags: ['audit'], summary: 'The audit trail, newest first (audit:read)', querystring: AuditListQuery, response: { 200: AuditPage, ...ERROR_RESPONSES } },
  }, (request) => {
    const { from, to, ...rest } = request.query
    return listAuditEvents(app.db, contextOf(request), {
      ...rest,
      ...(from ? { from: Date.parse(from) } : {}),
      ...(to ? { to: Date.parse(to) } : {}),
    })
  })
}
