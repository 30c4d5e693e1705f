import { createHash } from "node:crypto";

// For lookups of high-entropy tokens (API keys, verify tokens) without storing them in clear.
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
