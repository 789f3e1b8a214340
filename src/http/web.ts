// The browser pages (web/, built by Vite into web/dist): the hashed files under /assets/ are cached
// for a year; index.html is never cached and answers each page route, where the app in the browser
// takes over. Nothing here answers under /api/, where unknown routes stay problem+json 404s.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { Problem } from './problem.js'

/** web/dist beside src/ and dist/ (the same two levels up from src/http and dist/http). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** The routes of web/src/router.ts. */
export const PAGE_ROUTES = ['/login', '/t/:tenant/login', '/forgot-password', '/account']

export async function webRoutes(app: FastifyInstance, options: { root: string }): Promise<void> {
  const { root } = options
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/login'))

  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'the sign-in pages are not built: run `npm run build`')
    for (const url of PAGE_ROUTES) {
      app.get(url, { schema: { hide: true } }, async () => {
        throw new Problem(503, 'web_not_built', 'The sign-in pages are not built on this server. Run `npm run build`.')
      })
    }
    return
  }

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
  for (const url of PAGE_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      void reply.header('Cache-Control', 'no-cache')
      return reply.sendFile('index.html', root, { cacheControl: false })
    })
  }
}
