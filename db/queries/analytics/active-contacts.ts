import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { conversations, messages } from "../../schema";
import { type AnalyticsRange, dayText, num, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type ActiveContacts = {
  days: { day: string; contacts: number }[];
  /** Over the whole range: a contact who wrote on several days counts once. */
  total: number;
};

/** Contacts who wrote at least one message, per local day and over the range. */
export async function activeContacts(db: Db, p: AnalyticsRange): Promise<ActiveContacts> {
  // Each day's distinct conversations first, read from the index alone: fewer rows than
  // messages to join to their contacts.
  const rows = await analyticsRows(
    db,
    sql`with days as (${rangeDays(p)}),
        wrote as materialized (
          select d.day, c.contact_id
            from days d
           cross join lateral (
             select distinct m.conversation_id
               from ${messages} m
              where m.workspace_id = ${p.workspaceId}
                and m.created_at >= d.starts_at and m.created_at < d.ends_at
                and m.direction = 'inbound'
           ) w
            join ${conversations} c on c.id = w.conversation_id and c.workspace_id = ${p.workspaceId}
        )
        select ${dayText(sql`d.day`)} as day, count(distinct w.contact_id) as contacts
          from days d left join wrote w on w.day = d.day
         group by d.day
        union all
        select null, count(distinct contact_id) from wrote
        order by day nulls last`,
  );
  const total = rows.find((r) => r.day === null);
  return {
    days: rows
      .filter((r) => r.day !== null)
      .map((r) => ({ day: String(r.day), contacts: num(r.contacts) })),
    total: num(total?.contacts),
  };
}
