import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contacts, conversations } from "../schema";

/** Position in a timestamp-ordered list: the exact timestamp as PostgreSQL prints it, and the tiebreak (an id or sequence). */
export type Position = {
  at: string;
  id: string;
  /** Lists ordered by priority first: the last row's priority. */
  p?: "none" | "low" | "medium" | "high" | "urgent";
};

type ListConversationsParams = { workspaceId: string; after?: Position; limit: number };

// Newest first; keyset pagination on (last_message_at, id) served by the matching index.
export async function listConversations(db: Db, params: ListConversationsParams) {
  const { workspaceId, after, limit } = params;
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
      position: sql<string>`${conversations.lastMessageAt}::text`,
      contactWaId: contacts.waId,
      contactName: contacts.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        after
          ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { at: last.position, id: last.id } : null,
  };
}

export async function getConversation(db: Db, params: { workspaceId: string; id: string }) {
  const [row] = await db
    .select({ id: conversations.id, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.id, params.id), eq(conversations.workspaceId, params.workspaceId)));
  return row ?? null;
}
