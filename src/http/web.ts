// The browser pages (web/, built by Vite into web/dist): the hashed files under /assets/ are cached
// for a year; index.html is never cached and answers each page route, where the app in the browser
// takes over: the sign-in and account pages by name, and the console at / and every path of its pages
// (/users, /users/<id>, …; web/src/console/pages.ts), so that a new console page needs no route here.
// Nothing here answers under /api/, /assets/ or /t/ (but /t/<tenant>/login), where unknown routes stay
// problem+json 404s, nor for paths with a dot (files).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CONSOLE_PATH } from './page-paths.js'
import { Problem } from './problem.js'

/** web/dist beside src/ and dist/ (the same two levels up from src/http and dist/http). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** The named routes of web/src/router.ts. */
export const PAGE_ROUTES = ['/login', '/t/:tenant/login', '/forgot-password', '/account']

/** Routes that catch the console's paths (CONSOLE_PATH); what else they catch is not found. */
const CONSOLE_ROUTES = ['/', '/:page', '/:page/*']

export async function webRoutes(app: FastifyInstance, options: { root: string }): Promise<void> {
  const { root } = options
  const built = fs.existsSync(path.join(root, 'index.html'))
  if (!built) app.log.warn({ root }, 'the pages are not built: run `npm run build`')
  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!built) throw new Problem(503, 'web_not_built', 'The pages are not built on this server. Run `npm run build`.')
    void reply.header('Cache-Control', 'no-cache')
    return reply.sendFile('index.html', root, { cacheControl: false })
  }
  for (const url of PAGE_ROUTES) app.get(url, { schema: { hide: true } }, page)
  // Named routes win over these (find-my-way tries static segments first); the rest of what they
  // match is the console's only when it has the console's shape.
  for (const url of CONSOLE_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      if (!CONSOLE_PATH.test(request.url.split('?')[0]!)) return reply.callNotFound()
      return page(request, reply)
    })
  }
  if (!built) return

  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    // The names carry a hash of the content: a changed file is a new name.
    immutable: true,
    maxAge: '365d',
    index: false,
    // Only real files; anything else falls to the not-found handler (problem+json).
    wildcard: false,
  })
}
