import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type DeliveryFunnel = {
  /** Every outbound message of the range. */
  outbound: number;
  /** Not yet handed to WhatsApp (queued or being sent). */
  pending: number;
  /** Accepted by WhatsApp, whatever happened next. */
  sent: number;
  /** Reached the phone: now delivered, read or played. */
  delivered: number;
  /** Read, or for voice messages played. */
  read: number;
  /** Refused by WhatsApp when sent, or reported failed after it accepted them. */
  failed: number;
  /** Failed messages by Meta's error code (null when none was given), most frequent first. */
  failures: { errorCode: number | null; count: number }[];
};

// Statuses only move forward (sent < delivered < read < played; failed ends it), so a message
// now read was delivered and sent before. A failed message WhatsApp had accepted has its
// WhatsApp id and counts as sent too; one refused when sending has none. Only outbound messages
// can fail, so the failures are read from their partial index without a direction check.
/** How far the range's outbound messages got, and the error codes of those that failed. */
export async function deliveryFunnel(db: Db, p: AnalyticsRange): Promise<DeliveryFunnel> {
  const rows = await analyticsRows(
    db,
    sql`with stages as (
          select count(*) as outbound,
                 count(*) filter (where m.status = 'pending') as pending,
                 count(*) filter (where m.status in ('sent', 'delivered', 'read', 'played')) as sent,
                 count(*) filter (where m.status in ('delivered', 'read', 'played')) as delivered,
                 count(*) filter (where m.status in ('read', 'played')) as read
            from ${messages} m
           where m.workspace_id = ${p.workspaceId} and ${inRange(sql`m.created_at`, p)}
             and m.direction = 'outbound'
        ), failed as (
          select m.error_code, count(*) as count,
                 count(*) filter (where m.wa_message_id is not null) as accepted
            from ${messages} m
           where m.workspace_id = ${p.workspaceId} and ${inRange(sql`m.created_at`, p)}
             and m.status = 'failed'
           group by m.error_code
        )
        select 'stages' as kind, null::int as error_code, s.outbound, s.pending,
               s.sent + coalesce(f.accepted, 0) as sent, s.delivered, s.read,
               coalesce(f.count, 0) as failed
          from stages s,
               (select sum(count) as count, sum(accepted) as accepted from failed) f
        union all
        select 'failure', error_code, null, null, null, null, null, count
          from failed
        order by kind desc, failed desc, error_code nulls last`,
  );
  const stages = rows.find((r) => r.kind === "stages") ?? {};
  return {
    outbound: num(stages.outbound),
    pending: num(stages.pending),
    sent: num(stages.sent),
    delivered: num(stages.delivered),
    read: num(stages.read),
    failed: num(stages.failed),
    failures: rows
      .filter((r) => r.kind === "failure")
      .map((r) => ({
        errorCode: r.error_code === null ? null : num(r.error_code),
        count: num(r.failed),
      })),
  };
}
