import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, workspaces } from "../schema";

export type Role = (typeof memberships.$inferSelect)["role"];

/** The user's membership of the workspace with this slug, or null (not a member, or no such). */
export async function findMembershipBySlug(db: Db, p: { userId: string; slug: string }) {
  const [row] = await db
    .select({
      role: memberships.role,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, p.userId), eq(workspaces.slug, p.slug)));
  return row ?? null;
}

export async function listUserWorkspaces(db: Db, userId: string) {
  return db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
}

export async function addMembership(
  db: Db,
  p: { workspaceId: string; userId: string; role: Role },
) {
  await db.insert(memberships).values(p).onConflictDoNothing();
}

export async function countUserMemberships(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return row?.n ?? 0;
}
