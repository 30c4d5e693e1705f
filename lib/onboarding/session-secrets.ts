import type { SecretContext } from "@/db/queries/encrypted-columns";
import type { SignupSession } from "@/db/queries/signup-sessions";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { newRegistrationPin, openChannelPin } from "./registration-pin";

// The business token and registration PIN held on a signup session between its steps.

type WithKeyring = { keyring: Keyring };
const TOKEN: SecretContext = "signup_sessions.access_token";
const PIN: SecretContext = "signup_sessions.registration_pin";

export const sealSessionToken = (
  deps: WithKeyring,
  session: Pick<SignupSession, "workspaceId">,
  token: string,
) => encryptSecret(token, deps.keyring, TOKEN, session.workspaceId);

export function openSessionToken(deps: WithKeyring, session: SignupSession): string {
  if (!session.accessTokenEncrypted) throw new Error("The signup session holds no access token");
  return decryptSecret(session.accessTokenEncrypted, deps.keyring, TOKEN, session.workspaceId);
}

export const openSessionPin = (deps: WithKeyring, session: SignupSession): string | null =>
  session.registrationPinEncrypted
    ? decryptSecret(session.registrationPinEncrypted, deps.keyring, PIN, session.workspaceId)
    : null;

/**
 * The PIN to register with: the session's own (an earlier attempt may have set it), else the one
 * the number already has from an earlier connection (WhatsApp refuses a different one), else a
 * new random 6-digit PIN, which becomes the number's two-step verification PIN.
 */
export function sessionPin(
  deps: WithKeyring,
  session: SignupSession,
  channelPinEnvelope: string | null,
) {
  const stored = openSessionPin(deps, session);
  if (stored && session.registrationPinEncrypted) {
    return { pin: stored, envelope: session.registrationPinEncrypted };
  }
  // The channel's PIN envelope comes from a channel of the session's own workspace.
  const pin = channelPinEnvelope
    ? openChannelPin(deps, session.workspaceId, channelPinEnvelope)
    : newRegistrationPin();
  return { pin, envelope: encryptSecret(pin, deps.keyring, PIN, session.workspaceId) };
}
