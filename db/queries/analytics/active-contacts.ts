import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { channels, conversations, messages } from "../../schema";
import { type AnalyticsRange, dayText, inRange, num, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type ActiveContacts = {
  days: { day: string; contacts: number }[];
  /** Over the whole range: a contact who wrote on several days counts once. */
  total: number;
};

/** Contacts who wrote at least one message, per local day and over the range. */
export async function activeContacts(db: Db, p: AnalyticsRange): Promise<ActiveContacts> {
  // Counting conversations needs nothing but the index. A contact has one conversation per
  // number, so only in a workspace with several numbers can a contact have more: their extra
  // conversations are taken off, and the conversations table is read only there.
  const range = sql`m.workspace_id = ${p.workspaceId} and m.direction = 'inbound'`;
  const rows = await analyticsRows(
    db,
    sql`with days as (${rangeDays(p)}),
        shared as (
          select c.id, c.contact_id
            from ${conversations} c
           where (select count(*) from ${channels} ch where ch.workspace_id = ${p.workspaceId}) > 1
             and c.workspace_id = ${p.workspaceId}
             and c.contact_id in (select contact_id from ${conversations}
                                   where workspace_id = ${p.workspaceId}
                                   group by contact_id having count(*) > 1)
        ), daily as (
          select d.day, w.conversations
            from days d
           cross join lateral (
             select count(distinct m.conversation_id) as conversations
               from ${messages} m
              where ${range} and m.created_at >= d.starts_at and m.created_at < d.ends_at
           ) w
        ), repeats as materialized (
          select distinct d.day, m.conversation_id, s.contact_id
            from shared s
            join ${messages} m on m.conversation_id = s.id
            join days d on m.created_at >= d.starts_at and m.created_at < d.ends_at
           where ${range} and ${inRange(sql`m.created_at`, p)}
        ), extra as (
          select day, count(*) - count(distinct contact_id) as extra from repeats group by day
        )
        select ${dayText(sql`d.day`)} as day, d.conversations - coalesce(e.extra, 0) as contacts
          from daily d left join extra e on e.day = d.day
        union all
        select null,
               (select count(*) from (select distinct m.conversation_id
                                        from ${messages} m
                                       where ${range} and ${inRange(sql`m.created_at`, p)}) everyone)
               - (select count(distinct conversation_id) - count(distinct contact_id) from repeats)
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
