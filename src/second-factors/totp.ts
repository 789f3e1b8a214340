// TOTP (RFC 6238) as Google Authenticator and FreeOTP expect it: SHA-1, 6 digits, 30 s steps.
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

const PERIOD_MS = 30_000

export const newTotpSecret = () => new Secret({ size: 20 }).base32

const totpOf = (secret: string, issuer: string, label: string) =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_MS / 1000, secret: Secret.fromBase32(secret) })

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, issuer: string, label: string) => totpOf(secret, issuer, label).toString()

export const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })

/**
 * The time step the code belongs to, accepting one step either side (clock drift), or null when the
 * code is wrong. The caller refuses a step it has already accepted (replay).
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secret, 'x', 'x').validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta
}

/** The code for a time (tests compute codes as an app would). */
export const totpCode = (secret: string, at = Date.now()) => totpOf(secret, 'x', 'x').generate({ timestamp: at })
