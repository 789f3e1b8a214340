// Voice settings, SIP passwords and the PJSIP export (issue 5, point 5), on both engines. The export
// is read back with a parser of our own against the rules Asterisk's res_pjsip holds a file to.
import { beforeAll, expect, it } from 'vitest'
import { NAT_OPTIONS } from '../src/voice/pjsip.js'
import { describeEachEngine } from './harness.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

type Json = Record<string, any>

interface Section { name: string; type: string; options: Array<[string, string]> }

/** pjsip.conf as res_pjsip reads it: [name] headers, key=value lines, `;` comments (`\;` a literal). */
function parsePjsip(text: string): Section[] {
  const sections: Section[] = []
  for (const [number, raw] of text.split('\n').entries()) {
    const line = raw.replace(/(?<!\\);.*$/, '').trim()
    if (!line) continue
    const header = /^\[([^\]]+)\]$/.exec(line)
    if (header) {
      sections.push({ name: header[1]!, type: '', options: [] })
      continue
    }
    const option = /^([a-z_]+)=(.*)$/.exec(line)
    if (!option || !sections.length) throw new Error(`line ${number + 1} is neither a section nor an option: ${raw}`)
    const section = sections[sections.length - 1]!
    if (option[1] === 'type') section.type = option[2]!
    else section.options.push([option[1]!, option[2]!.replace(/\\([;\\])/g, '$1')])
  }
  return sections
}

/** The rules: every section has a type, a name is used once per type, and references resolve to the right type. */
function checkPjsipRules(sections: Section[]): string[] {
  const problems: string[] = []
  const byType = new Map<string, Set<string>>()
  for (const s of sections) {
    if (!['endpoint', 'auth', 'aor', 'transport'].includes(s.type)) problems.push(`[${s.name}] has type "${s.type}"`)
    const names = byType.get(s.type) ?? new Set<string>()
    if (names.has(s.name)) problems.push(`[${s.name}] of type ${s.type} twice`)
    names.add(s.name)
    byType.set(s.type, names)
  }
  const references: Record<string, string> = { auth: 'auth', aors: 'aor', transport: 'transport' }
  for (const s of sections.filter((x) => x.type === 'endpoint')) {
    for (const [key, value] of s.options) {
      const type = references[key]
      if (type) for (const name of value.split(',')) if (!byType.get(type)?.has(name)) problems.push(`[${s.name}] ${key}=${name} names no ${type}`)
    }
    for (const required of ['context', 'allow', 'auth', 'aors', 'transport']) if (!s.options.some(([k]) => k === required)) problems.push(`[${s.name}] has no ${required}`)
  }
  return problems
}

const option = (s: Section | undefined, key: string) => s?.options.find(([k]) => k === key)?.[1]

