import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contacts, conversations, messages } from "../schema";

/** The latest conversations with their last message, for a workspace's overview page. */
export async function listRecentConversations(db: Db, p: { workspaceId: string; limit: number }) {
  const last = db
    .select({ text: messages.text, type: messages.type, direction: messages.direction })
    .from(messages)
    .where(
      and(eq(messages.workspaceId, p.workspaceId), eq(messages.conversationId, conversations.id)),
    )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(1)
    .as("last");
  return db
    .select({
      id: conversations.id,
      lastMessageAt: conversations.lastMessageAt,
      needsHuman: conversations.needsHuman,
      contactName: contacts.name,
      contactWaId: contacts.waId,
      lastText: last.text,
      lastType: last.type,
      lastDirection: last.direction,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoinLateral(last, sql`true`)
    .where(eq(conversations.workspaceId, p.workspaceId))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(p.limit);
}

export async function countMessagesSince(db: Db, p: { workspaceId: string; since: Date }) {
  const rows = await db
    .select({ direction: messages.direction, n: count() })
    .from(messages)
    .where(and(eq(messages.workspaceId, p.workspaceId), gte(messages.createdAt, p.since)))
    .groupBy(messages.direction);
  return {
    inbound: rows.find((r) => r.direction === "inbound")?.n ?? 0,
    outbound: rows.find((r) => r.direction === "outbound")?.n ?? 0,
  };
}
