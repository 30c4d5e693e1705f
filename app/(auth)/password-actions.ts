"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db";
import { deliverAccountMail } from "@/lib/account/account-mail";
import { verifyEmail } from "@/lib/account/email-verification";
import { requestPasswordReset, resetPassword } from "@/lib/account/password-reset";
import { clientAddress } from "@/lib/auth/client-address";
import { formatWait, takeAttempt } from "@/lib/auth/throttle";
import { isPasswordHashBusy } from "@/lib/crypto/password";
import { getEnv } from "@/lib/env";
import { email as emailSchema, formText, newPassword, safeNextPath } from "@/lib/validations/auth";
import type { AuthFormState } from "./actions";

/** Answers the same whether or not the address has an account; the e-mail goes after the response. */
export async function forgotPasswordAction(
  _: AuthFormState,
  form: FormData,
): Promise<AuthFormState> {
  const { smtp, appUrl } = getEnv();
  const values = { email: formText(form, "email") };
  if (!smtp) return { message: "Password reset by e-mail is not set up on this server.", values };
  const parsed = emailSchema.safeParse(values.email);
  if (!parsed.success) {
    return { fieldErrors: { email: parsed.error.issues[0]?.message ?? "" }, values };
  }
  const db = await getDb();
  const verdict = await takeAttempt(db, { address: clientAddress(await headers()) });
  if (verdict.limited) {
    const wait = formatWait(verdict.retryAfterSeconds);
    return { message: `Too many requests from this network. Try again in ${wait}.`, values };
  }
  const mail = await requestPasswordReset(db, parsed.data, appUrl);
  if (mail) {
    after(async () => {
      await deliverAccountMail(smtp, mail);
    });
  }
  return { sent: true, values: { email: parsed.data } };
}

export async function resetPasswordAction(
  _: AuthFormState,
  form: FormData,
): Promise<AuthFormState> {
  const password = formText(form, "password");
  const parsed = newPassword.safeParse(password);
  if (!parsed.success) {
    return { fieldErrors: { password: parsed.error.issues[0]?.message ?? "" } };
  }
  if (formText(form, "confirm") !== password) {
    return { fieldErrors: { confirm: "The two passwords are not the same." } };
  }
  let result: Awaited<ReturnType<typeof resetPassword>>;
  try {
    result = await resetPassword(await getDb(), { token: formText(form, "token"), password });
  } catch (error) {
    if (isPasswordHashBusy(error)) {
      return { message: "The server is busy right now; try again in a few seconds." };
    }
    throw error;
  }
  if (!result.ok) {
    return {
      message:
        "This link has expired or was already used. Ask for a new one from the sign-in page.",
    };
  }
  redirect("/sign-in?reset=1");
}

export async function verifyEmailAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const confirmed = await verifyEmail(await getDb(), formText(form, "token"));
  if (!confirmed) {
    return {
      message:
        "This link has expired or was already used. Sign in or sign up again to get a new one.",
    };
  }
  const next = safeNextPath(formText(form, "next"));
  redirect(`/sign-in?verified=1${next ? `&next=${encodeURIComponent(next)}` : ""}` as never);
}
