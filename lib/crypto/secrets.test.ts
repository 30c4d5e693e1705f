import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptLegacySecret } from "@/lib/testing/legacy-secret";
import { createKeyring } from "./keyring";
import {
  decryptForReencryption,
  decryptSecret,
  encryptSecret,
  isSecretDecryptionError,
  isStale,
  SecretDecryptionError,
  secretKeyId,
} from "./secrets";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const ws = randomUUID();
const otherWs = randomUUID();

describe("secret encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("EAAG-secret-token", ring, "channels.access_token", ws);
    expect(envelope).not.toContain("EAAG");
    expect(envelope).not.toContain(ws);
    expect(envelope.split(".")).toHaveLength(5);
    expect(envelope.startsWith("v2.")).toBe(true);
    expect(secretKeyId(envelope)).toBe(ring.current.id);
    expect(decryptSecret(envelope, ring, "channels.access_token", ws)).toBe("EAAG-secret-token");
  });

  it("uses a fresh IV each time", () => {
    const ring = createKeyring(keyA);
    expect(encryptSecret("x", ring, "c", ws)).not.toBe(encryptSecret("x", ring, "c", ws));
  });

  it("refuses tampered ciphertext, tag, IV or key id", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("hello world", ring, "ctx", ws);
    const parts = envelope.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index] as string, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const tampered = parts
        .map((p, i) => (i === index ? bytes.toString("base64url") : p))
        .join(".");
      expect(() => decryptSecret(tampered, ring, "ctx", ws)).toThrow(SecretDecryptionError);
    }
    const relabelled = ["v2", "00000000", ...parts.slice(2)].join(".");
    expect(() => decryptSecret(relabelled, ring, "ctx", ws)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("not-an-envelope", ring, "ctx", ws)).toThrow(SecretDecryptionError);
  });

  it("refuses a secret moved to another column (context is authenticated)", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("pin-123456", ring, "channels.registration_pin", ws);
    expect(() => decryptSecret(envelope, ring, "channels.access_token", ws)).toThrow(
      SecretDecryptionError,
    );
  });

  it("refuses a secret moved to another workspace's row (the workspace is authenticated)", () => {
    const ring = createKeyring(keyA);
    const envelope = encryptSecret("EAAG-token-of-ws", ring, "channels.access_token", ws);
    let caught: unknown;
    try {
      decryptSecret(envelope, ring, "channels.access_token", otherWs);
    } catch (error) {
      caught = error;
    }
    expect(isSecretDecryptionError(caught)).toBe(true);
    expect(String(caught)).toMatch(/another column or workspace/);
    // Relabelling the envelope as v1 (which bound no workspace) does not help either.
    const asV1 = ["v1", ...envelope.split(".").slice(1)].join(".");
    expect(() => decryptSecret(asV1, ring, "channels.access_token", otherWs)).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptForReencryption(asV1, ring, "channels.access_token", otherWs)).toThrow(
      SecretDecryptionError,
    );
  });

  it("never seals or opens a secret without an owner", () => {
    const ring = createKeyring(keyA);
    expect(() => encryptSecret("x", ring, "ctx", "")).toThrow(/bound/);
    const envelope = encryptSecret("x", ring, "ctx", ws);
    expect(() => decryptSecret(envelope, ring, "ctx", "")).toThrow(/bound/);
  });

  it("refuses v1 envelopes (bound to no workspace) except to re-encrypt them", () => {
    const ring = createKeyring(keyA);
    const legacy = encryptLegacySecret("EAAG-old-token", ring, "channels.access_token");
    expect(isStale(legacy, ring)).toBe(true);
    expect(secretKeyId(legacy)).toBe(ring.current.id);
    expect(() => decryptSecret(legacy, ring, "channels.access_token", ws)).toThrow(
      /predates workspace binding/,
    );
    expect(decryptForReencryption(legacy, ring, "channels.access_token", ws)).toBe(
      "EAAG-old-token",
    );
    // The column is still authenticated in v1.
    expect(() => decryptForReencryption(legacy, ring, "channels.verify_token", ws)).toThrow(
      SecretDecryptionError,
    );
  });

  it("decrypts with the previous key during rotation and flags such secrets as stale", () => {
    const old = encryptSecret("token", createKeyring(keyA), "ctx", ws);
    const rotating = createKeyring(keyB, keyA);
    expect(isStale(old, rotating)).toBe(true);
    expect(decryptSecret(old, rotating, "ctx", ws)).toBe("token");
    const renewed = encryptSecret("token", rotating, "ctx", ws);
    expect(isStale(renewed, rotating)).toBe(false);
    expect(() => decryptSecret(old, createKeyring(keyB), "ctx", ws)).toThrow(
      /neither ENCRYPTION_KEY/,
    );
  });
});
