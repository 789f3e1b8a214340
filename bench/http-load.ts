// A small keep-alive HTTP load generator, run as a child process so it does not share the event loop
// of the server it measures. Loopback only; bounded by request count and by time.
import http from 'node:http'

export interface LoadRequest {
  port: number
  paths: string[]
  headers: Record<string, string>
  connections: number
  seconds: number
  maxRequests: number
}

export interface LoadResult {
  requests: number
  seconds: number
  perSecond: number
  /** Requests per status code; anything but 200 is a failed benchmark. */
  statuses: Record<string, number>
  errors: number
}

function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, agent }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

export async function load(options: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const statuses: Record<string, number> = {}
  let issued = 0
  let errors = 0
  const started = performance.now()
  const deadline = started + options.seconds * 1000
  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      const path = options.paths[issued++ % options.paths.length]!
      try {
        const status = await get(agent, options.port, path, options.headers)
        statuses[status] = (statuses[status] ?? 0) + 1
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0)
  return { requests, seconds, perSecond: requests / seconds, statuses, errors }
}

if (process.send) {
  process.once('message', (message: LoadRequest) => {
    void load(message).then((result) => {
      process.send!(result, () => process.disconnect())
    })
  })
}
