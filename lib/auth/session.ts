import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getUser } from "@/db/queries/users";
import { auth } from "./next-auth";

export type SessionUser = { id: string; email: string | null; name: string | null };

/** The signed-in user, read from the database (a deleted user's token is worth nothing). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUser(await getDb(), id);
  return user ? { id: user.id, email: user.email, name: user.name } : null;
});

export async function requireUser(next?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  return user;
}
