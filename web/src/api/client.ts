// The one way the pages call the API: JSON in and out, the session cookie, the CSRF token on every
// state-changing request, and problem+json answers turned into ApiError.
import type { FieldError, SignInAnswer } from './types'

/** An RFC 9457 problem answer; pages choose their message by `code` (and `errors[].code`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: FieldError[],
    /** From Retry-After, on 429. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(detail)
  }

  /** The field errors at one path (e.g. every broken password rule of `newPassword`). */
  at(path: string): FieldError[] {
    return this.errors.filter((e) => e.path === path)
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD'])

// Kept in memory only: after a reload it is asked for again (GET /api/v1/sign-in answers it).
let csrfToken: string | null = null

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? ''
  const retryAfter = Number(response.headers.get('retry-after'))
  const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null
  if (type.includes('json')) {
    const body = (await response.json().catch(() => null)) as { code?: unknown; detail?: unknown; errors?: unknown } | null
    if (body && typeof body.code === 'string') {
      return new ApiError(response.status, body.code, typeof body.detail === 'string' ? body.detail : '', Array.isArray(body.errors) ? (body.errors as FieldError[]) : [], seconds)
    }
  }
  return new ApiError(response.status, response.status >= 500 ? 'internal_error' : 'bad_request', response.statusText, [], seconds)
}

interface RequestOptions {
  /** Extra request headers, e.g. If-Match with the ETag a form read. */
  headers?: Record<string, string>
  /** What the caller wants back (default JSON). */
  accept?: string
}

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...options.headers }
  // A form (an upload) goes as it is: the browser gives it its multipart Content-Type.
  const form = body instanceof FormData
  if (body !== undefined && !form) headers['content-type'] = 'application/json'
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}) })
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.', [], null)
  }
}

/** Where this browser's sign-in stands; also how the CSRF token comes back after a reload. */
export async function fetchSignInState(): Promise<SignInAnswer> {
  const answer = await api<SignInAnswer>('GET', '/api/v1/sign-in')
  rememberCsrfToken(answer.csrfToken)
  return answer
}

/** The answer of a call that succeeded, or ApiError. */
async function request(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
  let response = await send(method, path, body, options)
  // Not known yet (a reload) or stale (signed in again in another tab): nothing ran on the server,
  // so ask for the session's token and send the request once more.
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    const error = await toApiError(response.clone())
    if (error.code === 'csrf_failed') {
      await fetchSignInState()
      response = await send(method, path, body, options)
    }
  }
  if (!response.ok) throw await toApiError(response)
  return response
}

async function jsonOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Calls the API; resolves to the JSON body (undefined for 204), rejects with ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  return jsonOf<T>(await request(method, path, body, options))
}

/** A resource with the ETag it was read or written at, for a later If-Match. */
export interface Versioned<T> {
  body: T
  etag: string | null
}

/** Like api(), keeping the answer's ETag; `ifMatch` sends the ETag of the version the caller changes. */
export async function apiVersioned<T>(method: string, path: string, body?: unknown, ifMatch?: string | null): Promise<Versioned<T>> {
  const response = await request(method, path, body, ifMatch ? { headers: { 'if-match': ifMatch } } : {})
  return { body: await jsonOf<T>(response), etag: response.headers.get('etag') }
}

/** A GET answered in another type than JSON (e.g. text/csv), as a Blob. */
export async function apiBlob(path: string, accept: string): Promise<Blob> {
  return (await request('GET', path, undefined, { accept })).blob()
}
