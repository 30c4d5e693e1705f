import { createHmac, timingSafeEqual } from "node:crypto";

// X-Hub-Signature-256: "sha256=" + lowercase hex HMAC-SHA256 of the raw body with the app secret.
// Always over the bytes as received: Meta signs its escaped-unicode form, which re-serialising
// would change.
export function signPayload(raw: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(raw).digest("hex")}`;
}

export function verifySignature(
  raw: Uint8Array,
  header: string | null,
  appSecret: string,
): boolean {
  if (!header) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].toLowerCase(), "hex");
  const expected = createHmac("sha256", appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
