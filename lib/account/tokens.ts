import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import {
  type AccountTokenPurpose,
  consumeAccountToken,
  findLiveAccountToken,
  insertAccountToken,
  latestAccountTokenAt,
  pruneExpiredAccountTokens,
} from "@/db/queries/account-tokens";
import { sha256Hex } from "@/lib/crypto/hash";

export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  email_verification: 24 * 60 * 60 * 1000,
};
// One e-mail of a kind per account per minute: a form submitted in a loop does not flood an inbox.
const RESEND_GAP_MS = 60_000;
// 32 random bytes in base64url: 43 characters. Anything else is not worth a lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new single-use token; only its hash is stored, so the database cannot replay it. */
export async function issueAccountToken(
  db: Db,
  p: { userId: string; purpose: AccountTokenPurpose; email: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[p.purpose]);
  await insertAccountToken(db, { ...p, tokenHash: sha256Hex(token), expiresAt });
  if (Math.random() < 0.05) await pruneExpiredAccountTokens(db, now);
  return { token, expiresAt };
}

export async function mayIssueAccountToken(
  db: Db,
  p: { userId: string; purpose: AccountTokenPurpose },
  now = new Date(),
): Promise<boolean> {
  const last = await latestAccountTokenAt(db, p);
  return !last || now.getTime() - last.getTime() >= RESEND_GAP_MS;
}

/** Whether the token is still good, without using it. */
export async function peekAccountToken(
  db: Db,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return findLiveAccountToken(db, { tokenHash: sha256Hex(token), purpose, now });
}

/** Uses the token up; null when it is unknown, used or expired. */
export async function redeemAccountToken(
  db: Db,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return consumeAccountToken(db, { tokenHash: sha256Hex(token), purpose, now });
}
