import type { Db } from "@/db";
import { deleteUserAccountTokens } from "@/db/queries/account-tokens";
import { deleteUserSessions } from "@/db/queries/sessions";
import { findUserByEmail, markEmailVerified, setPasswordHash } from "@/db/queries/users";
import { hashPassword } from "@/lib/crypto/password";
import { type Mail, passwordResetMail } from "./account-mail";
import {
  issueAccountToken,
  mayIssueAccountToken,
  peekAccountToken,
  redeemAccountToken,
} from "./tokens";

const resetLink = (appUrl: string, token: string) => `${appUrl}/reset-password/${token}`;

/**
 * The reset e-mail to send for this address, or null when there is no such account or one was
 * just sent. The caller answers the same either way, so the form does not reveal accounts.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  appUrl: string,
  now = new Date(),
): Promise<Mail | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.email) return null;
  const purpose = "password_reset" as const;
  if (!(await mayIssueAccountToken(db, { userId: user.id, purpose }, now))) return null;
  const { token } = await issueAccountToken(
    db,
    { userId: user.id, purpose, email: user.email },
    now,
  );
  return passwordResetMail({ to: user.email, link: resetLink(appUrl, token) });
}

/** For operators without e-mail: a reset link to hand over, or null when no account has it. */
export async function createPasswordResetLink(db: Db, email: string, appUrl: string) {
  const user = await findUserByEmail(db, email);
  if (!user?.email) return null;
  const { token, expiresAt } = await issueAccountToken(db, {
    userId: user.id,
    purpose: "password_reset",
    email: user.email,
  });
  return { link: resetLink(appUrl, token), expiresAt };
}

export async function isResetTokenLive(db: Db, token: string, now = new Date()) {
  return (await peekAccountToken(db, token, "password_reset", now)) !== null;
}

/**
 * Sets the new password through a reset link: the link is used up, every other reset link and
 * every session of the account end, and the address counts as confirmed (the link reached it).
 * The password hash is made first, outside the transaction, as it is the slow part.
 */
export async function resetPassword(
  db: Db,
  p: { token: string; password: string },
  now = new Date(),
): Promise<{ ok: true; email: string } | { ok: false }> {
  const passwordHash = await hashPassword(p.password);
  const done = await db.transaction(async (tx) => {
    const used = await redeemAccountToken(tx, p.token, "password_reset", now);
    if (!used) return null;
    await setPasswordHash(tx, { userId: used.userId, passwordHash });
    await deleteUserAccountTokens(tx, { userId: used.userId, purpose: "password_reset" });
    await deleteUserSessions(tx, { userId: used.userId });
    await markEmailVerified(tx, { userId: used.userId, email: used.email, at: now });
    return used;
  });
  return done ? { ok: true, email: done.email } : { ok: false };
}
