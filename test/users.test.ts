// API tests of the users resource: validation, uniqueness (also under races), links to campaigns,
// teams and roles, ETags, (de)activation and deletion, the search panel and its CSV export, agent
// IDs and the audit trail. Every test makes its own tenant, so they do not depend on each other.
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { USER_SORTS, type UserSort } from '../src/users/schema.js'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type Answer, type TenantFixture } from './api.js'

type Json = Record<string, any>

const USERS = '/api/v1/users'

/** The errors of a problem answer as path → code. */
function codesOf(answer: Answer): Record<string, string> {
  return Object.fromEntries(((answer.body?.errors ?? []) as Array<{ path: string; code: string }>).map((e) => [e.path, e.code]))
}

/** Expects a 422 whose errors are exactly these path → code pairs. */
function expectInvalid(answer: Answer, expected: Record<string, string>): void {
  expectProblem(answer, 422, 'validation_failed')
  expect(codesOf(answer), answer.text).toEqual(expected)
}

async function createUser(t: TenantFixture, fields: Json = {}): Promise<Json> {
  return expectOk(await t.admin.post(USERS, { username: unique('u'), ...fields }), 201)
}

async function getUser(t: TenantFixture, id: string): Promise<Json> {
  return expectOk(await t.admin.get(`${USERS}/${id}`))
}

async function createCampaign(t: TenantFixture, name: string = unique('campaign-')): Promise<string> {
  return expectOk(await t.admin.post('/api/v1/campaigns', { name }), 201).id
}

async function createTeam(t: TenantFixture, name: string = unique('team-')): Promise<string> {
  return expectOk(await t.admin.post('/api/v1/teams', { name }), 201).id
}

async function auditOf(t: TenantFixture, userId: string): Promise<Json[]> {
  return expectOk(await t.admin.get(`/api/v1/audit?entityType=user&entityId=${userId}&limit=200`)).items
}

async function auditTotal(t: TenantFixture): Promise<number> {
  return expectOk(await t.admin.get('/api/v1/audit?entityType=user&limit=1')).total
}

async function search(t: TenantFixture, query: string): Promise<Json> {
  return expectOk(await t.admin.get(`${USERS}?${query}`))
}

async function usernamesFound(t: TenantFixture, query: string): Promise<string[]> {
  const page = await search(t, `${query}&limit=200`)
  expect(page.total).toBe(page.items.length)
  return (page.items as Json[]).map((u) => u.username).sort()
}

async function adminOf(t: TenantFixture): Promise<Json> {
  const page = await search(t, 'q=admin&limit=200')
  const admin = (page.items as Json[]).find((u) => u.username === 'admin')
  expect(admin).toBeDefined()
  return admin!
}

const statusesOf = (answers: Answer[]) => answers.map((a) => a.status).sort()

