// A software authenticator for API tests: real WebAuthn responses made with node:crypto (ES256 keys,
// "none" attestation, CBOR by hand), so that the server's verification runs as it does for a browser.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n])
  if (n < 256) return Buffer.from([(major << 5) | 24, n])
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255])
  const b = Buffer.alloc(5)
  b[0] = (major << 5) | 26
  b.writeUInt32BE(n, 1)
  return b
}

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value)
  if (typeof value === 'string') return Buffer.concat([cborHead(3, Buffer.byteLength(value)), Buffer.from(value)])
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value])
  return Buffer.concat([cborHead(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])])
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

export interface SoftCredential {
  id: Buffer
  privateKey: KeyObject
  /** The user handle the server gave at registration (base64url). */
  userHandle: string
  counter: number
}

/** A credential's JSON as a browser sends it (RegistrationResponseJSON or AuthenticationResponseJSON). */
export type CredentialJSON = { id: string; rawId: string; type: 'public-key'; response: Record<string, unknown> } & Record<string, unknown>

interface CreationOptions { challenge: string; rp: { id?: string }; user: { id: string } }
interface RequestOptions { challenge: string; rpId?: string; allowCredentials?: Array<{ id: string }> }

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = []
  constructor(readonly origin = 'http://localhost:8080', readonly rpId = 'localhost') {}

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
  }

  /** navigator.credentials.create(): a new ES256 key, its public key in the attested credential data. */
  register(options: CreationOptions, overrides: { origin?: string; challenge?: string } = {}): { response: CredentialJSON; credential: SoftCredential } {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwk = publicKey.export({ format: 'jwk' })
    const coseKey = cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]))
    const id = randomBytes(32)
    const authData = Buffer.concat([
      sha256(options.rp.id ?? this.rpId), Buffer.from([0x45]), u32(0), Buffer.alloc(16), Buffer.from([id.length >> 8, id.length & 255]), id, coseKey,
    ])
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]))
    const credential: SoftCredential = { id, privateKey, userHandle: options.user.id, counter: 0 }
    this.credentials.push(credential)
    const clientDataJSON = this.clientData('webauthn.create', overrides.challenge ?? options.challenge, overrides.origin)
    return {
      credential,
      response: {
        id: b64url(id), rawId: b64url(id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
        response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
      },
    }
  }

  /** navigator.credentials.get(): signs authenticator data and the client data's hash; the counter goes up. */
  assert(options: RequestOptions, overrides: { credential?: SoftCredential; counter?: number; origin?: string; userVerified?: boolean } = {}): CredentialJSON {
    const allowed = options.allowCredentials?.map((c) => c.id)
    const credential = overrides.credential ?? this.credentials.find((c) => !allowed?.length || allowed.includes(b64url(c.id)))
    if (!credential) throw new Error('no credential for these options')
    credential.counter = overrides.counter ?? credential.counter + 1
    const authData = Buffer.concat([sha256(options.rpId ?? this.rpId), Buffer.from([overrides.userVerified === false ? 0x01 : 0x05]), u32(credential.counter)])
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin)
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey)
    return {
      id: b64url(credential.id), rawId: b64url(credential.id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: credential.userHandle },
    }
  }
}
