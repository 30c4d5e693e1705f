import { sql } from "drizzle-orm";
import type { MetaMessageCount } from "@/lib/pricing/meta-cost";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

// Meta's PMP pricing says whether a message is charged by its price type; before it (CBP) only
// by `billable`, which PMP still sends but deprecates.
/** The range's outbound messages Meta priced, by category, recipient country and charge. */
export async function metaMessageCounts(db: Db, p: AnalyticsRange): Promise<MetaMessageCount[]> {
  const rows = await analyticsRows(
    db,
    sql`select m.pricing_category as category, m.pricing_country as country,
               coalesce(m.pricing_type = 'regular', m.pricing_billable, false) as charged,
               count(*) as messages
          from ${messages} m
         where m.workspace_id = ${p.workspaceId} and ${inRange(sql`m.created_at`, p)}
           and m.direction = 'outbound' and m.pricing_category is not null
         group by 1, 2, 3
         order by 1, 2, 3`,
  );
  return rows.map((r) => ({
    category: String(r.category),
    country: r.country === null ? null : String(r.country),
    charged: r.charged === true,
    messages: num(r.messages),
  }));
}
