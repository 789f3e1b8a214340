// The one error type of Gatehouse. Services throw a Problem; the HTTP layer renders it as
// RFC 9457 application/problem+json with a stable machine-readable `code`.

export interface FieldError {
  /** Where the bad value is, e.g. `email` or `identities[1].username`. */
  path: string
  code: string
  message: string
  /** The numbers of the broken rule, for messages in other languages, e.g. {min: 12}. */
  params?: Record<string, number>
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 428: 'Precondition Required',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
}

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error'
}

export const notFound = (what: string, code = `${what}_not_found`) =>
  new Problem(404, code, `No such ${what.replace(/_/g, ' ')}.`)

export const forbidden = (message = 'You do not have permission to do this.') => new Problem(403, 'forbidden', message)

export const conflict = (code: string, message: string, path?: string) =>
  new Problem(409, code, message, path ? [{ path, code, message }] : undefined)

/** 422 with every failing field at once. */
export const invalid = (errors: FieldError[]) =>
  new Problem(422, 'validation_failed', errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`, errors)

/** Collects field errors so a service can report all of them in one answer. */
export class FieldErrors {
  readonly list: FieldError[] = []
  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message })
  }
  throwIfAny(): void {
    if (this.list.length) throw invalid(this.list)
  }
}
