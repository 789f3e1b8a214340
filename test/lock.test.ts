// An administrator locks an account by hand (Connectel's "Locked" switch) and unlocks it: the user's
// sessions end, sign-in answers the one failure, nobody locks themselves or a stronger role. Both engines.
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Browser, createTenant, expectOk, expectProblem, unique, userWithRole, type TenantFixture } from './api.js'

const PASSWORD = 'Correct horse battery 9'

describeEachEngine('locking an account', (env) => {
  let T: TenantFixture
  beforeAll(async () => {
    T = await createTenant(env())
  })

  async function agentSignedIn() {
    const user = expectOk(await T.admin.post('/api/v1/users', { username: unique('l'), roleId: T.roles.agent }), 201)
    expectOk(await T.admin.call('PUT', `/api/v1/users/${user.id}/password`, { password: PASSWORD, temporary: false }))
    const browser = new Browser(env())
    expect(expectOk(await browser.signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
    return { user, browser }
  }

  it('locks until unlocked: sessions end, sign-in fails with the one answer, audited; unlock lets the user in again', async () => {
    const { user, browser } = await agentSignedIn()
    const before = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    const locked = expectOk(await T.admin.post(`/api/v1/users/${user.id}/lock`, {}))
    expect(locked).toMatchObject({ locked: true, lockedAt: expect.any(String), lockedUntil: null })
    expectProblem(await browser.get('/api/v1/me'), 401, 'unauthenticated')
    expectProblem(await new Browser(env()).signIn(T.slug, user.username, PASSWORD), 401, 'invalid_credentials')
    const read = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(read).toMatchObject({ locked: true, lockedUntil: null })
    expect(read.version).toBe(before.version + 1)
    const audit = expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.lock`)).items
    expect(audit).toHaveLength(1)
    expect(audit[0].changes).toMatchObject({ reason: { new: 'administrator' }, sessionsEnded: { new: 1 } })
    // Locking again changes nothing.
    expectOk(await T.admin.post(`/api/v1/users/${user.id}/lock`, {}))
    expect(expectOk(await T.admin.get(`/api/v1/audit?entityId=${user.id}&action=user.lock`)).items).toHaveLength(1)

    expect(expectOk(await T.admin.post(`/api/v1/users/${user.id}/unlock`, {}))).toMatchObject({ locked: false })
    expect(expectOk(await new Browser(env()).signIn(T.slug, user.username, PASSWORD)).status).toBe('signed_in')
  })

  it('refuses locking oneself, a user whose role holds more, and another tenant\'s user', async () => {
    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    expectProblem(await leader.client.post(`/api/v1/users/${leader.user.id}/lock`, {}), 409, 'cannot_lock_self')
    const manager = expectOk(await T.admin.post('/api/v1/users', { username: unique('m'), roleId: T.roles['contact-centre-manager'] }), 201)
    expectProblem(await leader.client.post(`/api/v1/users/${manager.id}/lock`, {}), 403, 'privilege_escalation')
    expect(expectOk(await T.admin.get(`/api/v1/users/${manager.id}`)).locked).toBe(false)
    const other = await createTenant(env())
    const stranger = expectOk(await other.admin.post('/api/v1/users', { username: unique('s'), roleId: other.roles.agent }), 201)
    expectProblem(await T.admin.post(`/api/v1/users/${stranger.id}/lock`, {}), 404, 'user_not_found')
  })
})
