"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import { clientAddress } from "@/lib/auth/client-address";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { formatWait, takeAttempt } from "@/lib/auth/throttle";
import { hashPassword, isPasswordHashBusy } from "@/lib/crypto/password";
import { safeNextPath, signUpSchema } from "@/lib/validations/auth";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

export type AuthFormState = {
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

// The password hash queue was full: a burst of sign-ins that drains within seconds.
const BUSY_MESSAGE = "Too many sign-in attempts right now; try again in a few seconds";

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
    return "The e-mail or password is not correct.";
  }
}

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = text(form, "email");
  const message = await signInWithPassword(
    email,
    text(form, "password"),
    safeNextPath(text(form, "next")) ?? "/app",
  );
  return { message: message ?? undefined, values: { email } };
}

export async function signUpAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const next = safeNextPath(text(form, "next"));
  const invited = next?.startsWith("/invite/") ?? false;
  const values = {
    name: text(form, "name"),
    email: text(form, "email"),
    workspaceName: text(form, "workspaceName"),
  };
  const parsed = signUpSchema.safeParse({
    ...values,
    password: text(form, "password"),
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
  const created = await db.transaction(async (tx) => {
    const user = await createPasswordUser(tx, { ...input, passwordHash });
    if (!user) return null;
    const workspace = input.workspaceName
      ? await createOwnedWorkspace(tx, { name: input.workspaceName, userId: user.id })
      : null;
    return { user, workspace };
  });
  if (!created) {
    // Worded so the form does not confirm whether someone else's address has an account.
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
