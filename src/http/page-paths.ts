// The console's page paths, shared by the server (src/http/web.ts answers them with the app) and the
// app's router (web/src/router.ts): / and /<page>[/<segment>…] in lowercase, never under /api/,
// /assets/ or /t/, never with a dot (a file) or a trailing slash.
export const CONSOLE_PATH = /^\/(?:(?!api\/|api$|assets\/|assets$|t\/|t$)[a-z][a-z0-9-]*(?:\/[A-Za-z0-9_-]+)*)?$/
