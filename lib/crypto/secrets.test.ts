import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring } from "./keyring";
import {
  decryptSecret,
  encryptSecret,
  isStale,
  SecretDecryptionError,
  secretKeyId,
} from "./secrets";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");

describe("secret encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("EAAG-secret-token", ring, "channels.access_token");
    expect(envelope).not.toContain("EAAG");
    expect(envelope.split(".")).toHaveLength(5);
    expect(secretKeyId(envelope)).toBe(ring.current.id);
    expect(decryptSecret(envelope, ring, "channels.access_token")).toBe("EAAG-secret-token");
  });

  it("uses a fresh IV each time", () => {
    const ring = createKeyring(keyA);
    expect(encryptSecret("x", ring, "c")).not.toBe(encryptSecret("x", ring, "c"));
  });

  it("refuses tampered ciphertext, tag, IV or key id", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("hello world", ring, "ctx");
    const parts = envelope.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index] as string, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const tampered = parts
        .map((p, i) => (i === index ? bytes.toString("base64url") : p))
        .join(".");
      expect(() => decryptSecret(tampered, ring, "ctx")).toThrow(SecretDecryptionError);
    }
    const relabelled = ["v1", "00000000", ...parts.slice(2)].join(".");
    expect(() => decryptSecret(relabelled, ring, "ctx")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("not-an-envelope", ring, "ctx")).toThrow(SecretDecryptionError);
  });

  it("refuses a secret moved to another column (context is authenticated)", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("pin-123456", ring, "channels.registration_pin");
    expect(() => decryptSecret(envelope, ring, "channels.access_token")).toThrow(
      SecretDecryptionError,
    );
  });

  it("decrypts with the previous key during rotation and flags such secrets as stale", () => {
    const old = encryptSecret("token", createKeyring(keyA), "ctx");
    const rotating = createKeyring(keyB, keyA);
    expect(isStale(old, rotating)).toBe(true);
    expect(decryptSecret(old, rotating, "ctx")).toBe("token");
    const renewed = encryptSecret("token", rotating, "ctx");
    expect(isStale(renewed, rotating)).toBe(false);
    expect(() => decryptSecret(old, createKeyring(keyB), "ctx")).toThrow(/neither ENCRYPTION_KEY/);
  });
});
