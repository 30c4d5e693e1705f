"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import { deliverAccountMail, type Mail } from "@/lib/account/account-mail";
import { resendVerification } from "@/lib/account/email-verification";
import { signUpByEmail } from "@/lib/account/sign-up-by-email";
import { clientAddress } from "@/lib/auth/client-address";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { formatWait, takeAttempt } from "@/lib/auth/throttle";
import { hashPassword, isPasswordHashBusy } from "@/lib/crypto/password";
import { getEnv } from "@/lib/env";
import { formText, safeNextPath, signUpSchema } from "@/lib/validations/auth";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

export type AuthFormState = {
  message?: string;
  /** The form was accepted and an e-mail may be on its way: the form shows "check your inbox". */
  sent?: boolean;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

// The password hash queue was full: a burst of sign-ins that drains within seconds.
const BUSY_MESSAGE = "Too many sign-in attempts right now; try again in a few seconds";

/**
 * Sends after the response, so answering takes as long whether or not there was anything to
 * send: the timing does not tell which addresses have accounts.
 */
function sendLater(mail: Mail | null) {
  const { smtp } = getEnv();
  if (!mail || !smtp) return;
  after(async () => {
    await deliverAccountMail(smtp, mail);
  });
}

const UNVERIFIED_MESSAGE =
  "Confirm your e-mail address first: open the link we sent you. If it has expired, we have just sent a new one.";

/** Signs in and redirects; next-auth's redirect is thrown, so only failures return. */
async function signInWithPassword(email: string, password: string, redirectTo: string) {
  try {
    await signIn("credentials", { email, password, redirectTo });
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const code = (error as AuthError & { code?: string }).code;
    if (code === "rate_limited") {
      const { retryAfterSeconds } = error as { retryAfterSeconds?: number };
      return `Too many attempts. Try again in ${formatWait(retryAfterSeconds ?? 60)}.`;
    }
    if (code === "busy") return BUSY_MESSAGE;
    if (code === "unverified") {
      // Only someone who knew the password gets here, so this tells nothing new.
      const { appUrl } = getEnv();
      sendLater(await resendVerification(await getDb(), email, { appUrl, next: redirectTo }));
      return UNVERIFIED_MESSAGE;
    }
    return "The e-mail or password is not correct.";
  }
}

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = formText(form, "email");
  const message = await signInWithPassword(
    email,
    formText(form, "password"),
    safeNextPath(formText(form, "next")) ?? "/app",
  );
  return { message: message ?? undefined, values: { email } };
}

export async function signUpAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const next = safeNextPath(formText(form, "next"));
  const invited = next?.startsWith("/invite/") ?? false;
  const values = {
    name: formText(form, "name"),
    email: formText(form, "email"),
    workspaceName: formText(form, "workspaceName"),
  };
  const parsed = signUpSchema.safeParse({
    ...values,
    password: formText(form, "password"),
    workspaceName: values.workspaceName || undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  const input = parsed.data;
  if (!input.workspaceName && !invited) {
    return { fieldErrors: { workspaceName: "Enter your business's name." }, values };
  }

  const db = await getDb();
  const subjects = { signup: clientAddress(await headers()) };
  const verdict = await takeAttempt(db, subjects);
  if (verdict.limited) {
    const wait = formatWait(verdict.retryAfterSeconds);
    return { message: `Too many sign-ups from this network. Try again in ${wait}.`, values };
  }

  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password);
  } catch (error) {
    if (isPasswordHashBusy(error)) return { message: BUSY_MESSAGE, values };
    throw error;
  }
  const { smtp, appUrl } = getEnv();
  if (smtp) {
    sendLater(await signUpByEmail(db, { ...input, passwordHash }, { appUrl, next }));
    return { sent: true, values: { ...values, email: input.email } };
  }

  const created = await db.transaction(async (tx) => {
    const user = await createPasswordUser(tx, { ...input, passwordHash });
    if (!user) return null;
    const workspace = input.workspaceName
      ? await createOwnedWorkspace(tx, { name: input.workspaceName, userId: user.id })
      : null;
    return { user, workspace };
  });
  if (!created) {
    // Without e-mail, only the password can tell an owner from a stranger: the owner is signed
    // in just as a new account would be; anyone else learns no more than a wrong sign-in tells.
    const message = await signInWithPassword(input.email, input.password, next ?? "/app");
    if (message && message !== "The e-mail or password is not correct.") {
      return { message, values };
    }
    return {
      message:
        "We could not create an account with these details. If you already have one, sign in instead.",
      values,
    };
  }
  const destination = next ?? (created.workspace ? `/${created.workspace.slug}/whatsapp` : "/app");
  const message = await signInWithPassword(input.email, input.password, destination);
  // The account exists now; if signing in did not follow, the sign-in page takes it from here.
  if (message) redirect(`/sign-in?created=1&next=${encodeURIComponent(destination)}` as never);
  return { values };
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
