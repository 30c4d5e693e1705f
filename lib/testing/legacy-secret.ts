import { createCipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "@/lib/crypto/keyring";

/** A v1 envelope as Parley wrote them before secrets were bound to their workspace. */
export function encryptLegacySecret(plaintext: string, keyring: Keyring, context: string): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`v1.${id}.${context}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", id, iv, ciphertext, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}
