import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { conversationEvents } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

/**
 * Opt-outs (STOP) and opt-ins (START) that happened in the range, each one counted: a customer
 * who sent STOP and then START is one opt-out and one opt-in.
 */
export async function optOuts(
  db: Db,
  p: AnalyticsRange,
): Promise<{ optedOut: number; optedIn: number }> {
  const [row] = await analyticsRows(
    db,
    sql`select count(*) filter (where ev.kind = 'opted_out') as opted_out,
               count(*) filter (where ev.kind = 'opted_in') as opted_in
          from ${conversationEvents} ev
         where ev.workspace_id = ${p.workspaceId} and ev.kind in ('opted_out', 'opted_in')
           and ${inRange(sql`ev.created_at`, p)}`,
  );
  return { optedOut: num(row?.opted_out), optedIn: num(row?.opted_in) };
}
