// Who is calling, and from where. Every service function takes a Context first.
import type { Permission } from '../roles/permissions.js'

export interface Actor {
  userId: string
  username: string
  tenantId: string
  tenantSlug: string
  roleId: string
  permissions: ReadonlySet<Permission>
  /** Member of the platform tenant holding tenants:manage: acts in every tenant. */
  isPlatformAdmin: boolean
  apiKeyId: string | null
  /** The browser session the request came with (null for API keys). */
  sessionId: string | null
  /** The campaign chosen at sign-in, for users who choose one (null otherwise). */
  campaignId: string | null
  /**
   * "Restrict view" (Leap Connect): sees only the campaigns the user is linked to, their users and
   * the audit of those (see restrictedCampaigns).
   */
  restrictView: boolean
}

export interface Context {
  actor: Actor
  clientIp: string | null
}

/** The context of Gatehouse itself (first start, command line): all permissions, every tenant. */
export function systemContext(permissions: ReadonlySet<Permission>): Context {
  return {
    actor: { userId: 'system', username: 'system', tenantId: '', tenantSlug: '', roleId: '', permissions, isPlatformAdmin: true, apiKeyId: null, sessionId: null, campaignId: null, restrictView: false },
    clientIp: null,
  }
}
