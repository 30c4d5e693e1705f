import { randomBytes } from "node:crypto";
import { sha256Hex } from "./hash";

// Workspace API keys: high-entropy random strings, so a plain SHA-256 is a safe lookup hash.
const PREFIX = "prl_";

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

export function looksLikeApiKey(value: string): boolean {
  return /^prl_[A-Za-z0-9_-]{32}$/.test(value);
}
