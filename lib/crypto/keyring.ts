import { createHash } from "node:crypto";

export type Key = { id: string; key: Buffer };
export type Keyring = { current: Key; previous: Key[] };

// A short, stable id derived from the key itself, so each ciphertext names the key that made it.
export function keyFromBase64(base64: string): Key {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("An encryption key must be 32 bytes");
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

export function createKeyring(current: string, previous?: string): Keyring {
  const currentKey = keyFromBase64(current);
  const previousKeys = previous ? [keyFromBase64(previous)] : [];
  return { current: currentKey, previous: previousKeys.filter((k) => k.id !== currentKey.id) };
}
