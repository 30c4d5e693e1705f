import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { findMembershipBySlug, type Role } from "@/db/queries/memberships";
import { decideAccess, type Permission } from "./permissions";
import type { SessionUser } from "./session";

export type WorkspaceContext = {
  db: Database;
  user: SessionUser;
  role: Role;
  workspace: { id: string; slug: string; name: string };
  /** Records a change in the workspace's audit log, as this user. Never pass secrets. */
  audit: (
    action: string,
    target?: string | null,
    details?: Record<string, unknown>,
  ) => Promise<void>;
};

/**
 * Who changes a workspace's data, as the code that changes it needs to know: a signed-in member
 * (a `WorkspaceContext`) or a workspace API key. Audit entries name the one or the other.
 */
export type WorkspaceActor = {
  db: Database;
  workspace: { id: string };
  audit: WorkspaceContext["audit"];
};

/** The access decision and, when granted, the context; the guards below are built on it. */
export async function resolveWorkspaceAccess(
  db: Database,
  user: SessionUser | null,
  slug: string,
  permission: Permission,
) {
  const membership = user ? await findMembershipBySlug(db, { userId: user.id, slug }) : null;
  const verdict = decideAccess(user, membership, permission);
  if (!verdict.ok || !user || !membership) return { verdict, ctx: null };
  const ctx: WorkspaceContext = {
    db,
    user,
    role: membership.role,
    workspace: membership.workspace,
    audit: (action, target, details) =>
      recordAudit(db, {
        workspaceId: membership.workspace.id,
        actorType: "user",
        actorId: user.id,
        action,
        target: target ?? null,
        details: details ?? null,
      }),
  };
  return { verdict, ctx };
}
