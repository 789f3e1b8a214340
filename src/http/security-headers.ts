// Helmet's security headers, computed once at start. (@fastify/helmet builds helmet anew and
// re-parses the CSP on every request, which cost ~7 % of a GET /api/v1/users/{id}; see docs/benchmarks.md.)
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'

export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name: string) => { delete headers[name.toLowerCase()] },
  }
  const middleware = helmet({
    contentSecurityPolicy: {
      // No upgrade-insecure-requests: Gatehouse is often reached over plain http on localhost or behind a TLS proxy.
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
  })
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error
  })
  return headers
}