/** RFC 4180 parser: rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(cell); cell = '' }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++ }
    else cell += c
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row) }
  return rows
}

describeEachEngine('users', (env) => {
  const tenant = (settings: Record<string, unknown> = {}) => createTenant(env(), settings)

  // ---------- validation ----------

  it('accepts usernames of letters, digits and ! @ # $ % ^ & _ . - under the default rule, and refuses others', async () => {
    const t = await tenant()
    for (const username of ['anna.smith', 'Anna_Smith-2', 'x!@#$%^&_.-y', 'Émile', 'ÅSA99', '山田', 'agent007']) {
      const user = expectOk(await t.admin.post(USERS, { username }), 201)
      expect(user.username).toBe(username)
    }
    for (const username of ['anna smith', ' anna', 'anna ', 'anna/smith', 'anna+1', 'a*b', "o'brien", 'a,b', 'a:b', 'tab\tname', 'semi;colon']) {
      expectInvalid(await t.admin.post(USERS, { username }), { username: 'invalid_username' })
    }
    expectInvalid(await t.admin.post(USERS, { username: '' }), { username: 'required' })
    expectOk(await t.admin.post(USERS, { username: 'u'.repeat(100) }), 201)
    expectInvalid(await t.admin.post(USERS, { username: 'u'.repeat(101) }), { username: 'too_long' })
    expectInvalid(await t.admin.post(USERS, { firstName: 'No username' }), { username: 'required' })
    const user = await createUser(t)
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { username: 'has space' }), { username: 'invalid_username' })
    expect((await getUser(t, user.id)).username).toBe(user.username)
  })

  it('refuses uppercase usernames in a tenant with the lowercase rule', async () => {
    const t = await tenant({ usernameRule: 'lowercase' })
    for (const username of ['anna.smith', 'émile', '山田', 'agent_7!']) {
      expectOk(await t.admin.post(USERS, { username }), 201)
    }
    for (const username of ['Anna', 'ANNA', 'annA', 'Émile', 'anna smith']) {
      expectInvalid(await t.admin.post(USERS, { username }), { username: 'invalid_username' })
    }
    const user = await createUser(t, { username: 'lower' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { username: 'Lower' }), { username: 'invalid_username' })
    // The same username is fine in a tenant with the default rule.
    const relaxed = await tenant()
    const older = expectOk(await relaxed.admin.post(USERS, { username: 'Anna' }), 201)
    // A user made before the rule became stricter can still be edited and deactivated.
    expectOk(await relaxed.admin.patch(`/api/v1/tenants/${relaxed.id}`, { settings: { usernameRule: 'lowercase' } }))
    expect(expectOk(await relaxed.admin.patch(`${USERS}/${older.id}`, { active: false, jobTitle: 'Left' })).active).toBe(false)
    expectInvalid(await relaxed.admin.patch(`${USERS}/${older.id}`, { username: 'Anna2' }), { username: 'invalid_username' })
  })

  it('accepts first and last names in any script, with apostrophes, hyphens and spaces; refuses other characters', async () => {
    const t = await tenant()
    const good = ['Zoë', 'Ørsted', 'Nguyễn', 'Nguye\u0302\u0303n', '山田', "O'Brien", 'D’Angelo', 'Smith-Jones', 'José María', 'Łukasz', 'Müller', 'Алексей', 'محمد']
    for (const name of good) {
      const user = await createUser(t, { firstName: name, lastName: name })
      expect({ firstName: user.firstName, lastName: user.lastName }).toEqual({ firstName: name, lastName: name })
    }
    for (const name of ['<script>', 'a_b', 'Anna!', 'x;y', '"Quoted"', 'a@b', 'back\\slash']) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), firstName: name, lastName: name }), { firstName: 'invalid_name', lastName: 'invalid_name' })
    }
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), lastName: 'x'.repeat(101) }), { lastName: 'too_long' })
    const user = await createUser(t, { firstName: 'Zoë', lastName: 'Ørsted' })
    expect(user.displayName).toBe('Zoë Ørsted')
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { lastName: '<b>bold</b>' }), { lastName: 'invalid_name' })
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { lastName: "O'Brien-Smith" })).lastName).toBe("O'Brien-Smith")
  })

  it('validates email addresses', async () => {
    const t = await tenant()
    for (const email of ['anna@example.com', 'Anna.Smith+tag@sub.example.co.uk', 'zoë@example.nl']) {
      expect((await createUser(t, { email })).email).toBe(email)
    }
    expect((await createUser(t, { email: null })).email).toBeNull()
    expect((await createUser(t)).email).toBeNull()
    for (const email of ['anna', 'anna@', '@example.com', 'anna@example', 'an na@example.com', 'anna@@example.com', 'anna@example..com', 'anna@exa_mple.com', '', 'a<b>@example.com']) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), email }), { email: 'invalid_email' })
    }
    const user = await createUser(t, { email: 'keep@example.com' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { email: 'not-an-email' }), { email: 'invalid_email' })
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { email: null })).email).toBeNull()
  })

  it('requires an email address when the tenant says so (code required)', async () => {
    const t = await tenant()
    const before = await createUser(t) // made while email was optional
    expectOk(await t.admin.patch(`/api/v1/tenants/${t.id}`, { settings: { emailRequired: true } }))
    expectInvalid(await t.admin.post(USERS, { username: unique('u') }), { email: 'required' })
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), email: null }), { email: 'required' })
    const user = await createUser(t, { email: 'present@example.com' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { email: null }), { email: 'required' })
    expect((await getUser(t, user.id)).email).toBe('present@example.com')
    // Unrelated edits of a user made before the rule still work.
    expect(expectOk(await t.admin.patch(`${USERS}/${before.id}`, { jobTitle: 'Agent' })).jobTitle).toBe('Agent')
  })

  it('stores mobile phone numbers as E.164 and refuses numbers that cannot be international', async () => {
    const t = await tenant()
    for (const mobilePhone of ['0031 20 123 4567', '+31 (20) 123-4567', '+31201234567', '0031201234567', '+31.20.123.4567']) {
      expect((await createUser(t, { mobilePhone })).mobilePhone).toBe('+31201234567')
    }
    for (const mobilePhone of ['12345', '+0123', '020 123 4567', '+31', '0031', 'phone', '+31 20 123 4567 ext 5', '+1234567890123456', '0012']) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), mobilePhone }), { mobilePhone: 'invalid_phone' })
    }
    const user = await createUser(t, { mobilePhone: '+44 20 7946 0958' })
    expect(user.mobilePhone).toBe('+442079460958')
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { mobilePhone: '0049 30 1234567' })).mobilePhone).toBe('+49301234567')
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { mobilePhone: '12345' }), { mobilePhone: 'invalid_phone' })
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { mobilePhone: null })).mobilePhone).toBeNull()
  })

  it('accepts IANA time zones, refuses offsets and made-up zones, and null means the tenant default', async () => {
    const t = await tenant()
    for (const timeZone of ['Europe/Amsterdam', 'UTC', 'America/Argentina/Buenos_Aires', 'Asia/Tokyo']) {
      expect((await createUser(t, { timeZone })).timeZone).toBe(timeZone)
    }
    for (const timeZone of ['Mars/Base', '+01:00', 'UTC+1', 'GMT+01:00', 'Europe/Nowhere', 'Amsterdam', '']) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), timeZone }), { timeZone: 'invalid_timezone' })
    }
    // A zone name in the wrong case is either refused or stored under its IANA name, never as typed.
    const miscased = await t.admin.post(USERS, { username: unique('u'), timeZone: 'europe/amsterdam' })
    if (miscased.status === 201) expect.soft(miscased.body.timeZone).toBe('Europe/Amsterdam')
    else expectInvalid(miscased, { timeZone: 'invalid_timezone' })
    expect((await createUser(t)).timeZone).toBeNull()
    const user = await createUser(t, { timeZone: 'Europe/Amsterdam' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { timeZone: 'Mars/Base' }), { timeZone: 'invalid_timezone' })
    expect((await getUser(t, user.id)).timeZone).toBe('Europe/Amsterdam')
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { timeZone: null })).timeZone).toBeNull()
  })

  it('accepts language tags as locale and refuses others', async () => {
    const t = await tenant()
    for (const [locale, stored] of [['nl-NL', 'nl-NL'], ['en', 'en'], ['de-CH', 'de-CH'], ['nl-nl', 'nl-NL'], ['zh-Hant-TW', 'zh-Hant-TW']] as const) {
      expect((await createUser(t, { locale })).locale).toBe(stored)
    }
    for (const locale of ['xx_YY', 'nl_NL', 'english', 'n', '123', 'nl-', '']) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), locale }), { locale: 'invalid_locale' })
    }
    const user = await createUser(t, { locale: 'nl-NL' })
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { locale: null })).locale).toBeNull()
  })

  it('accepts agent IDs that are integers of at least 1', async () => {
    const t = await tenant()
    for (const agentId of [1, 42, 999_999_999]) expect((await createUser(t, { agentId })).agentId).toBe(agentId)
    expect((await createUser(t, { agentId: null })).agentId).toBeNull()
    for (const agentId of [0, -5, 1_000_000_000]) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), agentId }), { agentId: 'out_of_range' })
    }
    for (const agentId of [1.5, '12', true]) {
      expectInvalid(await t.admin.post(USERS, { username: unique('u'), agentId }), { agentId: 'invalid_type' })
    }
  })

  it('refuses unknown fields, also read-only ones and those inside identities', async () => {
    const t = await tenant()
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), nickname: 'x' }), { nickname: 'unknown_field' })
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), identities: [{ environment: 'crm', username: 'a', extra: 1 }] }), { 'identities[0].extra': 'unknown_field' })
    const user = await createUser(t)
    for (const field of ['id', 'version', 'createdAt', 'tenantId', 'roleName', 'lastLoginAt', 'password']) {
      expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { [field]: 'x' }), { [field]: 'unknown_field' })
    }
    expect((await getUser(t, user.id)).version).toBe(1)
  })

  it('lists every bad field of a request at once, with its path', async () => {
    const t = await tenant()
    const events = await auditTotal(t)
    const answer = await t.admin.post(USERS, {
      username: unique('u'),
      firstName: '<script>',
      lastName: 'a_b',
      email: 'nope',
      mobilePhone: '12345',
      timeZone: '+01:00',
      locale: 'xx_YY',
      agentId: 0,
      identities: [{ environment: 'crm', username: 'ok' }, { environment: 'crm', username: '' }, { username: 'x' }],
      campaignIds: ['not-an-id'],
      colour: 'blue',
    })
    expectInvalid(answer, {
      firstName: 'invalid_name',
      lastName: 'invalid_name',
      email: 'invalid_email',
      mobilePhone: 'invalid_phone',
      timeZone: 'invalid_timezone',
      locale: 'invalid_locale',
      agentId: 'out_of_range',
      'identities[1].username': 'required',
      'identities[2].environment': 'required',
      'campaignIds[0]': 'invalid_id',
      colour: 'unknown_field',
    })
    expect(await auditTotal(t)).toBe(events)
  })

  it('lists the tenant-dependent failures (username rule, role, campaigns, teams, identities) all at once', async () => {
    const t = await tenant({ usernameRule: 'lowercase' })
    const campaign = await createCampaign(t)
    const answer = await t.admin.post(USERS, {
      username: 'Capital',
      roleId: randomUUID(),
      campaignIds: [campaign, randomUUID()],
      defaultCampaignId: randomUUID(),
      teamIds: [randomUUID()],
      identities: [{ environment: 'crm', username: 'a' }, { environment: 'CRM', username: 'A' }],
    })
    expectInvalid(answer, {
      username: 'invalid_username',
      roleId: 'unknown_role',
      'campaignIds[1]': 'unknown_campaign',
      defaultCampaignId: 'default_campaign_not_linked',
      'teamIds[0]': 'unknown_team',
      'identities[1]': 'duplicate',
    })
  })

  it('reports a bad username together with the other bad fields of the same request', async () => {
    const t = await tenant()
    expectInvalid(await t.admin.post(USERS, { username: 'bad name', email: 'nope' }), { username: 'invalid_username', email: 'invalid_email' })
  })

  // ---------- uniqueness ----------

  it('keeps usernames unique per tenant, case-insensitively (409 username_taken)', async () => {
    const t = await tenant()
    const anna = await createUser(t, { username: 'Anna.Smith' })
    const body = expectProblem(await t.admin.post(USERS, { username: 'anna.smith' }), 409, 'username_taken')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'username', code: 'username_taken' })])
    expectProblem(await t.admin.post(USERS, { username: 'ANNA.SMITH' }), 409, 'username_taken')
    await createUser(t, { username: 'Émile.Ørsted' })
    expectProblem(await t.admin.post(USERS, { username: 'émile.ørsted' }), 409, 'username_taken')
    const other = await createUser(t, { username: 'bob' })
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { username: 'anna.SMITH' }), 409, 'username_taken')
    expect((await getUser(t, other.id)).username).toBe('bob')
    // A user may change the case of its own username.
    expect(expectOk(await t.admin.patch(`${USERS}/${anna.id}`, { username: 'anna.smith' })).username).toBe('anna.smith')
    // Another tenant may use it.
    const elsewhere = await tenant()
    expectOk(await elsewhere.admin.post(USERS, { username: 'Anna.Smith' }), 201)
  })

  it('keeps email addresses unique per tenant, case-insensitively (409 email_taken)', async () => {
    const t = await tenant()
    const first = await createUser(t, { email: 'Anna@Example.com' })
    const body = expectProblem(await t.admin.post(USERS, { username: unique('u'), email: 'anna@example.COM' }), 409, 'email_taken')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'email', code: 'email_taken' })])
    const other = await createUser(t, { email: 'other@example.com' })
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { email: 'ANNA@example.com' }), 409, 'email_taken')
    expect((await getUser(t, other.id)).email).toBe('other@example.com')
    // Users without an email do not collide with each other.
    await createUser(t)
    await createUser(t, { email: null })
    // The owner may keep or recase it; once released it is free again.
    expectOk(await t.admin.patch(`${USERS}/${first.id}`, { email: 'anna@example.com' }))
    expectOk(await t.admin.patch(`${USERS}/${first.id}`, { email: null }))
    expectOk(await t.admin.patch(`${USERS}/${other.id}`, { email: 'Anna@Example.com' }))
    const elsewhere = await tenant()
    expectOk(await elsewhere.admin.post(USERS, { username: unique('u'), email: 'other@example.com' }), 201)
  })

  it('keeps employee numbers and agent IDs unique per tenant', async () => {
    const t = await tenant()
    const first = await createUser(t, { employeeNumber: 'E-1001', agentId: 501 })
    let body = expectProblem(await t.admin.post(USERS, { username: unique('u'), employeeNumber: 'E-1001' }), 409, 'employee_number_taken')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'employeeNumber', code: 'employee_number_taken' })])
    body = expectProblem(await t.admin.post(USERS, { username: unique('u'), agentId: 501 }), 409, 'agent_id_taken')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'agentId', code: 'agent_id_taken' })])
    const other = await createUser(t, { employeeNumber: 'E-2002', agentId: 502 })
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { employeeNumber: 'E-1001' }), 409, 'employee_number_taken')
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { agentId: 501 }), 409, 'agent_id_taken')
    expect(await getUser(t, other.id)).toMatchObject({ employeeNumber: 'E-2002', agentId: 502, version: 1 })
    // Saving a user with its own values is no conflict.
    expectOk(await t.admin.patch(`${USERS}/${first.id}`, { employeeNumber: 'E-1001', agentId: 501 }))
    const elsewhere = await tenant()
    expectOk(await elsewhere.admin.post(USERS, { username: unique('u'), employeeNumber: 'E-1001', agentId: 501 }), 201)
  })

  it('names every taken value of one request', async () => {
    const t = await tenant()
    await createUser(t, { username: 'taken', email: 'taken@example.com', employeeNumber: 'E-1', agentId: 1, identities: [{ environment: 'crm', username: 'taken' }] })
    const answer = await t.admin.post(USERS, {
      username: 'TAKEN', email: 'Taken@example.com', employeeNumber: 'E-1', agentId: 1,
      identities: [{ environment: 'crm', username: 'free' }, { environment: 'crm', username: 'taken' }],
    })
    expectProblem(answer, 409, 'username_taken')
    expect(codesOf(answer)).toEqual({
      username: 'username_taken', email: 'email_taken', employeeNumber: 'employee_number_taken', agentId: 'agent_id_taken', 'identities[1]': 'identity_taken',
    })
  })

  it('keeps identities (environment + username) unique per tenant, case-insensitively', async () => {
    const t = await tenant()
    const owner = await createUser(t, { identities: [{ environment: 'CRM', username: 'asmith' }, { environment: 'phone', username: '1234' }] })
    expect(owner.identities).toEqual([{ environment: 'CRM', username: 'asmith' }, { environment: 'phone', username: '1234' }])
    const body = expectProblem(await t.admin.post(USERS, { username: unique('u'), identities: [{ environment: 'crm', username: 'ASmith' }] }), 409, 'identity_taken')
    expect(body.errors).toEqual([expect.objectContaining({ path: 'identities[0]', code: 'identity_taken' })])
    // The same username in another environment is another identity.
    const other = await createUser(t, { identities: [{ environment: 'wfm', username: 'asmith' }] })
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { identities: [{ environment: 'wfm', username: 'asmith' }, { environment: 'phone', username: '1234' }] }), 409, 'identity_taken')
    expect((await getUser(t, other.id)).identities).toEqual([{ environment: 'wfm', username: 'asmith' }])
    // A user keeps its own identities when saved, and may reorder them.
    expect(expectOk(await t.admin.patch(`${USERS}/${owner.id}`, { identities: [{ environment: 'phone', username: '1234' }, { environment: 'CRM', username: 'asmith' }] })).identities)
      .toEqual([{ environment: 'phone', username: '1234' }, { environment: 'CRM', username: 'asmith' }])
    // Listing one twice is a validation error.
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), identities: [{ environment: 'x', username: 'y' }, { environment: 'X', username: 'Y' }] }), { 'identities[1]': 'duplicate' })
    // Other tenants may use the same identity.
    const elsewhere = await tenant()
    expectOk(await elsewhere.admin.post(USERS, { username: unique('u'), identities: [{ environment: 'CRM', username: 'asmith' }] }), 201)
    // Once released, it is free again.
    expectOk(await t.admin.patch(`${USERS}/${owner.id}`, { identities: [] }))
    expectOk(await t.admin.post(USERS, { username: unique('u'), identities: [{ environment: 'crm', username: 'asmith' }] }), 201)
  })

  it('lets exactly one of two parallel creates with the same username win', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const name = unique('race')
      const answers = await Promise.all([t.admin.post(USERS, { username: name }), t.admin.post(USERS, { username: name.toUpperCase() })])
      expect(statusesOf(answers), answers.map((a) => a.text).join('\n')).toEqual([201, 409])
      expectProblem(answers.find((a) => a.status === 409)!, 409, 'username_taken')
      expect(await usernamesFound(t, `q=${name}`)).toHaveLength(1)
    }
  })

  it('lets exactly one of two parallel creates with the same identity win (409 identity_taken)', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const identity = { environment: 'crm', username: unique('id') }
      const answers = await Promise.all([
        t.admin.post(USERS, { username: unique('u'), identities: [identity] }),
        t.admin.post(USERS, { username: unique('u'), identities: [identity] }),
      ])
      expect(statusesOf(answers), answers.map((a) => a.text).join('\n')).toEqual([201, 409])
      expectProblem(answers.find((a) => a.status === 409)!, 409, 'identity_taken')
    }
  })

  it('lets exactly one of two parallel creates with the same email win (409 email_taken)', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const email = `${unique('e')}@example.com`
      const byEmail = await Promise.all([t.admin.post(USERS, { username: unique('u'), email }), t.admin.post(USERS, { username: unique('u'), email })])
      expect(statusesOf(byEmail), byEmail.map((a) => a.text).join('\n')).toEqual([201, 409])
      expectProblem(byEmail.find((a) => a.status === 409)!, 409, 'email_taken')
    }
  })

  it('lets exactly one of two parallel renames to the same username win', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await createUser(t), await createUser(t)]
      const name = unique('same')
      const answers = await Promise.all([t.admin.patch(`${USERS}/${a!.id}`, { username: name }), t.admin.patch(`${USERS}/${b!.id}`, { username: name })])
      expect(statusesOf(answers), answers.map((x) => x.text).join('\n')).toEqual([200, 409])
      expectProblem(answers.find((x) => x.status === 409)!, 409, 'username_taken')
      expect(await usernamesFound(t, `q=${name}`)).toEqual([name])
    }
  })

  it('lets exactly one of two parallel changes to the same agent ID win', async () => {
    const t = await tenant()
    const [a, b] = [await createUser(t), await createUser(t)]
    const answers = await Promise.all([t.admin.patch(`${USERS}/${a!.id}`, { agentId: 777 }), t.admin.patch(`${USERS}/${b!.id}`, { agentId: 777 })])
    expect(statusesOf(answers), answers.map((x) => x.text).join('\n')).toEqual([200, 409])
    expectProblem(answers.find((x) => x.status === 409)!, 409, 'agent_id_taken')
  })

  it('applies two parallel changes of one user without If-Match, losing neither', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const user = await createUser(t)
      const answers = await Promise.all([
        t.admin.patch(`${USERS}/${user.id}`, { jobTitle: `title ${round}` }),
        t.admin.patch(`${USERS}/${user.id}`, { description: `description ${round}` }),
      ])
      expect(statusesOf(answers), answers.map((x) => x.text).join('\n')).toEqual([200, 200])
      expect(await getUser(t, user.id)).toMatchObject({ jobTitle: `title ${round}`, description: `description ${round}`, version: 3 })
    }
  })

  // ---------- campaigns, teams, roles ----------

  it('links several campaigns with one default, and defaults to the first one named', async () => {
    const t = await tenant()
    const [one, two, three] = [await createCampaign(t, 'One'), await createCampaign(t, 'Two'), await createCampaign(t, 'Three')]
    const user = await createUser(t, { campaignIds: [one, two, three], defaultCampaignId: two })
    expect(user.campaignIds).toEqual([one!, two!, three!].sort())
    expect({ id: user.defaultCampaignId, name: user.defaultCampaignName }).toEqual({ id: two, name: 'Two' })
    const implicit = await createUser(t, { campaignIds: [three, one] })
    expect({ id: implicit.defaultCampaignId, name: implicit.defaultCampaignName }).toEqual({ id: three, name: 'Three' })
    const none = await createUser(t)
    expect({ ids: none.campaignIds, id: none.defaultCampaignId, name: none.defaultCampaignName }).toEqual({ ids: [], id: null, name: null })
    // Changing only the default, to another linked campaign.
    const changed = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { defaultCampaignId: three }))
    expect({ id: changed.defaultCampaignId, name: changed.defaultCampaignName, ids: changed.campaignIds }).toEqual({ id: three, name: 'Three', ids: user.campaignIds })
    // A renamed campaign shows its new name.
    expectOk(await t.admin.patch(`/api/v1/campaigns/${three}`, { name: 'Drie' }))
    expect((await getUser(t, user.id)).defaultCampaignName).toBe('Drie')
  })

  it('refuses a default campaign that is not among the user\'s campaigns', async () => {
    const t = await tenant()
    const [one, two] = [await createCampaign(t), await createCampaign(t)]
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), campaignIds: [one], defaultCampaignId: two }), { defaultCampaignId: 'default_campaign_not_linked' })
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), defaultCampaignId: one }), { defaultCampaignId: 'default_campaign_not_linked' })
    const user = await createUser(t, { campaignIds: [one] })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { defaultCampaignId: two }), { defaultCampaignId: 'default_campaign_not_linked' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { campaignIds: [two], defaultCampaignId: one }), { defaultCampaignId: 'default_campaign_not_linked' })
    expect(await getUser(t, user.id)).toMatchObject({ campaignIds: [one], defaultCampaignId: one, version: 1 })
  })

  it('refuses unknown and other tenants\' campaigns, teams and roles, naming the array index', async () => {
    const t = await tenant()
    const other = await tenant()
    const [campaign, team] = [await createCampaign(t), await createTeam(t)]
    const [foreignCampaign, foreignTeam] = [await createCampaign(other), await createTeam(other)]
    const answer = await t.admin.post(USERS, {
      username: unique('u'),
      campaignIds: [campaign, randomUUID(), foreignCampaign],
      defaultCampaignId: campaign,
      teamIds: [foreignTeam, team, randomUUID()],
      roleId: other.roles.agent,
    })
    expectInvalid(answer, {
      'campaignIds[1]': 'unknown_campaign',
      'campaignIds[2]': 'unknown_campaign',
      'teamIds[0]': 'unknown_team',
      'teamIds[2]': 'unknown_team',
      roleId: 'unknown_role',
    })
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), roleId: randomUUID() }), { roleId: 'unknown_role' })
    expectInvalid(await t.admin.post(USERS, { username: unique('u'), campaignIds: [campaign, campaign], teamIds: ['nope'] }), { campaignIds: 'duplicate', 'teamIds[0]': 'invalid_id' })
    const user = await createUser(t, { campaignIds: [campaign], teamIds: [team] })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { teamIds: [team, foreignTeam] }), { 'teamIds[1]': 'unknown_team' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { campaignIds: [foreignCampaign] }), { 'campaignIds[0]': 'unknown_campaign' })
    expectInvalid(await t.admin.patch(`${USERS}/${user.id}`, { roleId: other.roles.agent }), { roleId: 'unknown_role' })
    expect(await getUser(t, user.id)).toMatchObject({ campaignIds: [campaign], teamIds: [team], roleId: t.roles.agent, version: 1 })
    // Known ones work, and the role defaults to Agent.
    expect(user.roleName).toBe('Agent')
    const qm = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { roleId: t.roles['quality-manager'] }))
    expect({ roleId: qm.roleId, roleName: qm.roleName }).toEqual({ roleId: t.roles['quality-manager'], roleName: 'Quality Manager' })
  })

  it('drops a default campaign that is no longer linked when the campaigns are replaced', async () => {
    const t = await tenant()
    const [a, b, c] = [await createCampaign(t, 'A'), await createCampaign(t, 'B'), await createCampaign(t, 'C')]
    const user = await createUser(t, { campaignIds: [a, b], defaultCampaignId: a })
    const replaced = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { campaignIds: [c, b] }))
    expect(replaced.campaignIds).toEqual([b!, c!].sort())
    expect(replaced.defaultCampaignId).not.toBe(a)
    expect(replaced.campaignIds).toContain(replaced.defaultCampaignId)
    expect(replaced.defaultCampaignName).toBe(replaced.defaultCampaignId === b ? 'B' : 'C')
    // A default that stays linked stays the default.
    const kept = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { defaultCampaignId: b }))
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { campaignIds: [a, b, c] })).defaultCampaignId).toBe(b)
    expect(kept.defaultCampaignName).toBe('B')
    const emptied = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { campaignIds: [] }))
    expect({ ids: emptied.campaignIds, id: emptied.defaultCampaignId, name: emptied.defaultCampaignName }).toEqual({ ids: [], id: null, name: null })
  })

  it('removes a deleted campaign or team from its users', async () => {
    const t = await tenant()
    const [a, b] = [await createCampaign(t, 'A'), await createCampaign(t, 'B')]
    const [red, blue] = [await createTeam(t, 'Red'), await createTeam(t, 'Blue')]
    const first = await createUser(t, { campaignIds: [a, b], defaultCampaignId: a, teamIds: [red, blue] })
    const second = await createUser(t, { campaignIds: [a] })
    const third = await createUser(t, { campaignIds: [b], teamIds: [blue] })
    expect(await t.admin.delete(`/api/v1/campaigns/${a}`)).toMatchObject({ status: 204 })
    const firstAfter = await getUser(t, first.id)
    expect(firstAfter.campaignIds).toEqual([b])
    expect(firstAfter.defaultCampaignId).not.toBe(a)
    if (firstAfter.defaultCampaignId !== null) expect(firstAfter.defaultCampaignName).toBe('B')
    else expect(firstAfter.defaultCampaignName).toBeNull()
    expect(await getUser(t, second.id)).toMatchObject({ campaignIds: [], defaultCampaignId: null, defaultCampaignName: null })
    expect(await getUser(t, third.id)).toMatchObject({ campaignIds: [b], defaultCampaignId: b })
    expect((await search(t, `campaign=${a}`)).total).toBe(0)
    expect(await usernamesFound(t, `campaign=${b}`)).toEqual([first.username, third.username].sort())
    // The user can still be edited afterwards.
    expectOk(await t.admin.patch(`${USERS}/${second.id}`, { jobTitle: 'still editable' }))
    expect(await t.admin.delete(`/api/v1/teams/${blue}`)).toMatchObject({ status: 204 })
    expect((await getUser(t, first.id)).teamIds).toEqual([red])
    expect((await getUser(t, third.id)).teamIds).toEqual([])
  })

  // ---------- ETag / If-Match ----------

  it('versions users: ETag on read, If-Match on change and delete', async () => {
    const t = await tenant()
    const created = await t.admin.post(USERS, { username: unique('u'), jobTitle: 'v1' })
    expect(created.headers.etag).toBe('"v1"')
    const user = created.body
    const read = await t.admin.get(`${USERS}/${user.id}`)
    expect(read.headers.etag).toBe('"v1"')
    const changed = await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'v2' }, { 'if-match': '"v1"' })
    expect(expectOk(changed)).toMatchObject({ jobTitle: 'v2', version: 2 })
    expect(changed.headers.etag).toBe('"v2"')
    expect((await t.admin.get(`${USERS}/${user.id}`)).headers.etag).toBe('"v2"')
    // A stale If-Match changes nothing.
    expectProblem(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'lost' }, { 'if-match': '"v1"' }), 412, 'version_conflict')
    expectProblem(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'lost' }, { 'if-match': '"v9"' }), 412, 'version_conflict')
    expectProblem(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'lost' }, { 'if-match': 'garbage' }), 412, 'version_conflict')
    expectProblem(await t.admin.delete(`${USERS}/${user.id}`, { 'if-match': '"v1"' }), 412, 'version_conflict')
    expect(await getUser(t, user.id)).toMatchObject({ jobTitle: 'v2', version: 2 })
    expect((await auditOf(t, user.id)).map((e) => e.action)).toEqual(['user.update', 'user.create'])
    // Without If-Match (or with *) the change applies.
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'v3' }))).toMatchObject({ jobTitle: 'v3', version: 3 })
    expect(expectOk(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'v4' }, { 'if-match': '*' }))).toMatchObject({ jobTitle: 'v4', version: 4 })
    expect((await t.admin.delete(`${USERS}/${user.id}`, { 'if-match': '"v4"' })).status).toBe(204)
    expectProblem(await t.admin.get(`${USERS}/${user.id}`), 404, 'user_not_found')
  })

  it('lets exactly one of two parallel changes with the same If-Match win', async () => {
    const t = await tenant()
    for (let round = 0; round < 3; round++) {
      const user = await createUser(t)
      const answers = await Promise.all([
        t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'first' }, { 'if-match': '"v1"' }),
        t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'second' }, { 'if-match': '"v1"' }),
      ])
      expect(statusesOf(answers), answers.map((x) => x.text).join('\n')).toEqual([200, 412])
      expectProblem(answers.find((x) => x.status === 412)!, 412, 'version_conflict')
      const winner = answers.find((x) => x.status === 200)!.body
      expect(await getUser(t, user.id)).toMatchObject({ jobTitle: winner.jobTitle, version: 2 })
      expect(await auditOf(t, user.id)).toHaveLength(2)
    }
  })

  it('deletes without If-Match', async () => {
    const t = await tenant()
    const user = await createUser(t)
    expectOk(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'x' }))
    expect((await t.admin.delete(`${USERS}/${user.id}`)).status).toBe(204)
    expectProblem(await t.admin.get(`${USERS}/${user.id}`), 404, 'user_not_found')
  })

  // ---------- active, delete, self ----------

  it('deactivates and activates users reversibly, audited as user.deactivate and user.activate', async () => {
    const t = await tenant()
    const { user, client } = await userWithRole(env(), t, t.roles['team-leader']!)
    expectOk(await client.get(USERS))
    const off = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { active: false }))
    expect(off).toMatchObject({ active: false, version: 2 })
    expect((await getUser(t, user.id)).active).toBe(false)
    expectProblem(await client.get(USERS), 401, 'unauthenticated')
    expect(await usernamesFound(t, 'active=false')).toEqual([user.username])
    const on = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { active: true }))
    expect(on).toMatchObject({ active: true, version: 3 })
    expectOk(await client.get(USERS))
    expect(await usernamesFound(t, 'active=false')).toEqual([])
    const events = await auditOf(t, user.id)
    expect(events.map((e) => e.action)).toEqual(['user.activate', 'user.deactivate', 'user.create'])
    expect(events[0]!.changes).toEqual({ active: { old: false, new: true } })
    expect(events[1]!.changes).toEqual({ active: { old: true, new: false } })
    // Setting it to what it already is is an ordinary update, not a second activation.
    expectOk(await t.admin.patch(`${USERS}/${user.id}`, { active: true, jobTitle: 'Lead' }))
    expect((await auditOf(t, user.id))[0]!.action).toBe('user.update')
  })

  it('deletes users for good, auditing the old values', async () => {
    const t = await tenant()
    const campaign = await createCampaign(t)
    const user = await createUser(t, { firstName: 'Gone', email: 'gone@example.com', agentId: 66, campaignIds: [campaign], identities: [{ environment: 'crm', username: 'gone' }] })
    expect((await t.admin.delete(`${USERS}/${user.id}`)).status).toBe(204)
    expectProblem(await t.admin.get(`${USERS}/${user.id}`), 404, 'user_not_found')
    expectProblem(await t.admin.patch(`${USERS}/${user.id}`, { active: true }), 404, 'user_not_found')
    expectProblem(await t.admin.delete(`${USERS}/${user.id}`), 404, 'user_not_found')
    expect((await search(t, 'q=gone')).total).toBe(0)
    const [event] = await auditOf(t, user.id)
    expect(event).toMatchObject({ action: 'user.delete', entityType: 'user', entityId: user.id, actorUsername: 'admin' })
    expect(event!.changes).toMatchObject({
      username: { old: user.username, new: null },
      firstName: { old: 'Gone', new: null },
      email: { old: 'gone@example.com', new: null },
      agentId: { old: 66, new: null },
      campaignIds: { old: [campaign], new: null },
      identities: { old: [{ environment: 'crm', username: 'gone' }], new: null },
    })
    // Its unique values are free again.
    expectOk(await t.admin.post(USERS, { username: user.username, email: 'gone@example.com', agentId: 66, identities: [{ environment: 'crm', username: 'gone' }] }), 201)
  })

  it('does not let an administrator deactivate or delete itself (409 cannot_remove_self)', async () => {
    const t = await tenant()
    const admin = await adminOf(t)
    expectProblem(await t.admin.patch(`${USERS}/${admin.id}`, { active: false }), 409, 'cannot_remove_self')
    expectProblem(await t.admin.delete(`${USERS}/${admin.id}`), 409, 'cannot_remove_self')
    expect(await getUser(t, admin.id)).toMatchObject({ active: true, version: admin.version })
    // Editing itself otherwise is fine.
    expect(expectOk(await t.admin.patch(`${USERS}/${admin.id}`, { jobTitle: 'Boss' })).jobTitle).toBe('Boss')
    // Another administrator may.
    const { client } = await userWithRole(env(), t, t.roles.administrator!)
    expect(expectOk(await client.patch(`${USERS}/${admin.id}`, { active: false })).active).toBe(false)
  })

  it('hides users of other tenants (404) and keeps them out of searches', async () => {
    const t = await tenant()
    const other = await tenant()
    const theirs = await createUser(other, { username: 'theirs' })
    expectProblem(await t.admin.get(`${USERS}/${theirs.id}`), 404, 'user_not_found')
    expectProblem(await t.admin.patch(`${USERS}/${theirs.id}`, { jobTitle: 'x' }), 404, 'user_not_found')
    expectProblem(await t.admin.delete(`${USERS}/${theirs.id}`), 404, 'user_not_found')
    expect((await search(t, 'q=theirs')).total).toBe(0)
    expect(await getUser(other, theirs.id)).toMatchObject({ version: 1 })
  })

  // ---------- search panel ----------

  async function searchFixture(t: TenantFixture) {
    const team = await createTeam(t)
    const campaign = await createCampaign(t, 'Inbound')
    const zoe = await createUser(t, {
      username: 'zk', firstName: 'Zoë', lastName: 'Ørsted', displayName: 'Zoë Ørsted', email: 'zoe.orsted@Example.com',
      employeeNumber: 'EMP-7731', agentId: 4242, campaignIds: [campaign], teamIds: [team],
    })
    const jan = await createUser(t, { username: 'jdv', firstName: 'Jan', lastName: 'de Vries', displayName: 'JdV', email: 'j.d@contoso.test', employeeNumber: 'E-100', agentId: 17, active: false, roleId: t.roles['team-leader'] })
    const taro = await createUser(t, { username: 'ty', firstName: '山田', lastName: '太郎', displayName: 'Taro Yamada', teamIds: [team] })
    const sean = await createUser(t, { username: 'sob', firstName: 'Seán', lastName: "O'Brien-Smith-Jones", displayName: 'Sean', campaignIds: [campaign], active: false })
    const pct = await createUser(t, { username: 'pct%user', firstName: 'Per', lastName: 'Cent', displayName: 'Pc C:\\temp' })
    return { team, campaign, zoe, jan, taro, sean, pct }
  }

  it('searches any part of names, username, email, employee number and agent ID, ignoring case and accents', async () => {
    const t = await tenant()
    const { zoe, jan, taro, sean, pct } = await searchFixture(t)
    const found = (q: string) => usernamesFound(t, `q=${encodeURIComponent(q)}`)
    expect.soft(await found('zoe')).toEqual([zoe.username])
    expect.soft(await found('ZOË')).toEqual([zoe.username])
    expect.soft(await found('ORST')).toEqual([zoe.username])
    expect.soft(await found('ørsted')).toEqual([zoe.username])
    expect.soft(await found('zo')).toEqual([zoe.username]) // two characters
    expect.soft(await found('EXAMPLE.C')).toEqual([zoe.username]) // part of an email
    expect.soft(await found('contoso')).toEqual([jan.username])
    expect.soft(await found('emp-77')).toEqual([zoe.username]) // employee number
    expect.soft(await found('E-100')).toEqual([jan.username])
    expect.soft(await found('4242')).toEqual([zoe.username]) // agent ID
    expect.soft(await found('24')).toEqual([zoe.username])
    expect.soft(await found('vries')).toEqual([jan.username]) // last name only
    expect.soft(await found('jan')).toEqual([jan.username]) // first name only
    expect.soft(await found('yamada')).toEqual([taro.username]) // display name only
    expect.soft(await found('山田')).toEqual([taro.username])
    expect.soft(await found('太郎')).toEqual([taro.username])
    expect.soft(await found('sean')).toEqual([sean.username])
    expect.soft(await found("o'brien")).toEqual([sean.username])
    expect.soft(await found('smith-jones')).toEqual([sean.username])
    expect.soft(await found('JDV')).toEqual([jan.username]) // username
    expect.soft(await found('%')).toEqual([pct.username]) // LIKE wildcards are literal
    expect.soft(await found('t%u')).toEqual([pct.username])
    expect.soft(await found('_')).toEqual([])
    expect.soft(await found('\\')).toEqual([pct.username])
    expect.soft(await found('C:\\TEMP')).toEqual([pct.username])
    expect.soft(await found('|')).toEqual([]) // nobody has a | in any searched field
    expect.soft(await found('nobody-has-this')).toEqual([])
    // Several words must all match, in any field and any order.
    expect.soft(await found('zoe example')).toEqual([zoe.username])
    expect.soft(await found('vries jan')).toEqual([jan.username])
    expect.soft(await found('zoe vries')).toEqual([])
    expect.soft(await found('  zoe   4242 ')).toEqual([zoe.username])
    // Every word counts, however many there are.
    const many = await t.admin.get(`${USERS}?q=${encodeURIComponent('zoe orsted zk example emp 4242 zo ors vries')}`)
    if (many.status === 200) expect.soft(many.body.items.map((u: Json) => u.username)).toEqual([])
    else expectProblem(many, 422, 'validation_failed')
    // The whole tenant without q: the fixture and the administrator.
    expect((await search(t, 'limit=1')).total).toBe(6)
    // The search follows changes and deletions.
    expectOk(await t.admin.patch(`${USERS}/${zoe.id}`, { lastName: 'Kowalski', displayName: 'Zoë K' }))
    expect.soft(await found('kowal')).toEqual([zoe.username])
    expect.soft(await found('orsted')).toEqual([zoe.username]) // still in the email
    expect.soft(await found('rsted zoe')).toEqual([zoe.username])
    expectOk(await t.admin.patch(`${USERS}/${zoe.id}`, { email: null }))
    expect.soft(await found('orsted')).toEqual([])
    expect((await t.admin.delete(`${USERS}/${taro.id}`)).status).toBe(204)
    expect.soft(await found('yamada')).toEqual([])
  })

  it('filters on active, campaign, role and team, combined with q', async () => {
    const t = await tenant()
    const { team, campaign, zoe, jan, taro, sean, pct } = await searchFixture(t)
    const all = [zoe, jan, taro, sean, pct].map((u) => u.username).concat('admin').sort()
    expect(await usernamesFound(t, '')).toEqual(all)
    expect(await usernamesFound(t, 'active=true')).toEqual(['admin', zoe.username, taro.username, pct.username].sort())
    expect(await usernamesFound(t, 'active=false')).toEqual([jan.username, sean.username].sort())
    expect(await usernamesFound(t, `campaign=${campaign}`)).toEqual([zoe.username, sean.username].sort())
    expect(await usernamesFound(t, `campaign=${campaign}&active=false`)).toEqual([sean.username])
    expect(await usernamesFound(t, `team=${team}`)).toEqual([zoe.username, taro.username].sort())
    expect(await usernamesFound(t, `role=${t.roles['team-leader']}`)).toEqual([jan.username])
    expect(await usernamesFound(t, `role=${t.roles.agent}`)).toEqual([zoe.username, taro.username, sean.username, pct.username].sort())
    expect(await usernamesFound(t, `role=${t.roles.administrator}`)).toEqual(['admin'])
    expect(await usernamesFound(t, `team=${team}&q=yamada`)).toEqual([taro.username])
    expect(await usernamesFound(t, `team=${team}&campaign=${campaign}`)).toEqual([zoe.username])
    expect(await usernamesFound(t, `campaign=${randomUUID()}`)).toEqual([])
    expectInvalid(await t.admin.get(`${USERS}?active=maybe`), { active: 'invalid_type' })
    expectInvalid(await t.admin.get(`${USERS}?campaign=nope`), { campaign: 'invalid_id' })
    expectInvalid(await t.admin.get(`${USERS}?sort=password`), { sort: 'invalid_value' })
    expectInvalid(await t.admin.get(`${USERS}?colour=red`), { colour: 'unknown_field' })
  })

  // Five users whose every sort column orders them differently; mixed case and nulls on purpose.
  async function sortFixture(t: TenantFixture) {
    const team = await createTeam(t)
    const [alpha, beta, gamma] = [await createCampaign(t, 'alpha'), await createCampaign(t, 'Beta'), await createCampaign(t, 'gamma')]
    const rows: Json[] = [
      { username: 'Echo', firstName: 'bob', lastName: 'Zwart', displayName: 'mia Z', email: 'd@x.test', roleId: t.roles.agent, campaignIds: [alpha], active: true, agentId: 30, timeZone: 'Europe/Amsterdam' },
      { username: 'alpha', firstName: 'Ann', lastName: 'de Vries', displayName: 'Lars V', email: null, roleId: t.roles['quality-manager'], campaignIds: [], active: false, agentId: null, timeZone: null },
      { username: 'Delta', firstName: 'carl', lastName: 'Bakker', displayName: 'kim B', email: 'B@x.test', roleId: t.roles['team-leader'], campaignIds: [beta], active: true, agentId: 7, timeZone: 'America/New_York' },
      { username: 'bravo', firstName: 'Dirk', lastName: 'van Dam', displayName: 'Noor D', email: 'a@x.test', roleId: t.roles.agent, campaignIds: [gamma], active: false, agentId: 100, timeZone: 'Asia/Tokyo' },
      { username: 'charlie', firstName: 'eve', lastName: 'Jansen', displayName: 'Eva J', email: 'C@x.test', roleId: t.roles.agent, campaignIds: [], active: true, agentId: null, timeZone: null },
    ]
    const users: Json[] = []
    for (const row of rows) users.push(await createUser(t, { ...row, teamIds: [team] }))
    return { team, users }
  }

  type Key = string | number | null
  const lower = (v: string | null) => (v === null ? null : v.toLowerCase())
  const SORT_KEYS: Record<UserSort, (u: Json) => Key> = {
    username: (u) => lower(u.username), firstName: (u) => lower(u.firstName), lastName: (u) => lower(u.lastName),
    displayName: (u) => lower(u.displayName), email: (u) => lower(u.email), role: (u) => lower(u.roleName),
    campaign: (u) => lower(u.defaultCampaignName), active: (u) => (u.active ? 1 : 0), agentId: (u) => u.agentId,
    lastLoginAt: (u) => u.lastLoginAt, timeZone: (u) => u.timeZone, createdAt: (u) => u.createdAt,
  }

  /** The expected order: by the sort value (null first, text case-insensitively), then creation order; desc is the exact reverse. */
  function expectedOrder(users: Json[], sort: UserSort, order: 'asc' | 'desc'): string[] {
    const key = SORT_KEYS[sort]
    const ranked = users.map((u, index) => ({ u, index, k: key(u) }))
    ranked.sort((a, b) => {
      if (a.k !== b.k) {
        if (a.k === null) return -1
        if (b.k === null) return 1
        return a.k < b.k ? -1 : 1
      }
      return a.index - b.index
    })
    const ids = ranked.map((r) => r.u.username as string)
    return order === 'asc' ? ids : ids.reverse()
  }

  it('sorts on every sort column in both orders, text case-insensitively and nulls first in ascending order', async () => {
    const t = await tenant()
    const { team, users } = await sortFixture(t)
    const names = async (query: string) => ((await search(t, `team=${team}&${query}`)).items as Json[]).map((u) => u.username as string)
    const failures: string[] = []
    const check = async (query: string, want: string[]) => {
      const got = await names(query)
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${query || '(default)'}: got ${got.join(',')}, want ${want.join(',')}`)
    }
    // Spot checks written out by hand, so the expectation does not rest on expectedOrder alone.
    await check('sort=lastName', ['Delta', 'alpha', 'charlie', 'bravo', 'Echo'])
    await check('sort=lastName&order=desc', ['Echo', 'bravo', 'charlie', 'alpha', 'Delta'])
    await check('sort=agentId', ['alpha', 'charlie', 'Delta', 'Echo', 'bravo'])
    await check('sort=agentId&order=desc', ['bravo', 'Echo', 'Delta', 'charlie', 'alpha'])
    await check('', ['alpha', 'bravo', 'charlie', 'Delta', 'Echo'])
    for (const sort of USER_SORTS) {
      for (const order of ['asc', 'desc'] as const) await check(`sort=${sort}&order=${order}`, expectedOrder(users, sort, order))
    }
    expect(failures).toEqual([])
  })

  it('pages by number and by cursor; the cursor visits every match once, in order, for every sort', async () => {
    const t = await tenant()
    const { team, users } = await sortFixture(t)
    // The order itself is checked by the sort test; here pages must agree with the one-page answer.
    const onePage = async (sort: UserSort, order: 'asc' | 'desc') =>
      ((await search(t, `team=${team}&sort=${sort}&order=${order}&limit=200`)).items as Json[]).map((u) => u.username as string)
    const all = await onePage('lastName', 'asc')
    const page2 = await search(t, `team=${team}&sort=lastName&limit=2&page=2`)
    expect({ total: page2.total, page: page2.page, names: page2.items.map((u: Json) => u.username) }).toEqual({ total: 5, page: 2, names: all.slice(2, 4) })
    const page3 = await search(t, `team=${team}&sort=lastName&limit=2&page=3`)
    expect({ total: page3.total, names: page3.items.map((u: Json) => u.username), next: page3.nextCursor }).toEqual({ total: 5, names: all.slice(4), next: undefined })
    const agentPage2 = await search(t, `team=${team}&sort=agentId&order=desc&limit=2&page=2`)
    expect(agentPage2.items.map((u: Json) => u.username)).toEqual((await onePage('agentId', 'desc')).slice(2, 4))
    expect((await search(t, `team=${team}&limit=2&page=9`)).items).toEqual([])
    const failures: string[] = []
    for (const sort of USER_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = []
        let cursor: string | undefined
        let requests = 0
        do {
          const page = await search(t, `team=${team}&sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          expect(page.total).toBe(5)
          seen.push(...page.items.map((u: Json) => u.username as string))
          cursor = page.nextCursor
        } while (cursor && ++requests < 10)
        const want = expectedOrder(users, sort, order)
        // Every match once, in the same order as one big page.
        const pageAtOnce = await onePage(sort, order)
        if (JSON.stringify(seen) !== JSON.stringify(pageAtOnce)) failures.push(`${sort} ${order}: cursor ${seen.join(',')} vs one page ${pageAtOnce.join(',')}`)
        if (JSON.stringify([...seen].sort()) !== JSON.stringify([...want].sort())) failures.push(`${sort} ${order}: visited ${seen.join(',')}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('keeps the totals of the common filters exact through creates, changes, deletes and removed campaigns and teams', async () => {
    const t = await tenant()
    const [c1, c2, c3] = [await createCampaign(t), await createCampaign(t), await createCampaign(t)]
    const [t1, t2] = [await createTeam(t), await createTeam(t)]
    const users: Json[] = []
    for (let i = 0; i < 12; i++) {
      users.push(await createUser(t, {
        active: i % 3 !== 0, roleId: i % 4 === 0 ? t.roles['team-leader'] : t.roles.agent,
        campaignIds: [[c1], [c1, c2], [c2, c3], []][i % 4], teamIds: [[t1], [], [t1, t2]][i % 3],
      }))
    }
    const patch = async (u: Json, body: Json) => expectOk(await t.admin.patch(`${USERS}/${u.id}`, body))
    await patch(users[0]!, { active: true, campaignIds: [c3], teamIds: [t2] })
    await patch(users[1]!, { roleId: t.roles['team-leader'], active: false })
    await patch(users[2]!, { campaignIds: [], teamIds: [] })
    await patch(users[3]!, { username: unique('renamed') }) // changes nothing counted
    expectOk(await t.admin.delete(`${USERS}/${users[4]!.id}`), 204)
    expectOk(await t.admin.delete(`/api/v1/campaigns/${c2}`), 204)
    expectOk(await t.admin.delete(`/api/v1/teams/${t1}`), 204)
    // A failed write changes no count.
    expectProblem(await t.admin.patch(`${USERS}/${users[5]!.id}`, { active: false, campaignIds: [randomUUID()] }), 422, 'validation_failed')
    const failures: string[] = []
    const filters = ['', `role=${t.roles.agent}`, `role=${t.roles['team-leader']}`, `campaign=${c1}`, `campaign=${c2}`, `campaign=${c3}`, `team=${t1}`, `team=${t2}`]
    for (const filter of filters) {
      for (const active of ['', '&active=true', '&active=false']) {
        const page = await search(t, `${filter}${active}&limit=200`)
        if (page.total !== page.items.length) failures.push(`${filter}${active}: total ${page.total}, listed ${page.items.length}`)
      }
    }
    expect(failures).toEqual([])
    expect((await search(t, 'limit=1')).total).toBe(12) // 11 users + the tenant's administrator
  })

  it('refuses limits above 200 and bad cursors', async () => {
    const t = await tenant()
    await createUser(t)
    await createUser(t)
    expectOk(await t.admin.get(`${USERS}?limit=200`))
    expectInvalid(await t.admin.get(`${USERS}?limit=201`), { limit: 'out_of_range' })
    expectInvalid(await t.admin.get(`${USERS}?limit=0`), { limit: 'out_of_range' })
    expectProblem(await t.admin.get(`${USERS}?cursor=garbage`), 400, 'invalid_cursor')
    expectProblem(await t.admin.get(`${USERS}?cursor=${Buffer.from('{"s":1}').toString('base64url')}`), 400, 'invalid_cursor')
    const first = await search(t, 'limit=1&sort=username')
    expect(first.nextCursor).toEqual(expect.any(String))
    // A cursor belongs to its sort and order.
    expectProblem(await t.admin.get(`${USERS}?limit=1&sort=lastName&cursor=${first.nextCursor}`), 400, 'invalid_cursor')
    expectProblem(await t.admin.get(`${USERS}?limit=1&sort=username&order=desc&cursor=${first.nextCursor}`), 400, 'invalid_cursor')
    expectOk(await t.admin.get(`${USERS}?limit=1&sort=username&cursor=${first.nextCursor}`))
  })

  it('exports every match as CSV, quoting commas and neutralising formulas', async () => {
    const t = await tenant()
    const team = await createTeam(t)
    const plain = await createUser(t, { username: 'plain', firstName: 'Plain', lastName: 'User', teamIds: [team], agentId: 12 })
    const comma = await createUser(t, { username: 'comma', lastName: 'Smith', displayName: 'Smith, John "JJ"', jobTitle: 'Sales, Inbound', teamIds: [team] })
    const formula = await createUser(t, { username: 'formula', displayName: '=HYPERLINK("http://evil.test")', jobTitle: '@SUM(A1)', description: 'x', externalUsername: '-2+3', teamIds: [team] })
    await createUser(t, { username: 'outside' })
    const answer = await t.admin.get(`${USERS}?team=${team}&sort=username`, { accept: 'text/csv' })
    expect(answer.status, answer.text).toBe(200)
    expect(String(answer.headers['content-type'])).toMatch(/^text\/csv/)
    expect(answer.text.endsWith('\r\n')).toBe(true)
    const lines = answer.text.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(4) // header and three users
    const [header, ...rows] = parseCsv(answer.text)
    expect(header!.slice(0, 6)).toEqual(['id', 'username', 'firstName', 'lastName', 'displayName', 'email'])
    const column = (name: string) => {
      const index = header!.indexOf(name)
      expect(index, name).toBeGreaterThanOrEqual(0)
      return index
    }
    expect(rows.map((r) => r[column('username')])).toEqual(['comma', 'formula', 'plain'])
    expect(rows.every((r) => r.length === header!.length)).toBe(true)
    const byName = Object.fromEntries(rows.map((r) => [r[column('username')], r]))
    expect(byName.plain![column('id')]).toBe(plain.id)
    expect(byName.plain![column('agentId')]).toBe('12')
    expect(byName.comma![column('id')]).toBe(comma.id)
    expect(byName.comma![column('displayName')]).toBe('Smith, John "JJ"')
    expect(byName.comma![column('jobTitle')]).toBe('Sales, Inbound')
    expect(answer.text).toContain('"Smith, John ""JJ"""')
    expect(byName.formula![column('id')]).toBe(formula.id)
    expect(byName.formula![column('displayName')]).toBe('\'=HYPERLINK("http://evil.test")')
    expect(byName.formula![column('jobTitle')]).toBe('\'@SUM(A1)')
    expect(byName.formula![column('externalUsername')]).toBe('\'-2+3')
    // No cell anywhere starts with a formula character.
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([])
    // A search narrows the export; an empty result is just the header.
    const narrowed = parseCsv((await t.admin.get(`${USERS}?q=plain`, { accept: 'text/csv' })).text)
    expect(narrowed.slice(1).map((r) => r[column('username')])).toEqual(['plain'])
    expect(parseCsv((await t.admin.get(`${USERS}?q=nobody-at-all`, { accept: 'text/csv' })).text)).toHaveLength(1)
  })

  it('exports a whole tenant in the requested order', async () => {
    const t = await tenant()
    for (let i = 0; i < 12; i++) await createUser(t, { username: `user${String(i).padStart(2, '0')}` })
    const answer = await t.admin.get(`${USERS}?sort=username&order=desc&limit=5`, { accept: 'text/csv' })
    const [header, ...rows] = parseCsv(answer.text)
    const usernames = rows.map((r) => r[header!.indexOf('username')])
    expect(usernames).toEqual([...Array.from({ length: 12 }, (_, i) => `user${String(i).padStart(2, '0')}`), 'admin'].sort().reverse())
  })

  // ---------- agent IDs ----------

  it('lists the agent IDs in use and suggests one above the highest', async () => {
    const t = await tenant()
    expect(expectOk(await t.admin.get(`${USERS}/agent-ids`))).toMatchObject({ items: [], total: 0, nextFreeAgentId: 1 })
    const a = await createUser(t, { agentId: 5 })
    const b = await createUser(t, { agentId: 120 })
    const c = await createUser(t, { agentId: 7 })
    await createUser(t) // no agent ID
    const other = await tenant()
    await createUser(other, { agentId: 9999 })
    const list = expectOk(await t.admin.get(`${USERS}/agent-ids`))
    expect(list.items).toEqual([
      { agentId: 5, userId: a.id, username: a.username },
      { agentId: 7, userId: c.id, username: c.username },
      { agentId: 120, userId: b.id, username: b.username },
    ])
    expect({ total: list.total, next: list.nextFreeAgentId }).toEqual({ total: 3, next: 121 })
    const desc = expectOk(await t.admin.get(`${USERS}/agent-ids?order=desc&limit=2`))
    expect(desc.items.map((i: Json) => i.agentId)).toEqual([120, 7])
    expect(desc.nextFreeAgentId).toBe(121)
    expectOk(await t.admin.patch(`${USERS}/${b.id}`, { agentId: null }))
    expect(expectOk(await t.admin.get(`${USERS}/agent-ids`))).toMatchObject({ total: 2, nextFreeAgentId: 8 })
    expect((await t.admin.delete(`${USERS}/${c.id}`)).status).toBe(204)
    expect(expectOk(await t.admin.get(`${USERS}/agent-ids`))).toMatchObject({ total: 1, nextFreeAgentId: 6 })
    expectOk(await t.admin.post(USERS, { username: unique('u'), agentId: 6 }), 201)
  })

  // ---------- audit ----------

  it('audits a creation with the new values and an update with only the changed fields', async () => {
    const t = await tenant()
    const campaign = await createCampaign(t)
    const user = await createUser(t, { username: 'audited', firstName: 'Ann', email: 'ann@example.com', mobilePhone: '0031 20 123 4567', campaignIds: [campaign] })
    let events = await auditOf(t, user.id)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ action: 'user.create', entityType: 'user', entityId: user.id, tenantId: t.id, actorUsername: 'admin' })
    expect(events[0]!.changes).toMatchObject({
      username: { old: null, new: 'audited' },
      firstName: { old: null, new: 'Ann' },
      displayName: { old: null, new: 'Ann' },
      email: { old: null, new: 'ann@example.com' },
      mobilePhone: { old: null, new: '+31201234567' },
      campaignIds: { old: null, new: [campaign] },
      defaultCampaignId: { old: null, new: campaign },
      roleId: { old: null, new: t.roles.agent },
      active: { old: null, new: true },
    })
    const updated = expectOk(await t.admin.patch(`${USERS}/${user.id}`, { jobTitle: 'Agent', email: 'ann.b@example.com', firstName: 'Ann', mobilePhone: '+31 20 123 4567' }))
    expect(updated).toMatchObject({ version: 2, updatedByUsername: 'admin', mobilePhone: '+31201234567' })
    events = await auditOf(t, user.id)
    expect(events.map((e) => e.action)).toEqual(['user.update', 'user.create'])
    expect(events[0]!.changes).toEqual({ jobTitle: { old: '', new: 'Agent' }, email: { old: 'ann@example.com', new: 'ann.b@example.com' } })
  })

  it('writes no audit event for a write that fails', async () => {
    const t = await tenant()
    const user = await createUser(t, { username: 'first', agentId: 1 })
    const other = await createUser(t, { username: 'second' })
    const total = await auditTotal(t)
    expectProblem(await t.admin.post(USERS, { username: 'FIRST' }), 409, 'username_taken')
    expectProblem(await t.admin.post(USERS, { username: unique('u'), agentId: 1 }), 409, 'agent_id_taken')
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { username: 'first' }), 409, 'username_taken')
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { email: 'bad' }), 422, 'validation_failed')
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { roleId: randomUUID() }), 422, 'validation_failed')
    expectProblem(await t.admin.patch(`${USERS}/${other.id}`, { jobTitle: 'x' }, { 'if-match': '"v7"' }), 412, 'version_conflict')
    expectProblem(await t.admin.delete(`${USERS}/${user.id}`, { 'if-match': '"v7"' }), 412, 'version_conflict')
    const admin = await adminOf(t)
    expectProblem(await t.admin.patch(`${USERS}/${admin.id}`, { active: false }), 409, 'cannot_remove_self')
    expect(await auditTotal(t)).toBe(total)
    expect(await auditOf(t, other.id)).toHaveLength(1)
    expect(await getUser(t, other.id)).toMatchObject({ username: 'second', version: 1 })
  })
})

