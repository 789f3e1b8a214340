// Builds the pages once for the browser tests, into a directory of their own (a developer's
// web/dist is left alone), and says whether Chromium is there.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { CHROMIUM } from './chromium.js'

export default async function setup(project: TestProject): Promise<() => void> {
  // Without it every browser test file fails with the reason (e2e/harness.ts), and the rest still runs.
  project.provide('chromium', fs.existsSync(CHROMIUM) ? CHROMIUM : '')
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-web-'))
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  project.provide('webRoot', webRoot)
  return () => fs.rmSync(webRoot, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    webRoot: string
    /** Empty when Chromium is missing. */
    chromium: string
  }
}
