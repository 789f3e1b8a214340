// What every benchmark report shares: number formats, the machine, and appending to docs/benchmarks.md.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2))
export const int = (value: number) => Math.round(value).toLocaleString('en')
export const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`

export function machine() {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  let commit = 'unknown'
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()
  } catch { /* not a git checkout */ }
  return { cpu, cores: os.cpus().length, ramGb: os.totalmem() / 1024 ** 3, node: process.version, commit }
}

/** "AMD EPYC, 2 cores, 24 GB RAM; Node v20.20.2" */
export function machineLine(): string {
  const m = machine()
  return `${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GB RAM; Node ${m.node}`
}

export const nowUtc = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`

export function appendToDocs(section: string): void {
  const file = path.resolve('docs/benchmarks.md')
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmarks\n\nAppended by `npm run bench -- <name>`; newest last.\n')
  fs.appendFileSync(file, section)
  console.log(`\nAppended to ${path.relative(process.cwd(), file)}`)
}

/** Benchmarks send no mail: anything they would send goes to an outbox in the temporary directory. */
export const BENCH_MESSAGES = { smtpUrl: undefined, mailFrom: 'bench@localhost', smsWebhookUrl: undefined, outboxFile: path.join(os.tmpdir(), 'gatehouse-bench-outbox.jsonl') }
