import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { hasBrand, setBrand } from "@/lib/errors/brand";
import type { Keyring } from "./keyring";

// Envelope: v1.<keyId>.<iv>.<ciphertext>.<tag>, base64url parts, AES-256-GCM.
// The key id, version and the column the secret belongs to are authenticated as AAD,
// so a ciphertext copied into another column or relabelled with another key fails to open.
const VERSION = "v1";

export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
  constructor(message: string) {
    super(message);
    setBrand(this, "SecretDecryptionError");
  }
}

export const isSecretDecryptionError = (error: unknown): error is SecretDecryptionError =>
  hasBrand(error, "SecretDecryptionError");

function aad(keyId: string, context: string) {
  return Buffer.from(`${VERSION}.${keyId}.${context}`, "utf8");
}

export function encryptSecret(plaintext: string, keyring: Keyring, context: string): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv, ciphertext, tag]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function secretKeyId(envelope: string): string | null {
  const parts = envelope.split(".");
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

export function decryptSecret(envelope: string, keyring: Keyring, context: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new SecretDecryptionError("Not an encrypted secret");
  }
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const key = [keyring.current, ...keyring.previous].find((k) => k.id === keyId);
  if (!key) {
    throw new SecretDecryptionError(
      `Secret was encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(keyId, context));
    const tagBytes = Buffer.from(tag, "base64url");
    if (tagBytes.length !== 16) throw new Error("bad tag length");
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("Secret failed authentication (tampered or wrong context)");
  }
}

// True when the secret is not under the current key and should be re-encrypted.
export function isStale(envelope: string, keyring: Keyring): boolean {
  return secretKeyId(envelope) !== keyring.current.id;
}

export function maskSecret(secret: string): string {
  if (secret.length <= 8) return "••••";
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
