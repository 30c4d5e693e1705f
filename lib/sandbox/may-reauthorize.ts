import type { Db } from "@/db";
import { findChannelByPhoneNumberId } from "@/db/queries/channels";
import { findMember } from "@/db/queries/members";
import { can } from "@/lib/auth/permissions";

/**
 * Whether this user may run the simulated signup again for a sandbox number: always for a
 * number no workspace has connected yet, otherwise only as an owner or admin of its workspace.
 */
export async function mayReauthorizeSandboxNumber(
  db: Db,
  p: { userId: string; phoneNumberId: string },
): Promise<boolean> {
  const channel = await findChannelByPhoneNumberId(db, p.phoneNumberId);
  if (!channel) return true;
  const member = await findMember(db, { workspaceId: channel.workspaceId, userId: p.userId });
  return member !== null && can(member.role, "channels.manage");
}
