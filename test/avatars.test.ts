// Avatars (issue 5, point 6): PNG and JPEG up to 8 MB, the type read from the bytes, decoded and
// re-encoded as a square thumbnail without metadata; anything else refused with a 4xx and nothing
// written. Pictures made with sharp itself. Both engines.
import { randomBytes } from 'node:crypto'
import zlib from 'node:zlib'
import sharp, { type Sharp } from 'sharp'
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './harness.js'
import { Client, createTenant, expectOk, expectProblem, unique, userWithRole, type Answer, type TenantFixture } from './api.js'

const MB = 1024 * 1024

/** A picture whose left half is red and right half blue, so that a test can tell which way is up. */
function halves(width: number, height: number): Sharp {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
}

/** A JPEG from a camera: EXIF (copyright, description), an ICC profile, and "turn 90° clockwise to view" (orientation 6). */
const cameraJpeg = () => halves(400, 300).withMetadata({ orientation: 6 })
  .withExifMerge({ IFD0: { Copyright: 'Secret Corp', ImageDescription: 'Taken at home' } }).jpeg({ quality: 90 }).toBuffer()

const transparentPng = () => sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer()

/** A PNG whose header claims width × height pixels (a decompression bomb needs no more than that). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer())
  // IHDR: length (4) at 8, "IHDR" at 12, width at 16, height at 20, 13 bytes of data, CRC at 29.
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29)
  return png
}

/** The JPEG grown to exactly `size` bytes with comment segments (as a camera's metadata would). */
function jpegOfSize(jpeg: Buffer, size: number): Buffer {
  const segments: Buffer[] = []
  for (let missing = size - jpeg.length; missing > 0;) {
    // A segment is FF FE, a length (counting itself, at most 65535), then the comment; leave at least 4 for the last one.
    let length = Math.min(missing - 2, 65535)
    if (missing - (length + 2) > 0 && missing - (length + 2) < 4) length -= 4
    const segment = Buffer.alloc(length + 2, 0x20)
    segment.writeUInt16BE(0xfffe, 0)
    segment.writeUInt16BE(length, 2)
    segments.push(segment)
    missing -= segment.length
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)])
}

