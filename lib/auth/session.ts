import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./next-auth";

export type SessionUser = { id: string; email: string | null; name: string | null };

/**
 * The signed-in user. Reading the session checks its server-side row and reads the user with it,
 * so an ended session or a deleted user is worth nothing.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return { id, email: session.user?.email ?? null, name: session.user?.name ?? null };
});

export async function requireUser(next?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  return user;
}
