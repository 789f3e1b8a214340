// The browser's part of a passkey ceremony (@simplewebauthn/browser), its failures turned into
// ApiError codes so that pages say them as they say the server's: a time-out or a cancel
// (passkey_cancelled), an authenticator registered already, no WebAuthn in this browser.
import {
  browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError,
  type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { ApiError } from '../api/client'

export type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON }

/** The codes for which the page offers to start the ceremony again. */
export const RESTARTABLE = new Set(['passkey_cancelled', 'passkey_expired'])

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const name = error instanceof Error ? error.name : ''
  const code = error instanceof WebAuthnError ? error.code : ''
  // The browser says NotAllowedError both when its time-out (the server's, about a minute) runs out
  // and when the user cancels: the same message and the same way to start again.
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return new ApiError(0, 'passkey_cancelled', 'timed out or cancelled', [], null)
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return new ApiError(0, 'passkey_already_registered', 'registered already', [], null)
  return new ApiError(0, 'passkey_failed', error instanceof Error ? error.message : String(error), [], null)
}

function supported(): void {
  if (!browserSupportsWebAuthn()) throw new ApiError(0, 'passkey_unsupported', 'no WebAuthn in this browser', [], null)
}

/** navigator.credentials.create() with the server's options. */
export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  supported()
  try {
    return await startRegistration({ optionsJSON })
  } catch (error) {
    throw toApiError(error)
  }
}

/** navigator.credentials.get() with the server's options. */
export async function assertPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> {
  supported()
  try {
    return await startAuthentication({ optionsJSON })
  } catch (error) {
    throw toApiError(error)
  }
}
