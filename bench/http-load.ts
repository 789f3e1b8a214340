// A small keep-alive HTTP load generator, run as a child process so it does not share the event loop
// of the server it measures. Loopback only; bounded by request count and by time.
import { fork } from 'node:child_process'
import http from 'node:http'

export interface LoadRequest {
  port: number
  paths: string[]
  headers: Record<string, string>
  connections: number
  seconds: number
  maxRequests: number
  /** POST these JSON bodies in turn (with the paths in turn); GET when absent. */
  bodies?: string[]
  /** Each connection waits this long after an answer before the next request (a paced probe). */
  pauseMs?: number
}

export interface LoadResult {
  requests: number
  seconds: number
  perSecond: number
  /** Requests per status code; anything but 200 is a failed benchmark. */
  statuses: Record<string, number>
  errors: number
  /** Milliseconds per request. */
  latency: { p50: number; p99: number; max: number }
}

function send(agent: http.Agent, port: number, path: string, headers: Record<string, string>, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1', port, path, agent, method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

const percentile = (sorted: number[], p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0

export async function load(options: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const statuses: Record<string, number> = {}
  const latencies: number[] = []
  let issued = 0
  let errors = 0
  const started = performance.now()
  const deadline = started + options.seconds * 1000
  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      const n = issued++
      const path = options.paths[n % options.paths.length]!
      const body = options.bodies?.[n % options.bodies.length]
      const sent = performance.now()
      try {
        const status = await send(agent, options.port, path, options.headers, body)
        statuses[status] = (statuses[status] ?? 0) + 1
        latencies.push(performance.now() - sent)
      } catch {
        errors++
      }
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs))
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0)
  latencies.sort((a, b) => a - b)
  return {
    requests, seconds, perSecond: requests / seconds, statuses, errors,
    latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies[latencies.length - 1] ?? 0 },
  }
}

/** Runs one load in a child process (its own event loop and core). */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] })
    child.once('message', (result) => resolve(result as LoadResult))
    child.once('error', reject)
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`the load generator exited with ${code}`)) })
    child.send(request)
  })
}

/** Several runs as one: summed counts; latencies of the slowest run (a conservative reading). */
export function combineLoads(results: LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {}
  for (const r of results) for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n
  const requests = results.reduce((a, r) => a + r.requests, 0)
  const seconds = results.reduce((a, r) => a + r.seconds, 0)
  const worst = (key: 'p50' | 'p99' | 'max') => Math.max(...results.map((r) => r.latency[key]))
  return {
    requests, seconds, perSecond: requests / seconds, statuses, errors: results.reduce((a, r) => a + r.errors, 0),
    latency: { p50: worst('p50'), p99: worst('p99'), max: worst('max') },
  }
}

/** Throws unless every request of the load answered this status. */
export function expectAll(name: string, result: LoadResult, status = 200): void {
  const failed = result.requests - (result.statuses[String(status)] ?? 0) + result.errors
  if (failed) throw new Error(`${name}: ${failed} requests failed (${JSON.stringify(result.statuses)}, ${result.errors} errors)`)
}

if (process.send && process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  process.once('message', (message: LoadRequest) => {
    void load(message).then((result) => {
      process.send!(result, () => process.disconnect())
    })
  })
}
