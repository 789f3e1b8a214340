#!/usr/bin/env node
// Runs the compiled command line (dist/, built by `npm install` through the prepare script).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(compiled)) {
  console.error('gatehouse: dist/ is missing; run `npm run build` (npm install does it) first.')
  process.exit(1)
}
const { main } = await import(compiled)
const code = await main(process.argv.slice(2))
if (code >= 0) process.exitCode = code
