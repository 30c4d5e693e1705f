import type { Db } from "@/db";
import { deleteUserAccountTokens } from "@/db/queries/account-tokens";
import { findUserByEmail, markEmailVerified } from "@/db/queries/users";
import { safeNextPath } from "@/lib/validations/auth";
import { type Mail, verificationMail } from "./account-mail";
import { issueAccountToken, mayIssueAccountToken, redeemAccountToken } from "./tokens";

/** A verification e-mail for the account's current address. `next` survives the round trip. */
export async function createVerificationMail(
  db: Db,
  user: { id: string; email: string },
  p: { appUrl: string; next?: string | null },
  now = new Date(),
): Promise<Mail> {
  const { token } = await issueAccountToken(
    db,
    { userId: user.id, purpose: "email_verification", email: user.email },
    now,
  );
  const next = safeNextPath(p.next);
  const query = next ? `?next=${encodeURIComponent(next)}` : "";
  return verificationMail({ to: user.email, link: `${p.appUrl}/verify-email/${token}${query}` });
}

/** A fresh link for an account still waiting for its confirmation; null when none is due. */
export async function resendVerification(
  db: Db,
  email: string,
  p: { appUrl: string; next?: string | null },
  now = new Date(),
): Promise<Mail | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.email || user.emailVerified) return null;
  const purpose = "email_verification" as const;
  if (!(await mayIssueAccountToken(db, { userId: user.id, purpose }, now))) return null;
  return createVerificationMail(db, { id: user.id, email: user.email }, p, now);
}

/** Confirms the address the link was sent to, if it is still the account's address. */
export async function verifyEmail(db: Db, token: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const used = await redeemAccountToken(tx, token, "email_verification", now);
    if (!used) return false;
    const confirmed = await markEmailVerified(tx, { ...used, at: now });
    if (confirmed) {
      await deleteUserAccountTokens(tx, { userId: used.userId, purpose: "email_verification" });
    }
    return confirmed;
  });
}
