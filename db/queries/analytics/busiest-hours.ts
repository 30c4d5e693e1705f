import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, num, rangeHours } from "./range";
import { analyticsRows } from "./rows";

export type HourCell = {
  /** 0 = Monday … 6 = Sunday, in the workspace's time zone. */
  weekday: number;
  /** 0 … 23, local time. */
  hour: number;
  inbound: number;
};

/** Customer messages by local weekday and hour over the range: all 168 cells, Monday 0h first. */
export async function busiestHours(db: Db, p: AnalyticsRange): Promise<HourCell[]> {
  // Each hour of the range is counted through its own index range, then hours are added up by
  // weekday and hour of day: cheaper than converting every message's time to the zone.
  const rows = await analyticsRows(
    db,
    sql`select w.weekday, h.hour, coalesce(sum(n.inbound), 0) as inbound
          from generate_series(0, 6) w(weekday)
         cross join generate_series(0, 23) h(hour)
          left join (
            select hr.weekday, hr.hour, c.inbound
              from (${rangeHours(p)}) hr
             cross join lateral (
               select count(*) as inbound
                 from ${messages} m
                where m.workspace_id = ${p.workspaceId} and m.direction = 'inbound'
                  and m.created_at >= hr.starts_at and m.created_at < hr.starts_at + interval '1 hour'
             ) c
          ) n on n.weekday = w.weekday and n.hour = h.hour
         group by w.weekday, h.hour
         order by w.weekday, h.hour`,
  );
  return rows.map((r) => ({ weekday: num(r.weekday), hour: num(r.hour), inbound: num(r.inbound) }));
}
