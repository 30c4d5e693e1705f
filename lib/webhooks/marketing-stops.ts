import type { Db } from "@/db";
import { stopMarketingForMessages } from "@/db/queries/contacts";
import type { StatusUpdate } from "@/db/queries/messages";

/** Meta's code for a marketing message refused because the customer stopped them in WhatsApp. */
export const STOPPED_MARKETING = 131050;

/**
 * A failed status with 131050 means the customer turned marketing messages off inside WhatsApp:
 * their contact is marked opted out of marketing, so no later broadcast includes them. Rare, so
 * this costs nothing for the statuses of ordinary sends.
 */
export async function stopMarketingOnRefusals(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  statuses: StatusUpdate[],
) {
  const refused = statuses
    .filter((s) => s.status === "failed" && s.errorCode === STOPPED_MARKETING)
    .map((s) => s.waMessageId);
  if (refused.length === 0) return;
  await stopMarketingForMessages(db, { ...scope, waMessageIds: refused });
}
