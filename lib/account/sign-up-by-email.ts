import type { Db } from "@/db";
import { createPasswordUser, findUserByEmail } from "@/db/queries/users";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import { existingAccountMail, type Mail } from "./account-mail";
import { createVerificationMail, resendVerification } from "./email-verification";

export type SignUpInput = {
  name: string;
  email: string;
  passwordHash: string;
  workspaceName?: string | undefined;
};

/**
 * Sign-up when e-mail is set up: the form always answers "check your e-mail", and what happens
 * is told only to the address's owner. A new address gets its account (and workspace), waiting
 * for confirmation; an unconfirmed one gets a fresh link; a confirmed one gets a notice that it
 * already has an account. Returns the mail to send (null when one was sent a moment ago).
 */
export async function signUpByEmail(
  db: Db,
  input: SignUpInput,
  p: { appUrl: string; next: string | null },
): Promise<Mail | null> {
  return db.transaction(async (tx) => {
    const user = await createPasswordUser(tx, input);
    if (user?.email) {
      if (input.workspaceName) {
        await createOwnedWorkspace(tx, { name: input.workspaceName, userId: user.id });
      }
      return createVerificationMail(tx, { id: user.id, email: user.email }, p);
    }
    const existing = await findUserByEmail(tx, input.email);
    if (!existing?.email) return null;
    if (!existing.emailVerified && existing.passwordHash) {
      return resendVerification(tx, existing.email, p);
    }
    return existingAccountMail({ to: existing.email, appUrl: p.appUrl });
  });
}
