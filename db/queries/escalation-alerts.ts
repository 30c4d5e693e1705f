import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { escalations } from "../schema";
import { notifyLive } from "./live";

export type AlertStatus = {
  waMessageId: string;
  status: "sent" | "delivered" | "read" | "played" | "failed";
  at: Date;
  /** Meta's failure, already in words, for a failed status. */
  error: string | null;
};

// alert_status is text: its order (as messages' enum: sent < delivered < read < played < failed)
// is spelled out here. Unknown or empty ranks 0, so any status advances it.
const rank = (value: unknown) =>
  sql`coalesce(array_position(array['sent','delivered','read','played','failed'], ${value}), 0)`;

/**
 * What WhatsApp reported about the alert sent to an escalation contact: the alert's id (kept once
 * known), its latest status (monotonic; failed is terminal, with Meta's words in notify_error), and
 * when it was first delivered. Only an escalation of this workspace is touched.
 */
export async function applyAlertStatus(
  db: Db,
  p: { workspaceId: string; escalationId: string; update: AlertStatus },
): Promise<boolean> {
  const s = p.update;
  const advance = sql`${rank(escalations.alertStatus)} < ${rank(sql`${s.status}::text`)}`;
  const reached = s.status === "delivered" || s.status === "read" || s.status === "played";
  const at = sql`${s.at.toISOString()}::timestamptz`;
  const updated = await db
    .update(escalations)
    .set({
      alertWaMessageId: sql`coalesce(${escalations.alertWaMessageId}, ${s.waMessageId})`,
      alertStatus: sql`case when ${advance} then ${s.status} else ${escalations.alertStatus} end`,
      alertStatusAt: sql`case when ${advance} then ${at} else ${escalations.alertStatusAt} end`,
      ...(reached && {
        // A failed alert stays undelivered whatever arrives after.
        whatsappNotifiedAt: sql`case when ${escalations.alertStatus} is distinct from 'failed'
          then coalesce(${escalations.whatsappNotifiedAt}, ${at}) else ${escalations.whatsappNotifiedAt} end`,
      }),
      ...(s.status === "failed" && {
        notifyError: sql`case when ${advance} then ${s.error} else ${escalations.notifyError} end`,
      }),
    })
    .where(and(eq(escalations.id, p.escalationId), eq(escalations.workspaceId, p.workspaceId)))
    .returning({ id: escalations.id, conversationId: escalations.conversationId });
  const [row] = updated;
  // The conversation's header shows how the alert went.
  if (row) await notifyLive(db, [{ w: p.workspaceId, c: row.conversationId, k: "status" }]);
  return updated.length > 0;
}
