import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { conversationEvents, escalations, type handoffReasonEnum } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type HandoffReason = (typeof handoffReasonEnum.enumValues)[number];

export type HandoffFigures = {
  /** Hand-offs from the bot to a person (escalations) raised in the range. */
  count: number;
  /**
   * Of those, the ones whose alert reached the escalation contact: WhatsApp reported the alert
   * delivered (status webhook), or the e-mail was handed to the mail server. An alert WhatsApp
   * only accepted is not counted.
   */
  notified: number;
  notifiedByWhatsapp: number;
  notifiedByEmail: number;
  /** An alert was not sent, or WhatsApp reported it failed. */
  notifyFailed: number;
};

export type Handoffs = HandoffFigures & {
  /** Every reason, in the order the schema declares them, zeros included. */
  byReason: (HandoffFigures & { reason: HandoffReason })[];
  /** Conversations a person took over from the bot in the inbox (each once, however often). */
  takenOver: number;
};

const FIGURES = sql`
  count(e.id) as count,
  count(e.id) filter (where e.whatsapp_notified_at is not null or e.email_notified_at is not null) as notified,
  count(e.id) filter (where e.whatsapp_notified_at is not null) as notified_by_whatsapp,
  count(e.id) filter (where e.email_notified_at is not null) as notified_by_email,
  count(e.id) filter (where e.notify_error is not null) as notify_failed`;

const toFigures = (r: Record<string, unknown>): HandoffFigures => ({
  count: num(r.count),
  notified: num(r.notified),
  notifiedByWhatsapp: num(r.notified_by_whatsapp),
  notifiedByEmail: num(r.notified_by_email),
  notifyFailed: num(r.notify_failed),
});

/** Hand-offs to people in the range: by reason, how the escalation contact was told, take-overs. */
export async function handoffs(db: Db, p: AnalyticsRange): Promise<Handoffs> {
  const rows = await analyticsRows(
    db,
    sql`select r.reason::text as reason, array_position(enum_range(null::handoff_reason), r.reason) as position,
               ${FIGURES},
               (select count(distinct ev.conversation_id) from ${conversationEvents} ev
                 where ev.workspace_id = ${p.workspaceId} and ${inRange(sql`ev.created_at`, p)}
                   and ev.kind = 'took_over') as taken_over
          from unnest(enum_range(null::handoff_reason)) r(reason)
          left join ${escalations} e on e.reason = r.reason and e.workspace_id = ${p.workspaceId}
                                    and ${inRange(sql`e.created_at`, p)}
         group by grouping sets ((r.reason), ())
         order by position nulls first`,
  );
  const [total, ...byReason] = rows;
  return {
    ...toFigures(total ?? {}),
    byReason: byReason.map((r) => ({ reason: String(r.reason) as HandoffReason, ...toFigures(r) })),
    takenOver: num(total?.taken_over),
  };
}
