import { and, type Column, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  channels,
  contacts,
  conversationEvents,
  conversations,
  messages,
  sandboxMessages,
} from "../schema";
import { notifyLive } from "./live";

// The sandbox's clock for one chat: it moves the chat into the past on Meta's side and in the
// app, so the 24-hour reply window can be seen closing without waiting a day. Like the other
// sandbox queries it finds the conversation across workspaces, by business number and customer;
// only sandbox routes (404 outside the sandbox) call it.

const earlier = (column: Column, hours: number) =>
  sql`${column} - make_interval(hours => ${hours}::int)`;

export type SkippedChat = {
  sandboxMessages: number;
  /** Whether the app holds a conversation for this number and customer. */
  conversation: boolean;
  messages: number;
  events: number;
};

/**
 * Shifts every timestamp of one chat by the same interval, in one transaction: the sandbox's
 * messages (so the emulator refuses free-form sends with 131047), and the app's conversation with
 * its messages and timeline (so the app sees its window closed). Contacts and every other chat
 * are left as they are.
 */
export async function skipChatTime(
  db: Db,
  p: { phoneNumberId: string; customer: string; hours: number },
): Promise<SkippedChat> {
  return db.transaction(async (tx) => {
    const sandboxRows = await tx
      .update(sandboxMessages)
      .set({
        createdAt: earlier(sandboxMessages.createdAt, p.hours),
        statusAt: earlier(sandboxMessages.statusAt, p.hours),
      })
      .where(
        and(
          eq(sandboxMessages.phoneNumberId, p.phoneNumberId),
          eq(sandboxMessages.customer, p.customer),
        ),
      )
      .returning({ id: sandboxMessages.id });

    const [conversation] = await tx
      .select({ id: conversations.id, workspaceId: conversations.workspaceId })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(
        and(
          eq(channels.phoneNumberId, p.phoneNumberId),
          eq(contacts.waId, p.customer),
          eq(contacts.workspaceId, conversations.workspaceId),
        ),
      )
      .for("update", { of: conversations });
    if (!conversation) {
      return { sandboxMessages: sandboxRows.length, conversation: false, messages: 0, events: 0 };
    }

    const { id, workspaceId } = conversation;
    await tx
      .update(conversations)
      .set({
        lastInboundAt: earlier(conversations.lastInboundAt, p.hours),
        lastMessageAt: earlier(conversations.lastMessageAt, p.hours),
        handoffAt: earlier(conversations.handoffAt, p.hours),
        awayNoticeUntil: earlier(conversations.awayNoticeUntil, p.hours),
        unsupportedNoticeAt: earlier(conversations.unsupportedNoticeAt, p.hours),
        rateLimitNoticeAt: earlier(conversations.rateLimitNoticeAt, p.hours),
        readAt: earlier(conversations.readAt, p.hours),
        remindedAt: earlier(conversations.remindedAt, p.hours),
      })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    const messageRows = await tx
      .update(messages)
      .set({
        createdAt: earlier(messages.createdAt, p.hours),
        statusAt: earlier(messages.statusAt, p.hours),
      })
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, id)))
      .returning({ id: messages.id });
    const eventRows = await tx
      .update(conversationEvents)
      .set({ createdAt: earlier(conversationEvents.createdAt, p.hours) })
      .where(
        and(
          eq(conversationEvents.workspaceId, workspaceId),
          eq(conversationEvents.conversationId, id),
        ),
      )
      .returning({ id: conversationEvents.id });
    // Open inboxes see the window closed at once.
    await notifyLive(tx, [{ w: workspaceId, c: id, k: "conversation" }]);
    return {
      sandboxMessages: sandboxRows.length,
      conversation: true,
      messages: messageRows.length,
      events: eventRows.length,
    };
  });
}
