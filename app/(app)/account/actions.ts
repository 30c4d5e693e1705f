"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getDb } from "@/db";
import {
  type NotificationPreferences,
  saveNotificationPreferences,
} from "@/db/queries/notification-preferences";
import { changePassword } from "@/lib/account/change-password";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { requireUser } from "@/lib/auth/session";
import { endAllSessions } from "@/lib/auth/sessions";
import { formatWait, takeAttempt } from "@/lib/auth/throttle";
import { isPasswordHashBusy } from "@/lib/crypto/password";
import { formText, newPassword } from "@/lib/validations/auth";
import { notificationPreferencesSchema } from "@/lib/validations/notifications";

export type AccountFormState = { message?: string; fieldErrors?: Record<string, string> };

/**
 * Every session of the account ends, this one included; this browser then signs in again with
 * the new password, so only the other devices are signed out.
 */
export async function changePasswordAction(
  _: AccountFormState,
  form: FormData,
): Promise<AccountFormState> {
  const user = await requireUser("/account");
  const currentPassword = formText(form, "currentPassword");
  const password = formText(form, "password");
  const parsed = newPassword.safeParse(password);
  if (!currentPassword) return { fieldErrors: { currentPassword: "Enter your current password." } };
  if (!parsed.success) {
    return { fieldErrors: { password: parsed.error.issues[0]?.message ?? "" } };
  }
  if (formText(form, "confirm") !== password) {
    return { fieldErrors: { confirm: "The two passwords are not the same." } };
  }
  const db = await getDb();
  // A stolen session must not become a way to guess the password: same limit as sign-in.
  const verdict = user.email ? await takeAttempt(db, { email: user.email }) : null;
  if (verdict?.limited) {
    return { message: `Too many attempts. Try again in ${formatWait(verdict.retryAfterSeconds)}.` };
  }
  let result: Awaited<ReturnType<typeof changePassword>>;
  try {
    result = await changePassword(db, { userId: user.id, currentPassword, newPassword: password });
  } catch (error) {
    if (isPasswordHashBusy(error)) {
      return { message: "The server is busy right now; try again in a few seconds." };
    }
    throw error;
  }
  if (!result.ok) {
    return result.code === "wrong_password"
      ? { fieldErrors: { currentPassword: result.message } }
      : { message: result.message };
  }
  try {
    await signIn("credentials", { email: user.email, password, redirectTo: "/account?changed=1" });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  redirect("/sign-in?next=%2Faccount");
}

export async function signOutEverywhereAction() {
  const user = await requireUser("/account");
  await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/sign-in?ended=1" });
}

/** The person's notification preferences, for every workspace they work in. */
export async function saveNotificationsAction(
  input: NotificationPreferences,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await requireUser("/account");
  const parsed = notificationPreferencesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "These preferences could not be read." };
  await saveNotificationPreferences(await getDb(), user.id, parsed.data);
  return { ok: true };
}
