// Builds the Fastify application: plugins, error handling, authentication and every feature's routes.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { defaultPublicUrl, publicOrigin, type Config } from '../config.js'
import type { RelyingParty } from '../passkeys/service.js'
import { passkeyRoutes } from '../passkeys/routes.js'
import type { DB } from '../db/database.js'
import type { Context } from '../auth/context.js'
import { authenticateApiKey, authorize } from '../auth/service.js'
import type { Permission } from '../roles/permissions.js'
import { unauthenticated } from '../auth/errors.js'
import { isForeignKeyViolation, violatedUniqueIndex } from '../db/errors.js'
import { securityHeaders } from './security-headers.js'
import { DEFAULT_WEB_ROOT, webRoutes } from './web.js'
import { Problem, titleFor } from './problem.js'
import { validatorCompiler } from './validation.js'
import './formats.js'
import { tenantRoutes } from '../tenants/routes.js'
import { roleRoutes } from '../roles/routes.js'
import { campaignRoutes } from '../campaigns/routes.js'
import { teamRoutes } from '../teams/routes.js'
import { groupRoutes } from '../groups/routes.js'
import { skillRoutes } from '../skills/routes.js'
import { userRoutes } from '../users/routes.js'
import { apiKeyRoutes } from '../api-keys/routes.js'
import { auditRoutes } from '../audit/routes.js'
import { sessionRoutes } from '../sessions/routes.js'
import { credentialRoutes } from '../credentials/routes.js'
import { signInRoutes } from '../sign-in/routes.js'
import { secondFactorRoutes } from '../second-factors/routes.js'
import type { SecretBox } from '../auth/secret-box.js'
import { Messenger, type MessagesConfig } from '../messages/service.js'
import { passwordResetRoutes } from '../password-reset/routes.js'
import { voiceRoutes } from '../voice/routes.js'
import { avatarRoutes } from '../avatars/routes.js'
import { authenticateSession, csrfMatches, CSRF_HEADER, SESSION_COOKIE, type SessionAuth } from '../sessions/service.js'
import { csrfFailed, noSignIn } from '../sign-in/errors.js'

/**
 * What a route needs: a permission; 'authenticated': any valid API key or signed-in session (for what
 * callers do to themselves); 'session': this browser's session, even one still in its sign-in steps;
 * 'public': nothing (signing in).
 */
export type RouteAccess = Permission | 'authenticated' | 'session' | 'public'

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
  interface FastifyRequest {
    ctx: Context | null
    /** The session cookie's session, when the request was authenticated by it. */
    session: SessionAuth | null
  }
  interface FastifyInstance {
    db: DB
    /** Seals and opens stored secrets (TOTP keys) with the configured key. */
    secrets: SecretBox
    /** Email and SMS (or, unconfigured, the development outbox). */
    messenger: Messenger
    /** Passkeys: the pages' host name and origin, and how long a ceremony may take. */
    relyingParty: RelyingParty
  }
}

export type App = FastifyInstance

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The authenticated context of a request to /api/v1 (the auth hook guarantees it is there). */
export function contextOf(request: FastifyRequest): Context {
  if (!request.ctx) throw unauthenticated()
  return request.ctx
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty_body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_VALIDATION: [422, 'validation_failed'],
}

function toProblem(error: FastifyError | Error): Problem {
  if (error instanceof Problem) return error
  const fe = error as FastifyError
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined
  if (known) return new Problem(known[0], known[1], fe.message)
  // A constraint the service did not expect to be hit: a race with another writer.
  if (violatedUniqueIndex(error)) return new Problem(409, 'conflict', 'This conflicts with a change made at the same time. Try again.')
  if (isForeignKeyViolation(error)) return new Problem(409, 'reference_changed', 'Something this refers to was changed or deleted at the same time. Try again.')
  if (error instanceof SyntaxError && fe.statusCode === 400) return new Problem(400, 'malformed_json', 'The body is not valid JSON.')
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, 'bad_request', fe.message)
  }
  return new Problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.')
}

