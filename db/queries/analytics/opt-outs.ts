import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { contacts } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

/**
 * Contacts who opted out (STOP) in the range. Opting back in clears the time, so a contact who
 * came back is not counted: this is the loss the range left behind.
 */
export async function optOuts(db: Db, p: AnalyticsRange): Promise<{ optedOut: number }> {
  const [row] = await analyticsRows(
    db,
    sql`select count(*) as opted_out
          from ${contacts} c
         where c.workspace_id = ${p.workspaceId} and ${inRange(sql`c.opted_out_at`, p)}
           and c.opted_out`,
  );
  return { optedOut: num(row?.opted_out) };
}
