import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, dayText, num, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type MessageVolumeDay = { day: string; inbound: number; outbound: number };

/**
 * Messages received and sent per local day. Sent counts every outbound message the business
 * wrote, delivered or not: the delivery funnel tells those apart.
 */
export async function messageVolume(db: Db, p: AnalyticsRange): Promise<MessageVolumeDay[]> {
  const rows = await analyticsRows(
    db,
    sql`select ${dayText(sql`d.day`)} as day, v.inbound, v.outbound
          from (${rangeDays(p)}) d
         cross join lateral (
           select count(*) filter (where m.direction = 'inbound') as inbound,
                  count(*) filter (where m.direction = 'outbound') as outbound
             from ${messages} m
            where m.workspace_id = ${p.workspaceId}
              and m.created_at >= d.starts_at and m.created_at < d.ends_at
         ) v
         order by d.day`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    inbound: num(r.inbound),
    outbound: num(r.outbound),
  }));
}