describeEachEngine('voice settings and the PJSIP export', (env) => {
  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
  })
  const person = async (body: Json = {}) => expectOk(await T.admin.post('/api/v1/users', { username: unique('v'), roleId: T.roles.agent, ...body }), 201)

  it('keeps a user\'s phone settings with defaults, checks every value, honours If-Match and audits', async () => {
    const user = await person()
    const read = await T.admin.get(`/api/v1/users/${user.id}/voice`)
    expect(expectOk(read)).toMatchObject({ transport: 'udp', nat: 'no', codecs: ['ulaw', 'alaw'], context: 'from-sip', callGroups: [], pickupGroups: [], hasSipPassword: false, version: 0 })
    const bad = expectProblem(await T.admin.patch(`/api/v1/users/${user.id}/voice`, { transport: 'sctp', codecs: ['mp3'], context: 'from sip', callGroups: [64], nat: 'maybe' }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['callGroups[0]', 'codecs[0]', 'context', 'nat', 'transport'])
    const changed = expectOk(await T.admin.patch(`/api/v1/users/${user.id}/voice`, { transport: 'wss', nat: 'yes', codecs: ['opus', 'g722', 'ulaw'], callGroups: [3, 1], pickupGroups: [1] }, { 'if-match': read.headers.etag as string }))
    expect(changed).toMatchObject({ transport: 'wss', nat: 'yes', codecs: ['opus', 'g722', 'ulaw'], context: 'from-sip', callGroups: [3, 1], version: 1 })
    expectProblem(await T.admin.patch(`/api/v1/users/${user.id}/voice`, { nat: 'no' }, { 'if-match': read.headers.etag as string }), 412, 'version_conflict')
    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.voice_update`)).items
    expect(audit[0].changes).toMatchObject({ transport: { old: 'udp', new: 'wss' }, nat: { old: 'no', new: 'yes' } })
  })

  it('makes a SIP password shown once, kept sealed, never for machines nor by a weaker role', async () => {
    const user = await person()
    const first = expectOk(await T.admin.post(`/api/v1/users/${user.id}/sip-password`, {})).sipPassword
    expect(first).toMatch(/^[A-Za-z0-9]{24}$/)
    const second = expectOk(await T.admin.post(`/api/v1/users/${user.id}/sip-password`, {})).sipPassword
    expect(second).not.toBe(first)
    const stored = (await env().db.selectFrom('user_voice').select('sip_password').where('user_id', '=', user.id).executeTakeFirstOrThrow()).sip_password!
    expect(stored).not.toContain(second)
    expect(stored).toMatch(/^v1\./)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}/voice`))).toMatchObject({ hasSipPassword: true })
    expect(JSON.stringify(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}`)).items)).not.toContain(second)
    const bot = await person({ kind: 'bot' })
    expectProblem(await T.admin.post(`/api/v1/users/${bot.id}/sip-password`, {}), 409, 'machine_account')
    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    const manager = await person({ roleId: T.roles['contact-centre-manager'] })
    expectProblem(await leader.client.post(`/api/v1/users/${manager.id}/sip-password`, {}), 403, 'privilege_escalation')
  })

  it('exports the tenant\'s phones as a pjsip.conf that holds to the rules and says what the settings say', async () => {
    const t = await createTenant(env())
    const make = async (body: Json, voice: Json | null, password = true) => {
      const user = expectOk(await t.admin.post('/api/v1/users', { username: unique('p'), roleId: t.roles.agent, ...body }), 201)
      if (voice) expectOk(await t.admin.patch(`/api/v1/users/${user.id}/voice`, voice))
      if (password) user.sipPassword = expectOk(await t.admin.post(`/api/v1/users/${user.id}/sip-password`, {})).sipPassword
      return user
    }
    const anna = await make({ displayName: 'Anna "AJ"; de Jong' }, { transport: 'tcp', nat: 'comedia', codecs: ['alaw', 'ulaw'], context: 'agents', callGroups: [2, 1], pickupGroups: [1] })
    const plain = await make({ displayName: 'Jan' }, null)
    const wss = await make({ displayName: 'Web phone' }, { transport: 'wss', nat: 'yes', codecs: ['opus'] })
    const noPassword = await make({ displayName: 'No password' }, null, false)
    const inactive = await make({ displayName: 'Gone' }, null)
    expectOk(await t.admin.patch(`/api/v1/users/${inactive.id}`, { active: false }))
    await make({ displayName: 'Board', kind: 'wallboard' }, null, false)
    await make({ displayName: 'Elsewhere' }, null) // another tenant's phone must not show:
    const other = await createTenant(env())
    const stranger = expectOk(await other.admin.post('/api/v1/users', { username: unique('s'), roleId: other.roles.agent }), 201)
    expectOk(await other.admin.post(`/api/v1/users/${stranger.id}/sip-password`, {}))

    const answer = await t.admin.get(`/api/v1/tenants/${t.slug}/pjsip.conf`)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^text\/plain/)
    const sections = parsePjsip(answer.text)
    expect(checkPjsipRules(sections)).toEqual([])
    const endpoints = sections.filter((s) => s.type === 'endpoint').map((s) => s.name).sort()
    expect(endpoints).toEqual([anna, plain, wss, (await t.admin.get(`/api/v1/users?q=elsewhere`)).body.items[0]].map((u) => String(u.extension)).sort())
    expect(answer.text).not.toContain(String(noPassword.extension) + ']')
    expect(answer.text).not.toContain(stranger.username)
    expect(sections.filter((s) => s.type === 'transport').map((s) => s.name).sort()).toEqual(['transport-tcp', 'transport-udp', 'transport-wss'])

    const endpoint = (u: Json) => sections.find((s) => s.type === 'endpoint' && s.name === String(u.extension))
    const a = endpoint(anna)
    expect({ context: option(a, 'context'), allow: option(a, 'allow'), transport: option(a, 'transport'), call: option(a, 'call_group'), pickup: option(a, 'pickup_group'), callerid: option(a, 'callerid') })
      .toEqual({ context: 'agents', allow: 'alaw,ulaw', transport: 'transport-tcp', call: '1,2', pickup: '1', callerid: `"Anna AJ; de Jong" <${anna.extension}>` })
    for (const [u, nat] of [[anna, 'comedia'], [plain, 'no'], [wss, 'yes']] as const) {
      const e = endpoint(u)
      const expected = NAT_OPTIONS[nat]
      expect({ force_rport: option(e, 'force_rport'), rewrite_contact: option(e, 'rewrite_contact'), rtp_symmetric: option(e, 'rtp_symmetric'), direct_media: option(e, 'direct_media') })
        .toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v ? 'yes' : 'no'])))
      const auth = sections.find((s) => s.type === 'auth' && s.name === option(e, 'auth'))
      expect({ username: option(auth, 'username'), password: option(auth, 'password') }).toEqual({ username: String(u.extension), password: u.sipPassword })
    }
    expect(expectOk(await t.admin.get(`/api/v1/audit?action=tenant.pjsip_export`)).items).toHaveLength(1)
  })

  it('gives the export to those with voice:export only, of their own tenant', async () => {
    const manager = await userWithRole(env(), T, T.roles['contact-centre-manager']!)
    expectProblem(await manager.client.get(`/api/v1/tenants/${T.slug}/pjsip.conf`), 403, 'forbidden')
    const other = await createTenant(env())
    expectProblem(await T.admin.get(`/api/v1/tenants/${other.slug}/pjsip.conf`), 404, 'tenant_not_found')
    expect((await T.admin.get(`/api/v1/tenants/${T.id}/pjsip.conf`)).status).toBe(200)
  })
})
