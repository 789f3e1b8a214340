import { Problem } from '../http/problem.js'

/** No live challenge of this browser for the response: it timed out, was used already, or was made for another sign-in. */
export const passkeyExpired = () => new Problem(422, 'passkey_expired', 'The passkey request has timed out or was used already. Start again.')

/** The authenticator's answer does not verify (wrong origin, signature, or a credential that is not this user's). */
export const passkeyRefused = () => new Problem(422, 'passkey_refused', 'The passkey could not be verified. Try again, or use another way.')

export const passkeyRegistered = () => new Problem(409, 'passkey_already_registered', 'This passkey is registered already.')

/** The tenant does not let its users sign in with a passkey alone (or there is no such tenant). */
export const passkeySignInOff = () => new Problem(403, 'passkey_sign_in_off', 'This organisation does not offer signing in with a passkey alone.')
