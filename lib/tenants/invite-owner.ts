import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import {
  createInvitation,
  findPendingOperatorInvitation,
  revokeOtherOperatorInvitations,
} from "@/db/queries/invitations";
import { isMemberEmail } from "@/db/queries/members";
import { normalizeEmail } from "@/db/queries/users";
import { sha256Hex } from "@/lib/crypto/hash";
import { log } from "@/lib/log";
import { sendInvitationEmail } from "@/lib/workspaces/invitation-email";
import { INVITATION_TTL_MS, type InviteDeps } from "@/lib/workspaces/invitations";

export type OwnerInvitation = {
  email: string;
  /**
   * `invited`: a new link (printed, and mailed when SMTP is set). `pending`: the link an earlier
   * import issued still works, so none is issued (`reinvite` issues a fresh one, which ends the
   * earlier). `member`: the address already belongs to a member; nothing to send.
   */
  state: "invited" | "pending" | "member";
  link: string | null;
  expiresAt: Date | null;
  emailed: boolean;
};

/**
 * Invites the owner an import file names for a workspace, inside the import's transaction. A
 * re-import sends no second invitation while the first still works, so owners are not mailed
 * again each time an operator updates their workspace.
 */
export async function inviteImportedOwner(
  tx: Db,
  p: { workspaceId: string; email: string; appUrl: string; reinvite: boolean },
): Promise<OwnerInvitation> {
  const email = normalizeEmail(p.email);
  const revoked = await revokeOtherOperatorInvitations(tx, { workspaceId: p.workspaceId, email });
  for (const r of revoked) {
    await recordAudit(tx, {
      workspaceId: p.workspaceId,
      actorType: "cli",
      action: "invitation.revoked",
      target: r.id,
      details: { email: r.email, role: "owner", reason: "another owner named by the import" },
    });
  }
  const none = { link: null, expiresAt: null, emailed: false };
  if (await isMemberEmail(tx, { workspaceId: p.workspaceId, email })) {
    return { email, state: "member", ...none };
  }
  const earlier = await findPendingOperatorInvitation(tx, { workspaceId: p.workspaceId, email });
  if (earlier && !p.reinvite) {
    return { email, state: "pending", ...none, expiresAt: earlier.expiresAt };
  }
  const token = randomBytes(32).toString("base64url");
  const created = await createInvitation(tx, {
    workspaceId: p.workspaceId,
    email,
    role: "owner",
    tokenHash: sha256Hex(token),
    invitedBy: null,
    byOperator: true,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  await recordAudit(tx, {
    workspaceId: p.workspaceId,
    actorType: "cli",
    action: "invitation.created",
    target: created.id,
    details: {
      email,
      role: "owner",
      ...(created.replaced > 0 ? { replacedPending: created.replaced } : {}),
    },
  });
  return {
    email,
    state: "invited",
    link: `${p.appUrl}/invite/${token}`,
    expiresAt: created.expiresAt,
    emailed: false,
  };
}

/**
 * Mails a new owner invitation, after the import committed (a refused import sends nothing).
 * A mail that fails leaves the printed link to hand over; the log gets the failure's kind only.
 */
export async function mailOwnerInvitation(
  deps: InviteDeps,
  p: { workspaceName: string; invitation: OwnerInvitation },
): Promise<boolean> {
  const { invitation } = p;
  if (!deps.smtp || invitation.state !== "invited" || !invitation.link) return false;
  try {
    await sendInvitationEmail(deps.smtp, {
      to: invitation.email,
      workspaceName: p.workspaceName,
      inviterName: "Your Parley administrator",
      role: "owner",
      link: invitation.link,
    });
    return true;
  } catch (error) {
    const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
    log.warn({ mailError: { code, responseCode } }, "Owner invitation e-mail not sent");
    return false;
  }
}
