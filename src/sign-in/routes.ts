import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { ERROR_RESPONSES } from '../http/schemas.js'
import { SESSION_COOKIE, type SessionAuth } from '../sessions/service.js'
import { noSignIn } from './errors.js'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import {
  CampaignChoice, EmailCodeAnswer, EmailCodeRequest, EmailCodeSent, NewPassword, PasskeySignInStart, ProfileStep, SecondFactorAnswer, SignInAnswer,
  SignInMethods, SignInMethodsQuery, SignInStart, TotpStepConfirm,
} from './schema.js'
import { TotpEnrolment } from '../second-factors/schema.js'
import { AuthenticationOptions, PasskeyAssertion, PasskeyRegistration, RegistrationOptions } from '../passkeys/schema.js'
import {
  chooseCampaign, confirmTotpStep, passkeySecondFactorOptions, passkeySecondFactorStep, passkeySetupOptions, passkeySetupStep, passkeySignIn,
  passkeySignInOptions, secondFactorStep, sendEmailCode, signIn, signInMethods, signInState, signOut, startTotpStep, updatePasswordStep,
  updateProfileStep, verifyEmailStep, type Client,
} from './service.js'

const tags = ['sign-in']

/** The cookie that binds a sign-in with a passkey alone to the browser that asked for its challenge. */
const PASSKEY_ATTEMPT_COOKIE = 'gatehouse_passkey_attempt'
const PASSKEY_PATH = '/api/v1/sign-in/passkey'

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

  app.post('/sign-in/second-factor/passkey-options', {
    config: { access: 'session' },
    schema: {
      tags, summary: 'The second_factor step with a passkey: options for navigator.credentials.get(); the challenge works once, for about a minute',
      security: [], response: { 200: AuthenticationOptions, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return passkeySecondFactorOptions(app.db, app.relyingParty, sessionOf(request))
  })

  app.post('/sign-in/second-factor/passkey', {
    config: { access: 'session' },
    schema: { tags, summary: 'The second_factor step answered by one of your passkeys (its assertion response)', security: [], body: PasskeyAssertion, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => passkeySecondFactorStep(app.db, app.relyingParty, sessionOf(request), request.body.response as AuthenticationResponseJSON, clientOf(request)))

  app.post('/sign-in/passkey-registration', {
    config: { access: 'session' },
    schema: {
      tags, summary: 'The configure_totp step with a passkey instead of an app: options for navigator.credentials.create()',
      security: [], response: { 200: RegistrationOptions, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return passkeySetupOptions(app.db, app.relyingParty, sessionOf(request))
  })

  app.post('/sign-in/passkey-registration/confirm', {
    config: { access: 'session' },
    schema: { tags, summary: 'The configure_totp step: the new passkey (its attestation response); the first factor comes with ten recovery codes', security: [], body: PasskeyRegistration, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store')
    return passkeySetupStep(app.db, app.relyingParty, app.secrets, sessionOf(request), request.body.name, request.body.response as RegistrationResponseJSON, clientOf(request))
  })

  app.post('/sign-in/profile', {
    config: { access: 'session' },
    schema: { tags, summary: 'The update_profile step: your reviewed names, email, mobile phone, language and time zone', security: [], body: ProfileStep, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => updateProfileStep(app.db, sessionOf(request), request.body, clientOf(request)))

  app.post('/sign-in/email/code', {
    config: { access: 'session' },
    schema: {
      tags, summary: 'The verify_email step: send a one-time code to your email address (give one if the account has none); one a minute',
      security: [], body: EmailCodeRequest, response: { 200: EmailCodeSent, ...ERROR_RESPONSES },
    },
  }, async (request) => sendEmailCode(app.db, app.secrets, app.messenger, sessionOf(request), request.body.email, clientOf(request)))

  app.post('/sign-in/email/verify', {
    config: { access: 'session' },
    schema: { tags, summary: 'The verify_email step: the code from the email (single use, 15 minutes, 5 tries)', security: [], body: EmailCodeAnswer, response: { 200: SignInAnswer, ...ERROR_RESPONSES } },
  }, async (request) => verifyEmailStep(app.db, app.secrets, sessionOf(request), request.body.code, clientOf(request)))

  app.get('/sign-in/methods', {
    config: { access: 'public' },
    schema: { tags, summary: 'How one signs in to a tenant: whether "Sign in with a passkey" is offered (false for an unknown tenant)', security: [], querystring: SignInMethodsQuery, response: { 200: SignInMethods, ...ERROR_RESPONSES } },
  }, async (request) => signInMethods(app.db, request.query.tenant))

  app.post('/sign-in/passkey/options', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Sign in with a passkey alone (where the tenant allows it): options for navigator.credentials.get(), bound to this browser by a cookie',
      security: [], body: PasskeySignInStart, response: { 200: AuthenticationOptions, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { attemptSecret, options } = await passkeySignInOptions(app.db, app.relyingParty, request.body.tenant)
    void reply.setCookie(PASSKEY_ATTEMPT_COOKIE, attemptSecret, {
      httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: PASSKEY_PATH, maxAge: Math.ceil(app.relyingParty.timeoutMs / 1000),
    })
    void reply.header('Cache-Control', 'no-store')
    return options
  })

  app.post('/sign-in/passkey', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Sign in with a passkey alone: its assertion response; sets the session cookie. One answer (401 invalid_credentials) for every failure.',
      security: [], body: PasskeyAssertion, response: { 200: SignInAnswer, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const attempt = request.cookies[PASSKEY_ATTEMPT_COOKIE]
    void reply.clearCookie(PASSKEY_ATTEMPT_COOKIE, { path: PASSKEY_PATH })
    const { secret, answer } = await passkeySignIn(app.db, app.relyingParty, attempt, request.body.response as AuthenticationResponseJSON, clientOf(request))
    setSessionCookie(request, reply, secret)
    void reply.header('Cache-Control', 'no-store')
    return answer
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
