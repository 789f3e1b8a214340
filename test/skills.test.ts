// Skills and profiles (issue 5, point 2): skills on the tenant's level scale; group profiles offered
// to the group's users and switched per user; personal profiles; search by skill and level; a
// profile that logged-on agents use is changed only when confirmed. Both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { SEARCH_TUNING } from '../src/users/service.js'
import { createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

describeEachEngine('skills and profiles', (env) => {
  let T: TenantFixture
  let english: { id: string }, german: { id: string }, billing: { id: string }
  beforeAll(async () => {
    T = await createTenant(env())
    english = expectOk(await T.admin.post('/api/v1/skills', { name: 'English', description: 'Speaks English' }), 201)
    german = expectOk(await T.admin.post('/api/v1/skills', { name: 'German' }), 201)
    billing = expectOk(await T.admin.post('/api/v1/skills', { name: 'Billing' }), 201)
  })
  const group = async () => expectOk(await T.admin.post('/api/v1/user-groups', { name: unique('G ') }), 201)
  const user = async (body: object = {}) => expectOk(await T.admin.post('/api/v1/users', { username: unique('u'), ...body }), 201)
  const profile = async (body: object) => expectOk(await T.admin.post('/api/v1/profiles', { name: unique('P '), ...body }), 201)
  const skillsOf = async (id: string) => expectOk(await T.admin.get(`/api/v1/users/${id}/skills`))
  /** Searched both ways: by the holders' ids and (as past SEARCH_TUNING.maxSkillHolderIds) row by row; the two must agree. */
  const withSkill = async (skill: string, level: number, extra = '') => {
    const url = `/api/v1/users?skill=${skill}&skillLevel=${level}&limit=200${extra}`
    const byIds = expectOk(await T.admin.get(url))
    const saved = SEARCH_TUNING.maxSkillHolderIds
    SEARCH_TUNING.maxSkillHolderIds = -1
    try {
      expect(expectOk(await T.admin.get(url))).toEqual(byIds)
    } finally {
      SEARCH_TUNING.maxSkillHolderIds = saved
    }
    return byIds
  }

  it('defines skills with unique names, on a scale of 0 (member only) to the tenant\'s maximum', async () => {
    expectProblem(await T.admin.post('/api/v1/skills', { name: 'english' }), 409, 'skill_name_taken')
    const g = await group()
    const bad = expectProblem(await T.admin.post('/api/v1/profiles', { name: 'Too good', groupId: g.id, skills: [{ skillId: english.id, level: 10 }, { skillId: english.id, level: 1 }] }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => [e.path, e.code])).toEqual([['skills[0].level', 'out_of_range'], ['skills[1].skillId', 'duplicate']])
    const tenant = await createTenant(env(), { skillLevels: { max: 5 } })
    const skill = expectOk(await tenant.admin.post('/api/v1/skills', { name: 'Chat' }), 201)
    expect(expectOk(await tenant.admin.get('/api/v1/skills')).maxLevel).toBe(5)
    expect(expectOk(await T.admin.get('/api/v1/skills')).maxLevel).toBe(9)
    const tenantGroup = expectOk(await tenant.admin.get('/api/v1/user-groups')).items[0]
    expectProblem(await tenant.admin.post('/api/v1/profiles', { name: 'P', groupId: tenantGroup.id, skills: [{ skillId: skill.id, level: 6 }] }), 422, 'validation_failed')
    const ok = expectOk(await tenant.admin.post('/api/v1/profiles', { name: 'P', groupId: tenantGroup.id, skills: [{ skillId: skill.id, level: 5 }] }), 201)
    expect(ok.skills).toEqual([{ skillId: skill.id, skillName: 'Chat', level: 5 }])
    // Another tenant's skill is unknown here.
    const foreign = expectProblem(await T.admin.post('/api/v1/profiles', { name: 'X', groupId: g.id, skills: [{ skillId: skill.id, level: 1 }] }), 422, 'validation_failed')
    expect(foreign.errors![0]).toMatchObject({ path: 'skills[0].skillId', code: 'unknown_skill' })
    expectProblem(await T.admin.get(`/api/v1/skills/${skill.id}`), 404, 'skill_not_found')
    expectProblem(await T.admin.get(`/api/v1/profiles/${ok.id}`), 404, 'profile_not_found')
  })

  it('offers group profiles to the group\'s users, switched per user; personal profiles add to them; the best level counts', async () => {
    const g = await group()
    const languages = await profile({ groupId: g.id, skills: [{ skillId: english.id, level: 7 }, { skillId: german.id, level: 3 }] })
    const billingDesk = await profile({ groupId: g.id, skills: [{ skillId: billing.id, level: 5 }] })
    const anna = await user({ groupId: g.id })
    const ben = await user({ groupId: g.id })
    const own = await profile({ userId: ben.id, skills: [{ skillId: german.id, level: 9 }] })
    expect(own.kind).toBe('personal')

    const annaSkills = await skillsOf(anna.id)
    expect(annaSkills.profiles.map((p: { id: string; enabled: boolean; kind: string }) => [p.id, p.kind, p.enabled]).sort())
      .toEqual([[languages.id, 'group', true], [billingDesk.id, 'group', true]].sort())
    expect(annaSkills.effective.map((s: { skillName: string; level: number }) => `${s.skillName}:${s.level}`)).toEqual(['Billing:5', 'English:7', 'German:3'])
    expect((await skillsOf(ben.id)).effective.map((s: { skillName: string; level: number }) => `${s.skillName}:${s.level}`)).toEqual(['Billing:5', 'English:7', 'German:9'])

    // Anna switches the billing desk off: she no longer has Billing, and the search agrees.
    const switched = expectOk(await T.admin.patch(`/api/v1/users/${anna.id}/skills`, { profiles: { [billingDesk.id]: false } }))
    expect(switched.profiles.find((p: { id: string }) => p.id === billingDesk.id).enabled).toBe(false)
    expect(switched.effective.map((s: { skillName: string }) => s.skillName)).toEqual(['English', 'German'])
    const billers = await withSkill(billing.id, 1, `&group=${g.id}`)
    expect({ ids: billers.items.map((u: { id: string }) => u.id), total: billers.total }).toEqual({ ids: [ben.id], total: 1 })
    const germans = await withSkill(german.id, 5, `&group=${g.id}`)
    expect(germans.items.map((u: { id: string }) => u.id)).toEqual([ben.id])
    const anyGerman = await withSkill(german.id, 0, `&group=${g.id}`)
    expect(anyGerman.items.map((u: { id: string }) => u.id).sort()).toEqual([anna.id, ben.id].sort())
    expect(anyGerman.total).toBe(2)
    // Without other filters the total comes from the groups' kept totals, corrected by the switches
    // and personal profiles (withSkill compares it with the row-by-row count).
    expectOk(await T.admin.patch(`/api/v1/users/${ben.id}`, { active: false }))
    for (const [skill, level] of [[billing.id, 1], [german.id, 5], [german.id, 0], [english.id, 7]] as const) {
      const all = await withSkill(skill, level)
      expect(all.total).toBe(all.items.length)
      const active = await withSkill(skill, level, '&active=true')
      expect(active.items.some((u: { id: string }) => u.id === ben.id)).toBe(false)
    }
    expect((await withSkill(german.id, 5)).items.map((u: { id: string }) => u.id)).toEqual([ben.id])
    expectOk(await T.admin.patch(`/api/v1/users/${ben.id}`, { active: true }))
    // A skill no profile gives (at that level) matches nobody.
    const unused = expectOk(await T.admin.post('/api/v1/skills', { name: unique('Unused ') }), 201)
    expect(await withSkill(unused.id, 0)).toMatchObject({ items: [], total: 0 })
    expect(await withSkill(german.id, 10)).toMatchObject({ items: [], total: 0 })

    // A profile of another group, or unknown, cannot be switched.
    const other = await group()
    const foreign = await profile({ groupId: other.id, skills: [] })
    const refused = expectProblem(await T.admin.patch(`/api/v1/users/${anna.id}/skills`, { profiles: { [foreign.id]: true } }), 422, 'validation_failed')
    expect(refused.errors![0]).toMatchObject({ path: `profiles.${foreign.id}`, code: 'unknown_profile' })

    // Moving to another group: the old group's profiles (and Anna's switch) go, the new group's come.
    const moved = expectOk(await T.admin.patch(`/api/v1/users/${anna.id}`, { groupId: other.id }))
    expect(moved.groupId).toBe(other.id)
    const after = await skillsOf(anna.id)
    expect(after.profiles.map((p: { id: string; enabled: boolean }) => [p.id, p.enabled])).toEqual([[foreign.id, true]])
    expect((await withSkill(english.id, 1, `&group=${g.id}`)).items.map((u: { id: string }) => u.id)).toEqual([ben.id])

    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${anna.id}&action=user.profiles_update`))
    expect(audit.items[0].changes).toEqual({ [`profile ${billingDesk.name}`]: { old: true, new: false } })
  })

  it('logs on with a profile of one\'s own, warns before a profile in use changes, and lets confirm go on', async () => {
    const g = await group()
    const desk = await profile({ groupId: g.id, skills: [{ skillId: english.id, level: 4 }] })
    const elsewhere = await profile({ groupId: (await group()).id, skills: [] })
    const agent = await user({ groupId: g.id })
    const put = (body: object) => T.admin.call('PUT', `/api/v1/users/${agent.id}/presence`, body)
    expectProblem(await put({ state: 'logged_on', profileId: elsewhere.id }), 422, 'validation_failed')
    expectOk(await T.admin.patch(`/api/v1/users/${agent.id}/skills`, { profiles: { [desk.id]: false } }))
    expectProblem(await put({ state: 'logged_on', profileId: desk.id }), 422, 'validation_failed')
    expectOk(await T.admin.patch(`/api/v1/users/${agent.id}/skills`, { profiles: { [desk.id]: true } }))
    expect(expectOk(await put({ state: 'logged_on', profileId: desk.id })).presence.profileId).toBe(desk.id)

    const inUse = expectOk(await T.admin.get(`/api/v1/profiles/${desk.id}`))
    expect(inUse.agentsLoggedOn).toBe(1)
    const warned = expectProblem(await T.admin.patch(`/api/v1/profiles/${desk.id}`, { skills: [{ skillId: english.id, level: 6 }] }), 409, 'profile_in_use')
    expect((warned as { detail?: string }).detail).toMatch(/^1 agent/)
    expect(expectOk(await T.admin.get(`/api/v1/profiles/${desk.id}`)).skills[0].level).toBe(4) // nothing changed
    const changed = expectOk(await T.admin.patch(`/api/v1/profiles/${desk.id}?confirm=true`, { skills: [{ skillId: english.id, level: 6 }] }))
    expect(changed.skills).toEqual([{ skillId: english.id, skillName: 'English', level: 6 }])
    expectProblem(await T.admin.delete(`/api/v1/profiles/${desk.id}`), 409, 'profile_in_use')
    expectOk(await T.admin.delete(`/api/v1/profiles/${desk.id}?confirm=true`), 204)
    expect(expectOk(await T.admin.get(`/api/v1/users/${agent.id}`)).presence).toMatchObject({ state: 'logged_on', profileId: null })
    // Logged off, nobody uses it: no warning.
    const quiet = await profile({ groupId: g.id, skills: [] })
    expectOk(await T.admin.patch(`/api/v1/profiles/${quiet.id}`, { name: unique('Renamed ') }))
  })

  it('lets users:read see skills and profiles, and only skills:manage change them', async () => {
    const { client: leader } = await userWithRole(env(), T, T.roles['team-leader']!)
    expectOk(await leader.get('/api/v1/skills'))
    expectOk(await leader.get('/api/v1/profiles'))
    expectProblem(await leader.post('/api/v1/skills', { name: unique('S') }), 403, 'forbidden')
    const g = await group()
    expectProblem(await leader.post('/api/v1/profiles', { name: 'P', groupId: g.id }), 403, 'forbidden')
    const missingOwner = expectProblem(await T.admin.post('/api/v1/profiles', { name: 'P' }), 422, 'validation_failed')
    expect(missingOwner.errors![0]).toMatchObject({ path: 'groupId', code: 'one_owner' })
    const skill = expectOk(await T.admin.post('/api/v1/skills', { name: unique('Temp ') }), 201)
    const p = await profile({ groupId: g.id, skills: [{ skillId: skill.id, level: 2 }] })
    expectOk(await T.admin.delete(`/api/v1/skills/${skill.id}`), 204)
    expect(expectOk(await T.admin.get(`/api/v1/profiles/${p.id}`)).skills).toEqual([])
  })
})
