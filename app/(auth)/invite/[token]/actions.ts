"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { signOut } from "@/lib/auth/next-auth";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/auth";
import { acceptInvitationToken } from "@/lib/workspaces/invitations";

export type JoinState = { message?: string };

const invitePath = (form: FormData) =>
  safeNextPath(`/invite/${String(form.get("token") ?? "")}`) ?? "/";

export async function acceptInvitationAction(_: JoinState, form: FormData): Promise<JoinState> {
  const token = String(form.get("token") ?? "");
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(invitePath(form))}` as never);
  const result = await acceptInvitationToken(await getDb(), user, token);
  if (!result.ok) return { message: result.message };
  redirect(`/${result.data.slug}` as never);
}

/** Signed in with the wrong account: sign out and come back to the invitation to sign in again. */
export async function switchAccountAction(form: FormData) {
  await signOut({ redirectTo: `/sign-in?next=${encodeURIComponent(invitePath(form))}` });
}
