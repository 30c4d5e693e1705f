import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { conversations } from "../../schema";
import { type AnalyticsRange, dayText, num, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type ConversationsStartedDay = { day: string; started: number };

/**
 * New conversations per local day. A conversation is the one thread of a contact with a number,
 * reopened whenever the contact writes again, so this counts contacts writing to a number for
 * the first time.
 */
export async function conversationsStarted(
  db: Db,
  p: AnalyticsRange,
): Promise<ConversationsStartedDay[]> {
  const rows = await analyticsRows(
    db,
    sql`select ${dayText(sql`d.day`)} as day, s.started
          from (${rangeDays(p)}) d
         cross join lateral (
           select count(*) as started
             from ${conversations} c
            where c.workspace_id = ${p.workspaceId}
              and c.created_at >= d.starts_at and c.created_at < d.ends_at
         ) s
         order by d.day`,
  );
  return rows.map((r) => ({ day: String(r.day), started: num(r.started) }));
}
