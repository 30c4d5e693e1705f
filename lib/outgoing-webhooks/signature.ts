import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Parley-Signature";

/** A new endpoint secret: `whsec_` and 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * What a receiver does: true when one `v1` of the header is the body's HMAC with `secret` and
 * its time is within `toleranceSeconds` of `now` (replays of old deliveries are refused).
 */
export function verifySignature(p: {
  secret: string;
  body: string;
  header: string | null;
  now?: number;
  toleranceSeconds?: number;
}): boolean {
  if (!p.header) return false;
  const parts = p.header.split(",").map((kv) => kv.trim().split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = p.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (p.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(p.secret, t, p.body), "hex");
  return parts.some(([k, v]) => {
    if (k !== "v1" || !/^[0-9a-f]{64}$/.test(v ?? "")) return false;
    return timingSafeEqual(expected, Buffer.from(v, "hex"));
  });
}