export interface AppOptions {
  db: DB
  secrets: SecretBox
  messages: MessagesConfig
  /** publicUrl defaults to http://localhost:8080, webauthnTimeoutMs to a minute. */
  config: Pick<Config, 'trustProxy' | 'logLevel'> & Partial<Pick<Config, 'publicUrl' | 'webauthnTimeoutMs'>>
  logger?: boolean
  /** The built pages (default: web/dist of this package). */
  webRoot?: string
}

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: options.config.logLevel,
      // Never log credentials.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: options.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.decorate('db', options.db)
  app.decorate('secrets', options.secrets)
  app.decorate('messenger', new Messenger(options.messages, app.log))
  const { origin, rpId } = publicOrigin(options.config.publicUrl ?? defaultPublicUrl(8080))
  app.decorate('relyingParty', { id: rpId, name: 'Gatehouse', origin, timeoutMs: options.config.webauthnTimeoutMs ?? 60_000 })
  app.addHook('onClose', async () => app.messenger.close())
  app.decorateRequest('ctx', null)
  app.decorateRequest('session', null)
  await app.register(cookie)

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error as Error)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    for (const [name, value] of Object.entries(problem.headers ?? {})) void reply.header(name, value)
    return reply
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({
        type: 'about:blank',
        title: titleFor(problem.status),
        status: problem.status,
        code: problem.code,
        detail: problem.message,
        instance: request.url,
        ...(problem.errors ? { errors: problem.errors } : {}),
      }))
  })
  app.setNotFoundHandler((request) => {
    throw new Problem(404, 'route_not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`)
  })

  const headers = securityHeaders()
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers)
    done()
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gatehouse API',
        version: '1',
        description: 'User and access management for contact centres. Authenticate with `Authorization: Bearer <API key>`. Errors are RFC 9457 problem details with a stable `code`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made with `gatehouse api-key create` or POST /api/v1/api-keys' } } },
      security: [{ apiKey: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(options.db)
      return { status: 'ready' }
    } catch {
      throw new Problem(503, 'database_unavailable', 'The database does not answer.')
    }
  })

  await app.register(webRoutes, { root: options.webRoot ?? DEFAULT_WEB_ROOT })

  await app.register(async (api) => {
    // Secure by default: a route that does not say who may call it does not start.
    api.addHook('onRoute', (route) => {
      if (!route.config?.access) throw new Error(`${route.method} ${route.url} declares no config.access`)
    })
    api.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access
      if (access === 'public') return
      const header = request.headers.authorization
      if (header !== undefined && access !== 'session') {
        const match = /^Bearer\s+(\S+)$/i.exec(header)
        if (!match) throw unauthenticated()
        request.ctx = { actor: await authenticateApiKey(options.db, match[1]!), clientIp: request.ip }
        return
      }
      const secret = request.cookies[SESSION_COOKIE]
      const session = secret ? await authenticateSession(options.db, secret) : null
      if (!session) throw access === 'session' ? noSignIn() : unauthenticated()
      // A session still in its sign-in steps opens nothing but those steps.
      if (session.state !== 'active' && access !== 'session') throw unauthenticated()
      // A browser sends the cookie with cross-site requests too; only our pages know the token.
      if (!SAFE_METHODS.has(request.method) && !csrfMatches(session.csrfToken, request.headers[CSRF_HEADER])) throw csrfFailed()
      request.session = session
      request.ctx = { actor: session.actor, clientIp: request.ip }
    })
    // Before validation, so a caller without the permission learns nothing about valid input.
    api.addHook('preValidation', async (request) => {
      const access = request.routeOptions.config.access
      if (access && access !== 'authenticated' && access !== 'session' && access !== 'public') authorize(contextOf(request), access)
    })
    await api.register(tenantRoutes)
    await api.register(roleRoutes)
    await api.register(campaignRoutes)
    await api.register(teamRoutes)
    await api.register(groupRoutes)
    await api.register(skillRoutes)
    await api.register(userRoutes)
    await api.register(apiKeyRoutes)
    await api.register(auditRoutes)
    await api.register(sessionRoutes)
    await api.register(credentialRoutes)
    await api.register(signInRoutes)
    await api.register(secondFactorRoutes)
    await api.register(passkeyRoutes)
    await api.register(passwordResetRoutes)
    await api.register(voiceRoutes)
    await api.register(avatarRoutes)
  }, { prefix: '/api/v1' })

  return app
}
