// Users' pictures in the console (issue 5, point 6): the editor's Profile tab refuses a text file named
// like a picture with the message for its code, uploads a JPEG and removes it; the users list shows
// the picture beside the username, and initials when there is none.
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { expect, it } from 'vitest'
import { createTenant, expectOk } from '../test/api.js'
import { alertText, describeInBrowser, en, screenshot, signInToConsole } from './harness.js'

/** Whether the row's avatar shows a loaded picture (not the initials). */
const rowPicture = (page: Page, username: string) =>
  page.locator(`tr[data-user="${username}"] [data-testid="user-avatar"] img`)

describeInBrowser('console: pictures', (env) => {
  it('uploads a picture in the editor after refusing a renamed text file, shows it in the list, and removes it', async () => {
    const T = await createTenant(env())
    const user = expectOk(await T.admin.post('/api/v1/users', { username: 'anna', firstName: 'Anna', lastName: 'de Jong', roleId: T.roles.agent }), 201)
    const page = await env().newPage()
    await signInToConsole(page, T.slug)
    const avatar = page.locator('tr[data-user="anna"] [data-testid="user-avatar"]')
    await avatar.waitFor()
    expect(await avatar.innerText()).toMatch(/^A[A-Z]?$/) // Anna de Jong's initials
    expect(await rowPicture(page, 'anna').count()).toBe(0)

    await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', 'anna'), exact: true }).click()
    await page.getByRole('tab', { name: new RegExp(`^${en.userEditor.tabs.profile}`) }).click()
    const pictureField = page.getByTestId('avatar-field')
    await pictureField.getByText(en.userEditor.picture.none, { exact: true }).waitFor()
    const fileInput = pictureField.locator('input[type="file"]')
    expect(await fileInput.getAttribute('accept')).toBe('image/png,image/jpeg')

    // A text file named like a picture: refused, with the message for avatar_type_unsupported.
    await fileInput.setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') })
    expect(await alertText(page)).toContain(en.errors.avatar_type_unsupported)

    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2f6fd0' } }).jpeg().toBuffer()
    await fileInput.setInputFiles({ name: 'anna.jpg', mimeType: 'image/jpeg', buffer: jpeg })
    await pictureField.getByRole('status').filter({ hasText: en.userEditor.picture.uploaded }).waitFor()
    const shown = pictureField.getByRole('img', { name: en.userEditor.picture.alt.replace('{{username}}', 'anna') })
    await shown.waitFor()
    await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(256)
    expect(await page.getByRole('alert').count()).toBe(0)
    await screenshot(page, 'user-picture')

    // The list shows it beside the username.
    await page.getByRole('link', { name: en.userEditor.back }).click()
    const listed = rowPicture(page, 'anna')
    await listed.waitFor()
    const version = expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion as number
    expect(await listed.getAttribute('src')).toBe(`/api/v1/users/${user.id}/avatar?v=${version}`)
    await expect.poll(() => listed.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(256)

    // Removed in the editor: gone from the API, initials again.
    await page.getByRole('link', { name: en.users.editUser.replace('{{username}}', 'anna'), exact: true }).click()
    await page.getByRole('tab', { name: new RegExp(`^${en.userEditor.tabs.profile}`) }).click()
    await page.getByRole('button', { name: en.userEditor.picture.remove, exact: true }).click()
    await page.getByTestId('avatar-field').getByRole('status').filter({ hasText: en.userEditor.picture.removed }).waitFor()
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion).toBeNull()
    expect(await page.getByTestId('avatar-field').getByRole('img').count()).toBe(0)
  })
})
