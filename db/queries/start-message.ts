import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { channels, contacts, conversations, messages } from "../schema";

/** A contact as a new message needs it: who it is and whether it may be written to. */
export async function findMessageContact(
  db: Db,
  p: { workspaceId: string } & ({ id: string } | { waId: string }),
) {
  const [row] = await db
    .select({
      id: contacts.id,
      waId: contacts.waId,
      name: contacts.name,
      optedOut: contacts.optedOut,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, p.workspaceId),
        "id" in p ? eq(contacts.id, p.id) : eq(contacts.waId, p.waId),
      ),
    );
  return row ?? null;
}

/**
 * The workspace's connected numbers, oldest first, each with the contact's conversation on it
 * (if any) and when that conversation last had a message.
 */
export async function listSendingChannels(
  db: Db,
  p: { workspaceId: string; contactId: string | null },
) {
  return db
    .select({
      id: channels.id,
      displayPhoneNumber: channels.displayPhoneNumber,
      conversationId: conversations.id,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(channels)
    .leftJoin(
      conversations,
      and(
        eq(conversations.channelId, channels.id),
        p.contactId ? eq(conversations.contactId, p.contactId) : sql`false`,
      ),
    )
    .where(
      and(
        eq(channels.workspaceId, p.workspaceId),
        eq(channels.status, "connected"),
        sql`${channels.accessTokenEncrypted} is not null`,
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

/** How many messages wait in the number's send queue, counted up to `cap`. */
export async function countQueuedSends(db: Db, p: { channelId: string; cap: number }) {
  const waiting = db
    .select({ one: sql`1` })
    .from(messages)
    .where(
      and(
        eq(messages.queueState, "pending"),
        eq(messages.channelId, p.channelId),
        eq(messages.direction, "outbound"),
      ),
    )
    .limit(p.cap)
    .as("waiting");
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(waiting);
  return row?.count ?? 0;
}

/** An outbound message as the API answers a send with it. */
export async function getSentMessage(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      contactId: conversations.contactId,
      direction: messages.direction,
      type: messages.type,
      text: messages.text,
      status: messages.status,
      source: messages.source,
      waMessageId: messages.waMessageId,
      errorCode: messages.errorCode,
      errorDetails: messages.errorDetails,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, p.id), eq(messages.workspaceId, p.workspaceId)));
  return row ?? null;
}
