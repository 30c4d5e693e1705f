import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { messages } from "../schema";
import type { Position } from "./conversations";

type ListMessagesParams = {
  workspaceId: string;
  conversationId: string;
  after?: Position;
  limit: number;
};

// Oldest first within one conversation, keyset-paginated on (created_at, id).
export async function listMessages(db: Db, params: ListMessagesParams) {
  const { workspaceId, conversationId, after, limit } = params;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      type: messages.type,
      text: messages.text,
      status: messages.status,
      source: messages.source,
      waMessageId: messages.waMessageId,
      createdAt: messages.createdAt,
      position: sql<string>`${messages.createdAt}::text`,
      seq: messages.seq,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        after
          ? sql`(${messages.createdAt}, ${messages.seq}) > (${after.at}::timestamptz, ${after.id}::bigint)`
          : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { at: last.position, id: String(last.seq) } : null,
  };
}

export type NewMessage = typeof messages.$inferInsert;

// Idempotent on (channel, WhatsApp message id): returns null when the message was stored before.
export async function insertMessage(db: Db, message: NewMessage) {
  const [row] = await db
    .insert(messages)
    .values(message)
    .onConflictDoNothing({ target: [messages.channelId, messages.waMessageId] })
    .returning({ id: messages.id });
  return row ?? null;
}
