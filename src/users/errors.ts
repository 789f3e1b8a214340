import { Problem, type FieldError } from '../http/problem.js'

// Unique column → [error code, API field, message]
export const UNIQUE_FIELDS = {
  username_key: ['username_taken', 'username', 'Another user of this tenant has this username.'],
  email_key: ['email_taken', 'email', 'Another user of this tenant has this email address.'],
  employee_number: ['employee_number_taken', 'employeeNumber', 'Another user of this tenant has this employee number.'],
  agent_id: ['agent_id_taken', 'agentId', 'Another user of this tenant has this agent ID.'],
  extension: ['extension_taken', 'extension', 'Another user of this tenant has this internal number.'],
} as const

// Unique index → the column it guards.
export const UNIQUE_INDEXES: Record<string, keyof typeof UNIQUE_FIELDS> = {
  users_tenant_username_key: 'username_key',
  users_tenant_email_key: 'email_key',
  users_tenant_employee_number: 'employee_number',
  users_tenant_agent_id: 'agent_id',
  users_tenant_extension: 'extension',
}

/** 409 naming every value that is taken, the first one's code as the problem's code. */
export function valuesTaken(errors: FieldError[]): Problem {
  return new Problem(409, errors[0]!.code, errors.map((e) => e.message).join(' '), errors)
}

export const takenField = (column: keyof typeof UNIQUE_FIELDS): FieldError => {
  const [code, path, message] = UNIQUE_FIELDS[column]
  return { path, code, message }
}

export const identityTaken = (index: number): FieldError => ({
  path: `identities[${index}]`, code: 'identity_taken', message: 'Another user of this tenant has this identity in this environment.',
})

export const cannotRemoveSelf = () => new Problem(409, 'cannot_remove_self', 'You cannot deactivate or delete your own account.')

/** Wallboards, bots and API accounts: API keys only. */
export const machineAccount = (kind: string) =>
  new Problem(409, 'machine_account', `Accounts of kind ${kind} authenticate with API keys only: no password, second factor, invitation or sign-in.`)

export const bulkTooLarge = (matched: number, limit: number) =>
  new Problem(422, 'bulk_too_large', `The search matches ${matched} users; a bulk action takes at most ${limit}. Narrow the search.`)

export const extensionImmutable = () =>
  new Problem(409, 'extension_immutable', 'The internal number cannot be changed once it is set (a phone may be provisioned with it).')

export const extensionsExhausted = (from: number, to: number) =>
  new Problem(409, 'extensions_exhausted', `Every internal number from ${from} to ${to} is taken: widen the tenant's range or give one by hand.`)

/** Puzzel: a user logged on to the queues is not deleted, nor moved to another group. */
export const loggedOnToQueues = (action: string) =>
  new Problem(409, 'logged_on_to_queues', `The user is logged on to the queues: log them off before you ${action}.`)
