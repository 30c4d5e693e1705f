import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, users } from "../schema";
import type { Role } from "./memberships";
import { normalizeEmail } from "./users";

type MemberKey = { workspaceId: string; userId: string };

export async function listMembers(db: Db, p: { workspaceId: string }) {
  return db
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, p.workspaceId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

export type Member = Awaited<ReturnType<typeof listMembers>>[number];

export async function findMember(db: Db, p: MemberKey) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.userId, p.userId)));
  return row ?? null;
}

/** Whether someone with this e-mail (any case) is already a member of the workspace. */
export async function isMemberEmail(db: Db, p: { workspaceId: string; email: string }) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, p.workspaceId),
        eq(sql`lower(${users.email})`, normalizeEmail(p.email)),
      ),
    );
  return row !== undefined;
}

export async function countOwners(db: Db, p: { workspaceId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/**
 * The workspace's owner rows, locked until the transaction ends: two owners demoting or removing
 * each other at the same moment must not both see "another owner is left".
 */
export async function lockOwners(db: Db, p: { workspaceId: string }): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.role, "owner")))
    .for("update");
  return rows.map((r) => r.userId);
}

/** True when the member existed and now has the role. */
export async function updateMemberRole(db: Db, p: MemberKey & { role: Role }): Promise<boolean> {
  const rows = await db
    .update(memberships)
    .set({ role: p.role })
    .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.userId, p.userId)))
    .returning({ id: memberships.id });
  return rows.length > 0;
}

/** True when a membership was deleted. */
export async function deleteMember(db: Db, p: MemberKey): Promise<boolean> {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.userId, p.userId)))
    .returning({ id: memberships.id });
  return rows.length > 0;
}
