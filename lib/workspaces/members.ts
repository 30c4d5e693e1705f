import { deleteMember, findMember, lockOwners, updateMemberRole } from "@/db/queries/members";
import { countUserMemberships, type Role } from "@/db/queries/memberships";
import { deleteUserSessions } from "@/db/queries/sessions";
import { canAssignRole } from "@/lib/auth/permissions";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";

type Refusal = Extract<ActionResult<never>, { ok: false }>;

const notMember: Refusal = {
  ok: false,
  code: "not_found",
  message: "This person is not a member of the workspace.",
};

const lastOwner = (who: string): Refusal => ({
  ok: false,
  code: "last_owner",
  message: `${who} the only owner of this workspace. Make someone else an owner first.`,
});

// Removing someone is as strong as changing their role: only owners may touch an owner.
const mayManage = (actor: Role, target: Role) => canAssignRole(actor, target, target);

/**
 * Every change runs in a transaction that first locks the owner rows, so two owners demoting or
 * removing each other at once cannot leave the workspace with none. The audit entry is written
 * after the commit (PGlite has one connection; the context's db cannot be used inside).
 */
export async function changeMemberRole(
  ctx: WorkspaceContext,
  input: { userId: string; role: Role },
): Promise<ActionResult<{ role: Role }>> {
  const workspaceId = ctx.workspace.id;
  const outcome = await ctx.db.transaction(async (tx) => {
    const owners = await lockOwners(tx, { workspaceId });
    const target = await findMember(tx, { workspaceId, userId: input.userId });
    if (!target) return notMember;
    if (target.role === input.role) return { ok: true as const, target, changed: false };
    if (!canAssignRole(ctx.role, target.role, input.role)) {
      return {
        ok: false as const,
        code: "forbidden",
        message:
          target.role === "owner"
            ? "Only an owner can change an owner's role."
            : "Only an owner can make someone an owner.",
      };
    }
    if (target.role === "owner" && owners.length <= 1) {
      return lastOwner(
        input.userId === ctx.user.id ? "You are" : `${target.email ?? "This person"} is`,
      );
    }
    await updateMemberRole(tx, { workspaceId, userId: input.userId, role: input.role });
    return { ok: true as const, target, changed: true };
  });
  if (!outcome.ok) return outcome;
  if (outcome.changed) {
    await ctx.audit("member.role_changed", input.userId, {
      email: outcome.target.email,
      from: outcome.target.role,
      to: input.role,
    });
  }
  return { ok: true, data: { role: input.role } };
}

/** Removes another member; removing yourself is leaving. */
export async function removeMember(
  ctx: WorkspaceContext,
  input: { userId: string },
): Promise<ActionResult<null>> {
  if (input.userId === ctx.user.id) return leaveWorkspace(ctx);
  const workspaceId = ctx.workspace.id;
  const outcome = await ctx.db.transaction(async (tx) => {
    const owners = await lockOwners(tx, { workspaceId });
    const target = await findMember(tx, { workspaceId, userId: input.userId });
    if (!target) return notMember;
    if (!mayManage(ctx.role, target.role)) {
      return {
        ok: false as const,
        code: "forbidden",
        message: "Only an owner can remove an owner.",
      };
    }
    if (target.role === "owner" && owners.length <= 1) {
      return lastOwner(`${target.email ?? "This person"} is`);
    }
    await deleteMember(tx, { workspaceId, userId: input.userId });
    // Removed from every workspace: whatever the person had open closes now, not in 30 days.
    if ((await countUserMemberships(tx, input.userId)) === 0) {
      await deleteUserSessions(tx, { userId: input.userId });
    }
    return { ok: true as const, target };
  });
  if (!outcome.ok) return outcome;
  await ctx.audit("member.removed", input.userId, {
    email: outcome.target.email,
    role: outcome.target.role,
  });
  return { ok: true, data: null };
}

/** Any member may leave, except the last owner (the workspace would have no one to run it). */
export async function leaveWorkspace(ctx: WorkspaceContext): Promise<ActionResult<null>> {
  const workspaceId = ctx.workspace.id;
  const outcome = await ctx.db.transaction(async (tx) => {
    const owners = await lockOwners(tx, { workspaceId });
    const me = await findMember(tx, { workspaceId, userId: ctx.user.id });
    if (!me) return notMember;
    if (me.role === "owner" && owners.length <= 1) return lastOwner("You are");
    await deleteMember(tx, { workspaceId, userId: ctx.user.id });
    return { ok: true as const, role: me.role };
  });
  if (!outcome.ok) return outcome;
  await ctx.audit("member.left", ctx.user.id, { role: outcome.role });
  return { ok: true, data: null };
}
