"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { currentUser } from "@/lib/auth/session";
import { workspaceName } from "@/lib/validations/auth";
import { createOwnedWorkspaceInTx } from "@/lib/workspaces/create-workspace";

export type NewWorkspaceState = { error?: string; name?: string };

export async function createWorkspaceAction(
  _: NewWorkspaceState,
  form: FormData,
): Promise<NewWorkspaceState> {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/app/new");
  const raw = String(form.get("name") ?? "");
  const name = workspaceName.safeParse(raw);
  if (!name.success) return { error: name.error.issues[0]?.message, name: raw };
  const workspace = await createOwnedWorkspaceInTx(await getDb(), {
    name: name.data,
    userId: user.id,
  });
  redirect(`/${workspace.slug}/whatsapp` as never);
}
