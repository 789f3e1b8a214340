// Agent identity numbers (issue 5, point 4): the internal number (extension) from the tenant's
// range or by hand, unique, never changed; the agent ID the tenant can require. On both engines.
import { expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique } from './api.js'

type Json = Record<string, any>

describeEachEngine('internal numbers and agent IDs', (env) => {
  const platform = () => new Client(env(), env().platformKey)
  const configured = async (agentNumbers: Json) => {
    const t = await createTenant(env())
    expectOk(await platform().patch(`/api/v1/tenants/${t.id}`, { settings: { agentNumbers } }))
    return t
  }
  const create = (t: Awaited<ReturnType<typeof createTenant>>, body: Json = {}) => t.admin.post('/api/v1/users', { username: unique('x'), roleId: t.roles.agent, ...body })

  it('gives people the next free number of the range, takes one given by hand, and none to machines', async () => {
    const t = await configured({ extensionFrom: 200, extensionTo: 299 })
    expect(expectOk(await create(t), 201).extension).toBe(200)
    expect(expectOk(await create(t), 201).extension).toBe(201)
    expect(expectOk(await create(t, { extension: 250 }), 201).extension).toBe(250)
    expect(expectOk(await create(t), 201).extension).toBe(251)
    expect(expectOk(await create(t, { kind: 'bot' }), 201).extension).toBeNull()
    const taken = expectProblem(await create(t, { extension: 250 }), 409, 'extension_taken')
    expect(taken.errors!.map((e) => e.path)).toEqual(['extension'])
    // Outside the range by hand is fine; the range itself goes on where it was.
    expect(expectOk(await create(t, { extension: 5000 }), 201).extension).toBe(5000)
    expect(expectOk(await create(t), 201).extension).toBe(252)
  })

  it('never changes a number once set, but sets one where there was none', async () => {
    const t = await configured({ autoExtension: false })
    const user = expectOk(await create(t), 201)
    expect(user.extension).toBeNull()
    expect(expectOk(await t.admin.patch(`/api/v1/users/${user.id}`, { extension: 4711 })).extension).toBe(4711)
    expectProblem(await t.admin.patch(`/api/v1/users/${user.id}`, { extension: 4712 }), 409, 'extension_immutable')
    expectProblem(await t.admin.patch(`/api/v1/users/${user.id}`, { extension: null }), 409, 'extension_immutable')
    expect(expectOk(await t.admin.patch(`/api/v1/users/${user.id}`, { extension: 4711, jobTitle: 'Same number' })).extension).toBe(4711)
    const audit = expectOk(await t.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.update`)).items
    expect(audit.some((e: Json) => e.changes.extension?.new === 4711)).toBe(true)
  })

  it('hands out distinct numbers to parallel creates, fills gaps when the top is reached, and says when all are taken', async () => {
    const t = await configured({ extensionFrom: 10, extensionTo: 21 })
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(t)))
    const numbers = answers.map((a) => expectOk(a, 201).extension as number).sort((a, b) => a - b)
    expect(numbers).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    const last = expectOk(await create(t, { extension: 21 }), 201)
    expectOk(await t.admin.delete(`/api/v1/users/${answers[2]!.body.id}`), 204)
    // The top is taken: the lowest free number (the one just freed) comes first.
    expect(expectOk(await create(t), 201).extension).toBe(answers[2]!.body.extension)
    expect(expectOk(await create(t), 201).extension).toBe(20)
    expectProblem(await create(t), 409, 'extensions_exhausted')
    expect(last.extension).toBe(21)
  })

  it('requires an agent ID of people when the tenant says so, not of machines', async () => {
    const t = await configured({ agentIdRequired: true })
    const refused = expectProblem(await create(t), 422, 'validation_failed')
    expect(refused.errors!.map((e) => [e.path, e.code])).toEqual([['agentId', 'required']])
    expect(expectOk(await create(t, { agentId: 77 }), 201).agentId).toBe(77)
    expect(expectOk(await create(t, { kind: 'wallboard' }), 201).agentId).toBeNull()
    const bad = expectProblem(await platform().patch(`/api/v1/tenants/${t.id}`, { settings: { agentNumbers: { extensionFrom: 50, extensionTo: 40 } } }), 422, 'validation_failed')
    expect(bad.errors!.map((e) => e.path)).toEqual(['settings.agentNumbers.extensionFrom'])
  })
})
