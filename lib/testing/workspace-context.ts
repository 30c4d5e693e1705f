import type { Database } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import { resolveWorkspaceAccess, type WorkspaceContext } from "@/lib/auth/access";
import type { Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";

let counter = 0;

/** A user with a unique address (`<label>-<n>@parley.test`). */
export async function seedUser(db: Database, label: string): Promise<SessionUser> {
  counter += 1;
  const email = `${label}-${Date.now().toString(36)}${counter}@parley.test`;
  const user = await createPasswordUser(db, { email, name: label, passwordHash: "not-used" });
  if (!user) throw new Error(`could not seed ${email}`);
  return user;
}

/**
 * The context `requireWorkspace` would build for this user, resolved the same way: the role is
 * read from the database and checked by `decideAccess`, so tests see refusals the guard gives.
 */
export async function contextAs(
  db: Database,
  user: SessionUser,
  slug: string,
  permission: Permission = "workspace.view",
): Promise<WorkspaceContext> {
  const { verdict, ctx } = await resolveWorkspaceAccess(db, user, slug, permission);
  if (!ctx) throw new Error(`guard refused: ${JSON.stringify(verdict)}`);
  return ctx;
}
