#!/usr/bin/env node
// The whole test suite: type checks (server and pages), then Vitest: every data and API test on
// SQLite and PostgreSQL, then the pages in Chromium (e2e/).
// Ends with the plain total line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
let passed = 0
let failed = 0
let skipped = 0

for (const [name, project] of [['server', 'tsconfig.json'], ['pages', 'web/tsconfig.json']]) {
  const typecheck = spawnSync(npx, ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' })
  if (typecheck.status === 0) passed += 1
  else failed += 1
  console.log(typecheck.status === 0 ? `Type check (${name}): passed` : `Type check (${name}): FAILED`)
}

mkdirSync('test-results', { recursive: true })
const report = 'test-results/vitest.json'
const vitest = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: 'inherit' })
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'))
  passed += results.numPassedTests
  failed += results.numFailedTests + (results.numFailedTestSuites ?? 0)
  skipped += results.numPendingTests + (results.numTodoTests ?? 0)
  const pgSkipped = results.testResults.some((file) => file.assertionResults.some((t) => t.status !== 'passed' && t.status !== 'failed' && t.ancestorTitles.some((a) => a.includes('skipped: no PostgreSQL'))))
  if (pgSkipped) {
    console.log('\nPostgreSQL half SKIPPED: no server answered at GATEHOUSE_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).')
    console.log('Start one (e.g. pg_ctlcluster 15 main start) or set GATEHOUSE_TEST_DATABASE_URL to run it.')
  }
} else {
  failed += 1
}
if (vitest.status !== 0 && failed === 0) failed += 1
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
