import type { Db } from "@/db";
import { deleteUserAccountTokens } from "@/db/queries/account-tokens";
import { deleteUserSessions } from "@/db/queries/sessions";
import { getUserPasswordHash, setPasswordHash } from "@/db/queries/users";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; code: "no_password" | "wrong_password"; message: string };

/**
 * Replaces the password after checking the current one, and ends every session of the account
 * (this browser signs in again with the new password) and every outstanding reset link.
 */
export async function changePassword(
  db: Db,
  p: { userId: string; currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  const stored = await getUserPasswordHash(db, p.userId);
  if (!stored) {
    return {
      ok: false,
      code: "no_password",
      message:
        "This account signs in with Facebook or Google and has no password. Use “Forgot your password?” on the sign-in page to add one.",
    };
  }
  if (!(await verifyPassword(p.currentPassword, stored))) {
    return { ok: false, code: "wrong_password", message: "Your current password is not correct." };
  }
  const passwordHash = await hashPassword(p.newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, { userId: p.userId, passwordHash });
    await deleteUserAccountTokens(tx, { userId: p.userId, purpose: "password_reset" });
    await deleteUserSessions(tx, { userId: p.userId });
  });
  return { ok: true };
}
