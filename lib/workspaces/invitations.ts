import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import {
  acceptInvitation,
  createInvitation,
  findInvitationByTokenHash,
  type InvitationRecord,
  revokeInvitation,
} from "@/db/queries/invitations";
import { findMember, isMemberEmail } from "@/db/queries/members";
import type { Role } from "@/db/queries/memberships";
import { normalizeEmail } from "@/db/queries/users";
import { canAssignRole } from "@/lib/auth/permissions";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { sha256Hex } from "@/lib/crypto/hash";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { type Smtp, sendInvitationEmail } from "./invitation-email";

const ROLES: Role[] = ["owner", "admin", "agent"];

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
// 32 random bytes in base64url: 43 characters. Anything else is not worth a lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type InviteDeps = { appUrl: string; smtp: Smtp | null };

export const inviteDepsFromEnv = (): InviteDeps => ({
  appUrl: getEnv().appUrl,
  smtp: getEnv().smtp,
});

export type CreatedInvitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** The only time the link exists outside the invitee's e-mail: the database has its hash. */
  link: string;
  emailed: boolean;
};

export async function inviteMember(
  ctx: WorkspaceContext,
  input: { email: string; role: Role },
  deps: InviteDeps = inviteDepsFromEnv(),
): Promise<ActionResult<CreatedInvitation>> {
  const email = normalizeEmail(input.email);
  if (!canAssignRole(ctx.role, null, input.role)) {
    const message = "Only an owner can invite an owner.";
    return { ok: false, code: "forbidden", message, fieldErrors: { role: message } };
  }
  if (await isMemberEmail(ctx.db, { workspaceId: ctx.workspace.id, email })) {
    const message = `${email} is already a member of this workspace.`;
    return { ok: false, code: "conflict", message, fieldErrors: { email: message } };
  }

  const token = randomBytes(32).toString("base64url");
  const created = await createInvitation(ctx.db, {
    workspaceId: ctx.workspace.id,
    email,
    role: input.role,
    tokenHash: sha256Hex(token),
    invitedBy: ctx.user.id,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  const link = `${deps.appUrl}/invite/${token}`;

  let emailed = false;
  if (deps.smtp) {
    try {
      await sendInvitationEmail(deps.smtp, {
        to: email,
        workspaceName: ctx.workspace.name,
        inviterName: ctx.user.name ?? ctx.user.email ?? "A teammate",
        role: input.role,
        link,
      });
      emailed = true;
    } catch (error) {
      // The inviter still gets the link to pass on; the log gets the failure's kind, not the mail.
      const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
      log.warn({ mailError: { code, responseCode } }, "Invitation e-mail not sent");
    }
  }

  await ctx.audit("invitation.created", created.id, {
    email,
    role: input.role,
    emailed,
    ...(created.replaced > 0 ? { replacedPending: created.replaced } : {}),
  });
  return {
    ok: true,
    data: { id: created.id, email, role: input.role, expiresAt: created.expiresAt, link, emailed },
  };
}

export async function revokeMemberInvitation(
  ctx: WorkspaceContext,
  input: { id: string },
): Promise<ActionResult<null>> {
  const roles = ROLES.filter((r) => canAssignRole(ctx.role, null, r));
  const revoked = await revokeInvitation(ctx.db, {
    workspaceId: ctx.workspace.id,
    id: input.id,
    roles,
  });
  if (!revoked) {
    return {
      ok: false,
      code: "not_found",
      message:
        "This invitation cannot be withdrawn: it was accepted, revoked or has expired, or only an owner may withdraw it.",
    };
  }
  await ctx.audit("invitation.revoked", revoked.id, { email: revoked.email, role: revoked.role });
  return { ok: true, data: null };
}

export type InvitationView =
  | { status: "unknown" }
  | { status: "valid" | "expired" | "revoked" | "accepted"; invitation: InvitationRecord };

/** What a link points at, for the invitation page. */
export async function inspectInvitationToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<InvitationView> {
  if (!TOKEN_SHAPE.test(token)) return { status: "unknown" };
  const invitation = await findInvitationByTokenHash(db, sha256Hex(token));
  if (!invitation) return { status: "unknown" };
  const status = invitation.acceptedAt
    ? "accepted"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt <= now
        ? "expired"
        : "valid";
  return { status, invitation };
}

export const INVITATION_PROBLEMS: Record<Exclude<InvitationView["status"], "valid">, string> = {
  unknown:
    "This invitation link is not valid. Check that you opened the whole link, or ask for a new invitation.",
  expired: "This invitation has expired. Ask someone in the workspace to invite you again.",
  revoked: "This invitation was withdrawn. Ask someone in the workspace for a new one.",
  accepted: "This invitation has already been used. Each link works once.",
};

/** True when the signed-in account is the one the invitation was sent to. */
export function isInvitedAccount(user: { email: string | null }, invitation: { email: string }) {
  return user.email !== null && normalizeEmail(user.email) === normalizeEmail(invitation.email);
}

export async function acceptInvitationToken(
  db: Db,
  user: { id: string; email: string | null },
  token: string,
): Promise<ActionResult<{ slug: string; name: string; joined: boolean }>> {
  const view = await inspectInvitationToken(db, token);
  if (view.status !== "valid") {
    return {
      ok: false,
      code: `invitation_${view.status}`,
      message: INVITATION_PROBLEMS[view.status],
    };
  }
  const { invitation } = view;
  if (!isInvitedAccount(user, invitation)) {
    return {
      ok: false,
      code: "wrong_account",
      message: `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
    };
  }
  // An owner invitation is only as good as its sender's standing: only owners make owners. The
  // operator's tenant import names a workspace's owner itself.
  if (invitation.role === "owner" && !invitation.byOperator) {
    const sender = invitation.invitedBy
      ? await findMember(db, { workspaceId: invitation.workspace.id, userId: invitation.invitedBy })
      : null;
    if (sender?.role !== "owner") {
      return {
        ok: false,
        code: "invitation_gone",
        message:
          "This invitation is no longer valid: the person who sent it can no longer make owners. Ask an owner for a new one.",
      };
    }
  }
  const accepted = await acceptInvitation(db, {
    workspaceId: invitation.workspace.id,
    id: invitation.id,
    userId: user.id,
    email: invitation.email,
  });
  if (!accepted) {
    return { ok: false, code: "invitation_gone", message: "This invitation is no longer valid." };
  }
  // No workspace context yet: the person becomes a member only now.
  await recordAudit(db, {
    workspaceId: invitation.workspace.id,
    actorType: "user",
    actorId: user.id,
    action: "invitation.accepted",
    target: invitation.id,
    details: { email: invitation.email, role: accepted.role, joined: accepted.joined },
  });
  return {
    ok: true,
    data: {
      slug: invitation.workspace.slug,
      name: invitation.workspace.name,
      joined: accepted.joined,
    },
  };
}
