// The /login page remembers the last tenant signed in to, in this browser only.
const KEY = 'gatehouse.lastTenant'

export function lastTenant(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

export function rememberTenant(tenant: string): void {
  try {
    localStorage.setItem(KEY, tenant)
  } catch {
    // Storage may be off (private mode): nothing to remember then.
  }
}
