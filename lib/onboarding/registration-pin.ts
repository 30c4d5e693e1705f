import { randomInt } from "node:crypto";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";

// The 6-digit PIN a number is registered with. It becomes the number's two-step verification
// PIN, so Parley keeps it (encrypted) on the channel: registering again needs the same one.

type WithKeyring = { keyring: Keyring };

export const newRegistrationPin = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

export const sealChannelPin = (deps: WithKeyring, workspaceId: string, pin: string) =>
  encryptSecret(pin, deps.keyring, "channels.registration_pin", workspaceId);

export const openChannelPin = (deps: WithKeyring, workspaceId: string, envelope: string) =>
  decryptSecret(envelope, deps.keyring, "channels.registration_pin", workspaceId);
