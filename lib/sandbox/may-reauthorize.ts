import type { Db } from "@/db";
import { findChannelByPhoneNumberId } from "@/db/queries/channels";
import { findMember } from "@/db/queries/members";
import { getSandboxNumber, listWabaHolders } from "@/db/queries/sandbox";
import { can } from "@/lib/auth/permissions";

/**
 * Whether this user may act on a sandbox WABA as its business (add a number, mint a new token):
 * only when every workspace with a number in it lets them manage channels. A WABA no workspace
 * has connected yet is still the signup's own.
 */
export async function mayManageSandboxWaba(
  db: Db,
  p: { userId: string; wabaId: string },
): Promise<boolean> {
  const holders = await listWabaHolders(db, p);
  return holders.every((h) => h.role !== null && can(h.role, "channels.manage"));
}

/**
 * Whether this user may run the simulated signup again for a sandbox number. A re-authorization
 * replaces the token of the number's whole WABA, so the user must manage every workspace holding
 * a number in it, not just this number's.
 */
export async function mayReauthorizeSandboxNumber(
  db: Db,
  p: { userId: string; phoneNumberId: string },
): Promise<boolean> {
  const channel = await findChannelByPhoneNumberId(db, p.phoneNumberId);
  if (channel) {
    const member = await findMember(db, { workspaceId: channel.workspaceId, userId: p.userId });
    if (!member || !can(member.role, "channels.manage")) return false;
  }
  const wabaId = (await getSandboxNumber(db, p.phoneNumberId))?.wabaId;
  return wabaId ? mayManageSandboxWaba(db, { userId: p.userId, wabaId }) : true;
}
