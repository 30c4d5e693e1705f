import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { hasBrand, setBrand } from "@/lib/errors/brand";
import type { Keyring } from "./keyring";

// Envelope: v2.<keyId>.<iv>.<ciphertext>.<tag>, base64url parts, AES-256-GCM.
// The version, key id, the column the secret belongs to and its owner (the workspace id; for the
// sandbox's own accounts, which belong to no workspace, the phone number id) are authenticated as
// AAD, so a ciphertext copied into another column, into another workspace's row, or relabelled
// with another key fails to open.
const VERSION = "v2";
// v1 envelopes bound only the column. They are opened solely to re-encrypt them as v2 (at start
// and by `npm run keys:rotate`); the app itself refuses them, so a v1 value copied from a backup
// into another workspace's row is never used as that workspace's secret.
const LEGACY = "v1";

export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
  constructor(message: string) {
    super(message);
    setBrand(this, "SecretDecryptionError");
  }
}

export const isSecretDecryptionError = (error: unknown): error is SecretDecryptionError =>
  hasBrand(error, "SecretDecryptionError");

function aad(version: string, keyId: string, context: string, owner: string) {
  const fields = version === LEGACY ? [version, keyId, context] : [version, keyId, context, owner];
  return Buffer.from(fields.join("."), "utf8");
}

function assertOwner(owner: string) {
  // An empty owner would bind nothing; refuse it rather than seal an unbound secret.
  if (!owner) throw new Error("A secret must be bound to the workspace (or row) that owns it");
}

export function encryptSecret(
  plaintext: string,
  keyring: Keyring,
  context: string,
  owner: string,
): string {
  assertOwner(owner);
  const { id, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(VERSION, id, context, owner));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv, ciphertext, tag]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function secretKeyId(envelope: string): string | null {
  const parts = envelope.split(".");
  return parts.length === 5 && (parts[0] === VERSION || parts[0] === LEGACY)
    ? (parts[1] ?? null)
    : null;
}

function open(
  envelope: string,
  keyring: Keyring,
  context: string,
  owner: string,
  versions: string[],
): string {
  const parts = envelope.split(".");
  if (parts.length !== 5) throw new SecretDecryptionError("Not an encrypted secret");
  const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (version === LEGACY && !versions.includes(LEGACY)) {
    throw new SecretDecryptionError(
      "Secret predates workspace binding and has not been re-encrypted yet; restart the server or run npm run keys:rotate",
    );
  }
  if (!versions.includes(version)) throw new SecretDecryptionError("Not an encrypted secret");
  const key = [keyring.current, ...keyring.previous].find((k) => k.id === keyId);
  if (!key) {
    throw new SecretDecryptionError(
      `Secret was encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(version, keyId, context, owner));
    const tagBytes = Buffer.from(tag, "base64url");
    if (tagBytes.length !== 16) throw new Error("bad tag length");
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(
      "Secret failed authentication (tampered, or moved from another column or workspace)",
    );
  }
}

/** A secret of `owner`'s row in `context`'s column. Only current (v2) envelopes open. */
export function decryptSecret(
  envelope: string,
  keyring: Keyring,
  context: string,
  owner: string,
): string {
  assertOwner(owner);
  return open(envelope, keyring, context, owner, [VERSION]);
}

/**
 * For re-encryption only: also opens v1 envelopes, trusting the row they sit in. Never use it to
 * read a secret for use.
 */
export function decryptForReencryption(
  envelope: string,
  keyring: Keyring,
  context: string,
  owner: string,
): string {
  assertOwner(owner);
  return open(envelope, keyring, context, owner, [VERSION, LEGACY]);
}

/** The prefix every envelope that needs no re-encryption starts with. */
export const currentPrefix = (keyring: Keyring) => `${VERSION}.${keyring.current.id}.`;

/** The prefix of envelopes written before workspace binding. */
export const LEGACY_PREFIX = `${LEGACY}.`;

// True when the secret is not a current envelope under the current key and should be re-encrypted.
export function isStale(envelope: string, keyring: Keyring): boolean {
  return !envelope.startsWith(currentPrefix(keyring));
}

export function maskSecret(secret: string): string {
  if (secret.length <= 8) return "••••";
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
