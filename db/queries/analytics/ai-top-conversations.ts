import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { contacts, conversations, messages } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type CostlyConversation = {
  conversationId: string;
  contactName: string | null;
  contactWaId: string | null;
  /** Estimated AI cost in the range, in millionths of a US dollar. */
  costMicros: number;
  /** AI answers in the range. */
  aiReplies: number;
  /** All messages of the conversation in the range, both ways. */
  messages: number;
};

/** The conversations whose AI answers cost the most in the range, costliest first. */
export async function topConversationsByCost(
  db: Db,
  p: AnalyticsRange & { limit: number },
): Promise<CostlyConversation[]> {
  const rows = await analyticsRows(
    db,
    sql`with top as (
          select m.conversation_id, sum(m.cost_micros) as cost_micros, count(*) as ai_replies
            from ${messages} m
           where m.workspace_id = ${p.workspaceId} and m.source = 'ai'
             and ${inRange(sql`m.created_at`, p)}
           group by m.conversation_id
          having sum(m.cost_micros) > 0
           order by cost_micros desc, m.conversation_id
           limit ${p.limit}
        )
        select t.conversation_id, ct.name, ct.wa_id, t.cost_micros, t.ai_replies,
               (select count(*) from ${messages} a
                 where a.conversation_id = t.conversation_id and a.workspace_id = ${p.workspaceId}
                   and ${inRange(sql`a.created_at`, p)}) as messages
          from top t
          join ${conversations} c on c.id = t.conversation_id and c.workspace_id = ${p.workspaceId}
          join ${contacts} ct on ct.id = c.contact_id and ct.workspace_id = ${p.workspaceId}
         order by t.cost_micros desc, t.conversation_id`,
  );
  return rows.map((r) => ({
    conversationId: String(r.conversation_id),
    contactName: r.name === null ? null : String(r.name),
    contactWaId: r.wa_id === null ? null : String(r.wa_id),
    costMicros: num(r.cost_micros),
    aiReplies: num(r.ai_replies),
    messages: num(r.messages),
  }));
}