/** multipart/form-data with one file part, as a browser's form sends it. */
function form(file: Buffer, filename: string, type: string, field = 'file'): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----gatehouse${randomBytes(8).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describeEachEngine('avatars', (env) => {
  let T: TenantFixture
  let png: Buffer
  let jpeg: Buffer
  beforeAll(async () => {
    T = await createTenant(env())
    png = await transparentPng()
    jpeg = await cameraJpeg()
  })
  const agent = async () => expectOk(await T.admin.post('/api/v1/users', { username: unique('a'), roleId: T.roles.agent }), 201)
  const avatarUrl = (id: string) => `/api/v1/users/${id}/avatar`
  const uploadForm = (id: string, file: Buffer, filename: string, type: string, client: Client = T.admin) => {
    const { body, headers } = form(file, filename, type)
    return client.call('POST', avatarUrl(id), body, headers)
  }
  const uploadRaw = (id: string, file: Buffer, type: string, client: Client = T.admin) => client.call('POST', avatarUrl(id), file, { 'content-type': type })
  const events = async (userId: string) =>
    expectOk(await T.admin.get(`/api/v1/audit?entityId=${userId}&limit=200`)).items.filter((e: { action: string }) => e.action.startsWith('user.avatar_'))

  /** The stored picture, read back through the API and looked at with sharp. */
  async function stored(userId: string) {
    const answer = await T.admin.get(avatarUrl(userId))
    expect(answer.status, answer.text.slice(0, 200)).toBe(200)
    expect(answer.headers['content-type']).toBe('image/webp')
    const metadata = await sharp(answer.bytes).metadata()
    return { answer, metadata }
  }

  it('accepts a JPEG from a camera: stored upright, square and without EXIF, ICC or any other metadata', async () => {
    const user = await agent()
    expect(user.avatarVersion).toBeNull()
    const before = await sharp(jpeg).metadata()
    expect({ exif: before.exif?.toString('latin1').includes('Secret Corp'), icc: Boolean(before.icc), orientation: before.orientation }).toEqual({ exif: true, icc: true, orientation: 6 })

    const answer = await uploadForm(user.id, jpeg, 'holiday.jpg', 'image/jpeg')
    const avatar = expectOk(answer)
    expect(avatar).toMatchObject({ userId: user.id, contentType: 'image/webp', width: 256, height: 256, version: expect.any(Number) })
    expect(answer.headers.etag).toBe(`"v${avatar.version}"`)

    const { answer: read, metadata } = await stored(user.id)
    expect(read.bytes.length).toBe(avatar.size)
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 256 })
    expect({ exif: metadata.exif, icc: metadata.icc, xmp: metadata.xmp, iptc: metadata.iptc, orientation: metadata.orientation })
      .toEqual({ exif: undefined, icc: undefined, xmp: undefined, iptc: undefined, orientation: undefined })
    expect(read.bytes.toString('latin1')).not.toContain('Secret Corp')
    // Turned upright before cropping: the left (red) half of the sensor is now the top.
    const { data, info } = await sharp(read.bytes).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
    const [topRed, , topBlue] = pixel(128, 20)
    const [bottomRed, , bottomBlue] = pixel(128, 235)
    expect(topRed! > 200 && topBlue! < 60 && bottomBlue! > 200 && bottomRed! < 60, JSON.stringify([pixel(128, 20), pixel(128, 235)])).toBe(true)

    const after = expectOk(await T.admin.get(`/api/v1/users/${user.id}`))
    expect(after.avatarVersion).toBe(avatar.version)
    expect(after.version).toBe(user.version) // the picture is no edit of the user's fields: an open editor's If-Match still holds
  })

  it('accepts a PNG (a form or the raw body; the stated name and type do not matter) and keeps its transparency', async () => {
    const user = await agent()
    const viaForm = expectOk(await uploadForm(user.id, png, 'logo.PNG', 'application/octet-stream'))
    const { metadata } = await stored(user.id)
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 256, hasAlpha: true })
    expect(metadata.exif).toBeUndefined()

    const viaBody = expectOk(await uploadRaw(user.id, png, 'image/png'))
    expect(viaBody.version).toBeGreaterThan(viaForm.version)
    // A JPEG sent as image/png is still taken for what it is.
    const mislabelled = expectOk(await uploadRaw(user.id, jpeg, 'image/png'))
    expect(mislabelled.version).toBeGreaterThan(viaBody.version)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion).toBe(mislabelled.version)
  })

  it('refuses a text file named like a picture, and other types, with 415 avatar_type_unsupported', async () => {
    const user = await agent()
    const text = Buffer.from('This is not a picture, whatever its name says.\n'.repeat(20))
    expectProblem(await uploadForm(user.id, text, 'portrait.png', 'image/png'), 415, 'avatar_type_unsupported')
    expectProblem(await uploadForm(user.id, text, 'portrait.jpg', 'image/jpeg'), 415, 'avatar_type_unsupported')
    expectProblem(await uploadRaw(user.id, text, 'image/jpeg'), 415, 'avatar_type_unsupported')
    // Images of other types, named as PNG: a GIF, and an SVG (script included).
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#f00' } }).gif().toBuffer()
    expectProblem(await uploadForm(user.id, gif, 'portrait.png', 'image/png'), 415, 'avatar_type_unsupported')
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')
    expectProblem(await uploadForm(user.id, svg, 'portrait.png', 'image/png'), 415, 'avatar_type_unsupported')
    expectProblem(await T.admin.post(avatarUrl(user.id), { picture: 'data:image/png;base64,AAAA' }), 415, 'avatar_type_unsupported')
    expectProblem(await uploadRaw(user.id, text, 'text/plain'), 415, 'avatar_type_unsupported')
    expectProblem(await uploadRaw(user.id, png, 'application/xml'), 415, 'unsupported_media_type')
    expectProblem(await T.admin.call('POST', avatarUrl(user.id)), 422, 'avatar_missing')
    const otherField = form(png, 'a.png', 'image/png', 'picture')
    expectProblem(await T.admin.call('POST', avatarUrl(user.id), otherField.body, otherField.headers), 422, 'avatar_missing')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion).toBeNull()
    expectProblem(await T.admin.get(avatarUrl(user.id)), 404, 'avatar_not_found')
    expect(await events(user.id)).toEqual([])
  })

  it('refuses a file over 8 MB with 413 avatar_too_large, as a form or a body; 8 MB itself is allowed', async () => {
    const user = await agent()
    const oversized = Buffer.concat([png, randomBytes(8 * MB + 1 - png.length)])
    expect(oversized.length).toBe(8 * MB + 1)
    expectProblem(await uploadForm(user.id, oversized, 'big.png', 'image/png'), 413, 'avatar_too_large')
    expectProblem(await uploadRaw(user.id, oversized, 'image/png'), 413, 'avatar_too_large')
    const exact = jpegOfSize(jpeg, 8 * MB)
    expect(exact.length).toBe(8 * MB)
    expect(expectOk(await uploadForm(user.id, exact, 'exact.jpg', 'image/jpeg')).width).toBe(256)
    expect(expectOk(await uploadRaw(user.id, exact, 'image/jpeg')).width).toBe(256)
  })

  it('refuses a damaged or truncated picture with 422 avatar_corrupt, and one of too many pixels', async () => {
    const user = await agent()
    const corrupt: Array<[string, Buffer]> = [
      ['a truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length * 0.6))],
      ['a truncated PNG', png.subarray(0, Math.floor(png.length * 0.7))],
      ['a PNG signature and noise', Buffer.concat([png.subarray(0, 8), randomBytes(4000)])],
      ['a JPEG start and noise', Buffer.concat([jpeg.subarray(0, 3), randomBytes(4000)])],
      ['the JPEG start alone', jpeg.subarray(0, 3)],
    ]
    for (const [name, bytes] of corrupt) {
      const answer = await uploadForm(user.id, bytes, 'photo.jpg', 'image/jpeg')
      expect({ name, status: answer.status, code: answer.body?.code }).toEqual({ name, status: 422, code: 'avatar_corrupt' })
    }
    for (const [width, height] of [[8000, 8000], [30_000, 30_000]] as const) {
      expectProblem(await uploadRaw(user.id, await pngClaiming(width, height), 'image/png'), 422, 'avatar_dimensions_too_large')
    }
    // Within the limit, the same lie is a damaged picture.
    expectProblem(await uploadRaw(user.id, await pngClaiming(3000, 3000), 'image/png'), 422, 'avatar_corrupt')
    expectProblem(await T.admin.get(avatarUrl(user.id)), 404, 'avatar_not_found')
  })

  it('keeps the last picture, its version and the audit trail when an upload is refused (no half-writes)', async () => {
    const user = await agent()
    const first = expectOk(await uploadRaw(user.id, jpeg, 'image/jpeg'))
    const before = await stored(user.id)
    const eventsBefore = await events(user.id)
    const refusals: Answer[] = [
      await uploadForm(user.id, Buffer.from('not a picture'), 'x.png', 'image/png'),
      await uploadForm(user.id, jpeg.subarray(0, 100), 'x.jpg', 'image/jpeg'),
      await uploadRaw(user.id, Buffer.alloc(8 * MB + 10, 0xff), 'image/jpeg'),
    ]
    expect(refusals.map((a) => a.status)).toEqual([415, 422, 413])
    const after = await stored(user.id)
    expect(after.answer.bytes.equals(before.answer.bytes)).toBe(true)
    expect(after.answer.headers.etag).toBe(`"v${first.version}"`)
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion).toBe(first.version)
    expect(await events(user.id)).toEqual(eventsBefore)
  })

  it('answers the picture with its ETag, private caching, and 304 for If-None-Match', async () => {
    const user = await agent()
    const avatar = expectOk(await uploadRaw(user.id, png, 'image/png'))
    const etag = `"v${avatar.version}"`
    const versioned = await T.admin.get(`${avatarUrl(user.id)}?v=${avatar.version}`)
    expect(versioned.status).toBe(200)
    expect(versioned.headers).toMatchObject({ etag, 'cache-control': 'private, max-age=86400, immutable', 'x-content-type-options': 'nosniff' })
    const plain = await T.admin.get(avatarUrl(user.id))
    expect(plain.headers['cache-control']).toBe('private, no-cache')
    const again = await T.admin.get(avatarUrl(user.id), { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.bytes.length).toBe(0)
    expect((await T.admin.get(avatarUrl(user.id), { 'if-none-match': '"v1"' })).status).toBe(200)
    // An old version's URL is not cached for long.
    expect((await T.admin.get(`${avatarUrl(user.id)}?v=1`)).headers['cache-control']).toBe('private, no-cache')
  })

  it('removes the picture (204, then 404), and a later picture gets a higher version than any before', async () => {
    const user = await agent()
    const first = expectOk(await uploadRaw(user.id, png, 'image/png'))
    expectOk(await T.admin.delete(avatarUrl(user.id)), 204)
    expectProblem(await T.admin.get(avatarUrl(user.id)), 404, 'avatar_not_found')
    expect(expectOk(await T.admin.get(`/api/v1/users/${user.id}`)).avatarVersion).toBeNull()
    expectProblem(await T.admin.delete(avatarUrl(user.id)), 404, 'avatar_not_found')
    const second = expectOk(await uploadRaw(user.id, jpeg, 'image/jpeg'))
    expect(second.version).toBeGreaterThan(first.version)
  })

  it('audits uploads and removals with the picture\'s facts, never its bytes', async () => {
    const user = await agent()
    const first = expectOk(await uploadForm(user.id, jpeg, 'me.jpg', 'image/jpeg'))
    const second = expectOk(await uploadRaw(user.id, png, 'image/png'))
    expectOk(await T.admin.delete(avatarUrl(user.id)), 204)
    const trail = (await events(user.id)).reverse()
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['user.avatar_upload', 'user.avatar_upload', 'user.avatar_remove'])
    expect(trail[0].changes).toEqual({
      'avatar.contentType': { old: null, new: 'image/webp' }, 'avatar.size': { old: null, new: first.size }, 'avatar.version': { old: null, new: first.version },
      'avatar.uploadType': { old: null, new: 'image/jpeg' }, 'avatar.uploadSize': { old: null, new: jpeg.length },
    })
    expect(trail[1].changes).toMatchObject({ 'avatar.version': { old: first.version, new: second.version }, 'avatar.uploadType': { old: null, new: 'image/png' } })
    expect(trail[2].changes).toEqual({
      'avatar.contentType': { old: 'image/webp', new: null }, 'avatar.size': { old: second.size, new: null }, 'avatar.version': { old: second.version, new: null },
    })
    for (const event of trail) {
      expect(event.actorUsername).toBe('admin')
      expect(JSON.stringify(event.changes).length).toBeLessThan(400)
    }
  })

  it('shows avatarVersion in the users list', async () => {
    const user = await agent()
    const avatar = expectOk(await uploadRaw(user.id, png, 'image/png'))
    const listed = expectOk(await T.admin.get(`/api/v1/users?q=${user.username}`))
    expect(listed.items.map((u: { id: string; avatarVersion: number | null }) => [u.id, u.avatarVersion])).toEqual([[user.id, avatar.version]])
  })

  it('answers 404 for another tenant\'s users, as if they did not exist, and changes nothing of theirs', async () => {
    const other = await createTenant(env())
    const stranger = expectOk(await other.admin.post('/api/v1/users', { username: unique('s'), roleId: other.roles.agent }), 201)
    const theirs = expectOk(await uploadRaw(stranger.id, png, 'image/png', other.admin))
    expectProblem(await T.admin.get(avatarUrl(stranger.id)), 404, 'user_not_found')
    expectProblem(await uploadRaw(stranger.id, jpeg, 'image/jpeg'), 404, 'user_not_found')
    expectProblem(await uploadForm(stranger.id, jpeg, 'x.jpg', 'image/jpeg'), 404, 'user_not_found')
    expectProblem(await T.admin.delete(avatarUrl(stranger.id)), 404, 'user_not_found')
    expect((await other.admin.get(avatarUrl(stranger.id))).headers.etag).toBe(`"v${theirs.version}"`)
    expectProblem(await T.admin.get(avatarUrl('00000000-0000-7000-8000-000000000000')), 404, 'user_not_found')
    // The platform administrator sees every tenant's pictures.
    expect((await new Client(env(), env().platformKey).get(avatarUrl(stranger.id))).status).toBe(200)
  })

  it('needs users:read to see and users:write to change a picture, and refuses changing a more powerful user\'s', async () => {
    const user = await agent()
    expectOk(await uploadRaw(user.id, png, 'image/png'))
    const reader = await userWithRole(env(), T, T.roles['quality-manager']!)
    expect((await reader.client.get(avatarUrl(user.id))).status).toBe(200)
    expectProblem(await uploadRaw(user.id, jpeg, 'image/jpeg', reader.client), 403, 'forbidden')
    // Refused before the body is read: even an oversized one gets 403.
    expectProblem(await uploadRaw(user.id, Buffer.alloc(8 * MB + 10), 'image/jpeg', reader.client), 403, 'forbidden')
    expectProblem(await reader.client.delete(avatarUrl(user.id)), 403, 'forbidden')
    const plain = await userWithRole(env(), T, T.roles.agent!)
    expectProblem(await plain.client.get(avatarUrl(user.id)), 403, 'forbidden')

    const leader = await userWithRole(env(), T, T.roles['team-leader']!)
    expectOk(await uploadRaw(user.id, jpeg, 'image/jpeg', leader.client))
    const admin = await userWithRole(env(), T, T.roles.administrator!)
    expectProblem(await uploadRaw(admin.user.id, jpeg, 'image/jpeg', leader.client), 403, 'privilege_escalation')
    expectProblem(await leader.client.delete(avatarUrl(user.id).replace(user.id, admin.user.id)), 403, 'privilege_escalation')
  })

  it('goes with the user: deleting the user deletes the picture', async () => {
    const user = await agent()
    expectOk(await uploadRaw(user.id, png, 'image/png'))
    expectOk(await T.admin.delete(`/api/v1/users/${user.id}`), 204)
    const left = await env().db.selectFrom('user_avatars').select('user_id').where('user_id', '=', user.id).execute()
    expect(left).toEqual([])
  })
})
