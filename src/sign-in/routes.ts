import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { ERROR_RESPONSES } from '../http/schemas.js'
import { SESSION_COOKIE, type SessionAuth } from '../sessions/service.js'
import { noSignIn } from './errors.js'
import { CampaignChoice, NewPassword, SecondFactorAnswer, SignInAnswer, SignInStart, TotpStepConfirm } from './schema.js'
import { TotpEnrolment } from '../second-factors/schema.js'
import {
  chooseCampaign, confirmTotpStep, secondFactorStep, signIn, signInState, signOut, startTotpStep, updatePasswordStep, type Client,
} from './service.js'

const tags = ['sign-in']

const clientOf = (request: FastifyRequest): Client => ({ ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? '' })

function sessionOf(request: FastifyRequest): SessionAuth {
  if (!request.session) throw noSignIn()
  return request.session
}

/** HttpOnly, SameSite=Lax; Secure whenever the request came over HTTPS (behind a proxy: set trustProxy). */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  void reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' })
}

export const signInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // JSON bodies only: a cross-site form cannot send application/json without CORS allowing it, which
  // is what keeps this cookie-less first step safe from login CSRF.
  app.post('/sign-in', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Sign in with tenant, username and password; sets the session cookie. One answer (401 invalid_credentials) for every failure.',
      security: [], body: SignInStart, response: { 200: SignInAnswer, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { secret, answer } = await signIn(app.db, request.body, clientOf(request))
    setSessionCookie(request, reply, secret)
    void reply.header('Cache-Control', 'no-store')
    return answer
  })

  app.get('/sign-in', {
    config: { access: 'session' },
    schema: { tags, summary: 'Where this browser\'s sign-in stands: the steps left', security: [], response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return signInState(app.db, sessionOf(request))
  })

  app.post('/sign-in/campaign', {
    config: { access: 'session' },
    schema: { tags, summary: 'The choose_campaign step: one of your campaigns for this session', security: [], body: CampaignChoice, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => chooseCampaign(app.db, sessionOf(request), request.body.campaignId, clientOf(request)))

  app.post('/sign-in/password', {
    config: { access: 'session' },
    schema: { tags, summary: 'The update_password step: a new password under the tenant\'s policy', security: [], body: NewPassword, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => updatePasswordStep(app.db, sessionOf(request), request.body.newPassword, clientOf(request)))

  app.post('/sign-in/second-factor', {
    config: { access: 'session' },
    schema: { tags, summary: 'The second_factor step: a code from your authenticator app, or a recovery code', security: [], body: SecondFactorAnswer, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => secondFactorStep(app.db, app.secrets, sessionOf(request), request.body.method, request.body.code, clientOf(request)))

  app.post('/sign-in/totp', {
    config: { access: 'session' },
    schema: { tags, summary: 'The configure_totp step: a new authenticator key as a QR code', security: [], response: { 200: TotpEnrolment, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return startTotpStep(app.db, app.secrets, sessionOf(request))
  })

  app.post('/sign-in/totp/confirm', {
    config: { access: 'session' },
    schema: { tags, summary: 'The configure_totp step: confirm the key with the code the app shows', security: [], body: TotpStepConfirm, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return confirmTotpStep(app.db, app.secrets, sessionOf(request), request.body.id, request.body.code, clientOf(request))
  })

  app.post('/sign-out', {
    config: { access: 'session' },
    schema: { tags, summary: 'End this browser\'s session', security: [], response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await signOut(app.db, sessionOf(request), clientOf(request))
    void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send(null)
  })
}
