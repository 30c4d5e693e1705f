import type { Database } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { createPasswordUser } from "@/db/queries/users";
import { resolveWorkspaceAccess, type WorkspaceContext } from "@/lib/auth/access";
import type { Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

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

/**
 * A workspace with an owner, an admin and an agent, and an outsider who owns another one: the
 * cast of every guard test.
 */
export async function seedTeam(db: Database, name: string) {
  const owner = await seedUser(db, "owner");
  const admin = await seedUser(db, "admin");
  const agent = await seedUser(db, "agent");
  const outsider = await seedUser(db, "outsider");
  const workspace = await createOwnedWorkspace(db, { name, userId: owner.id });
  await addMembership(db, { workspaceId: workspace.id, userId: admin.id, role: "admin" });
  await addMembership(db, { workspaceId: workspace.id, userId: agent.id, role: "agent" });
  const other = await createOwnedWorkspace(db, { name: "Elsewhere", userId: outsider.id });
  return { owner, admin, agent, outsider, workspace, other };
}
