// Optimistic concurrency: every resource carries a version; reads send it as the ETag and writes
// may send it back in If-Match. A stale version answers 412 instead of overwriting someone's edit.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Problem } from './problem.js'

export const etagOf = (version: number) => `"v${version}"`

export function sendVersioned<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('ETag', etagOf(body.version))
  return body
}

/** The version the client expects, or undefined when it sent no If-Match (or "*"). */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header)
  // An If-Match we cannot read cannot match the current version.
  return match ? Number(match[1]) : -1
}

/** If-None-Match names this ETag (or is "*"): the client's copy is current (304). */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  return header !== undefined && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag)
}

export const versionConflict = () =>
  new Problem(412, 'version_conflict', 'Someone else changed this since you read it. Reload it and apply your change again.')

/** Throws 412 when the client expected another version than the current one. */
export function checkVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw versionConflict()
}
