// Where to go after signing in: a `?next=` path on this origin, never elsewhere (no open redirect).

/** The console, which sends users without any console page on to their account page. */
export const DEFAULT_AFTER_SIGN_IN = '/'

/** The path (with query and hash) `next` names when it stays on `origin`; else the console. */
export function safeNextPath(next: string | null, origin: string): string {
  // Only a path: "//evil.example" and "/\evil.example" are other hosts to a browser.
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return DEFAULT_AFTER_SIGN_IN
  }
  if (url.origin !== origin || url.pathname.startsWith('/api/')) return DEFAULT_AFTER_SIGN_IN
  return `${url.pathname}${url.search}${url.hash}`
}
