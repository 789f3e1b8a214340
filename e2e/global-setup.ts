// Builds the pages once for the browser tests, into a directory of their own (a developer's
// web/dist is left alone), and checks that Chromium is there.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

export const CHROMIUM = process.env.GATEHOUSE_TEST_CHROMIUM ?? '/usr/bin/chromium'

export default async function setup(project: TestProject): Promise<() => void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set GATEHOUSE_TEST_CHROMIUM).`)
  }
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-web-'))
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  project.provide('webRoot', webRoot)
  project.provide('chromium', CHROMIUM)
  return () => fs.rmSync(webRoot, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    webRoot: string
    chromium: string
  }
}
