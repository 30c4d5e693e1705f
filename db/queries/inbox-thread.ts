import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import {
  channels,
  contacts,
  conversationEvents,
  conversationLabels,
  conversations,
  escalations,
  messages,
  users,
} from "../schema";
import { takenOverFromApp } from "./inbox";

const WINDOW_MS = 24 * 60 * 60 * 1000;

const assignee = alias(users, "assignee");

/** One conversation as the inbox's header and composer need it; null outside the workspace. */
export async function getInboxConversation(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      needsHuman: conversations.needsHuman,
      handoffReason: conversations.handoffReason,
      handoffAt: conversations.handoffAt,
      unreadCount: conversations.unreadCount,
      lastInboundAt: conversations.lastInboundAt,
      lastMessageAt: conversations.lastMessageAt,
      createdAt: conversations.createdAt,
      priority: conversations.priority,
      snoozedUntil: conversations.snoozedUntil,
      labelIds: sql<string[]>`coalesce((
        select array_agg(${conversationLabels.labelId}::text order by ${conversationLabels.createdAt})
          from ${conversationLabels} where ${conversationLabels.conversationId} = ${conversations.id}), '{}')`,
      takenOverFromApp,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
      assigneeEmail: assignee.email,
      contact: {
        id: contacts.id,
        name: contacts.name,
        waId: contacts.waId,
        optedOut: contacts.optedOut,
      },
      channel: {
        id: channels.id,
        displayPhoneNumber: channels.displayPhoneNumber,
        verifiedName: channels.verifiedName,
        status: channels.status,
        hasToken: sql<boolean>`${channels.accessTokenEncrypted} is not null`,
      },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversations.id, p.id), eq(conversations.workspaceId, p.workspaceId)));
  if (!row) return null;
  const { assigneeId, assigneeName, assigneeEmail, ...rest } = row;
  return {
    ...rest,
    assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? assigneeEmail ?? "" } : null,
    /** When free-form messages stop being allowed; null when the customer never wrote. */
    windowClosesAt: row.lastInboundAt ? new Date(row.lastInboundAt.getTime() + WINDOW_MS) : null,
  };
}

export type InboxConversation = NonNullable<Awaited<ReturnType<typeof getInboxConversation>>>;

const sender = alias(users, "sender");
const actor = alias(users, "actor");

/** Where the thread's earlier page starts: the oldest message shown (time and sequence). */
export type ThreadCursor = { at: string; seq: number };

/**
 * The latest `limit` messages of a conversation before `before` (all of them when absent), oldest
 * first, with the team's notes and actions from the same span. Reactions are messages too; the
 * inbox shows them on the message they react to.
 */
export async function listThread(
  db: Db,
  p: { workspaceId: string; conversationId: string; before?: ThreadCursor; limit: number },
) {
  const rows = await db
    .select({
      id: messages.id,
      seq: messages.seq,
      direction: messages.direction,
      type: messages.type,
      text: messages.text,
      media: messages.media,
      transcript: messages.transcript,
      payload: messages.payload,
      waMessageId: messages.waMessageId,
      contextWaMessageId: messages.contextWaMessageId,
      status: messages.status,
      errorCode: messages.errorCode,
      errorDetails: messages.errorDetails,
      source: messages.source,
      aiModel: messages.aiModel,
      promptTokens: messages.promptTokens,
      completionTokens: messages.completionTokens,
      costMicros: messages.costMicros,
      knowledge: messages.knowledge,
      fromBusinessApp: messages.fromBusinessApp,
      imported: messages.imported,
      sentById: messages.sentBy,
      sentByName: sql<string | null>`coalesce(${sender.name}, ${sender.email})`,
      createdAt: messages.createdAt,
      statusAt: messages.statusAt,
      position: sql<string>`${messages.createdAt}::text`,
    })
    .from(messages)
    .leftJoin(sender, eq(sender.id, messages.sentBy))
    .where(
      and(
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.conversationId, p.conversationId),
        p.before
          ? sql`(${messages.createdAt}, ${messages.seq}) < (${p.before.at}::timestamptz, ${p.before.seq})`
          : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit).reverse();
  const hasEarlier = rows.length > p.limit;
  const oldest = page[0];
  // The oldest message's exact time (microseconds), as the earlier page's upper bound is: a Date
  // would round it down to the millisecond and show a note of that millisecond on both pages.
  const from = hasEarlier && oldest ? oldest.position : undefined;
  const events = await db
    .select({
      id: conversationEvents.id,
      kind: conversationEvents.kind,
      body: conversationEvents.body,
      actorId: conversationEvents.actorId,
      actorName: sql<string | null>`coalesce(${actor.name}, ${actor.email})`,
      createdAt: conversationEvents.createdAt,
    })
    .from(conversationEvents)
    .leftJoin(actor, eq(actor.id, conversationEvents.actorId))
    .where(
      and(
        eq(conversationEvents.workspaceId, p.workspaceId),
        eq(conversationEvents.conversationId, p.conversationId),
        from ? sql`${conversationEvents.createdAt} >= ${from}::timestamptz` : undefined,
        p.before ? sql`${conversationEvents.createdAt} < ${p.before.at}::timestamptz` : undefined,
      ),
    )
    .orderBy(asc(conversationEvents.createdAt));
  return {
    messages: page.map(({ position: _, sentById, sentByName, ...m }) => ({
      ...m,
      sentBy: sentById ? { id: sentById, name: sentByName ?? "" } : null,
    })),
    events: events.map(({ actorId, actorName, ...e }) => ({
      ...e,
      actor: actorId ? { id: actorId, name: actorName ?? "" } : null,
    })),
    earlier: hasEarlier && oldest ? { at: oldest.position, seq: oldest.seq } : null,
  };
}

export type Thread = Awaited<ReturnType<typeof listThread>>;
export type ThreadMessage = Thread["messages"][number];
export type ThreadEvent = Thread["events"][number];

/** A message's media reference and the number it came through, for the media proxy. */
export async function getMessageMedia(db: Db, p: { workspaceId: string; messageId: string }) {
  const [row] = await db
    .select({
      type: messages.type,
      media: messages.media,
      channelId: messages.channelId,
      accessTokenEncrypted: channels.accessTokenEncrypted,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.id, p.messageId), eq(messages.workspaceId, p.workspaceId)));
  return row ?? null;
}

/**
 * What sending a file in a conversation needs before anything is stored: its number (with the
 * encrypted token) and whether the customer's 24-hour window is open. Null outside the workspace.
 */
export async function getConversationForUpload(
  db: Db,
  p: { workspaceId: string; conversationId: string },
) {
  const [row] = await db
    .select({
      channelId: channels.id,
      phoneNumberId: channels.phoneNumberId,
      channelStatus: channels.status,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      windowOpen: sql<boolean>`coalesce(${conversations.lastInboundAt} > now() - interval '24 hours', false)`,
      optedOut: contacts.optedOut,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
  return row ?? null;
}

/** The number's WABA, state and encrypted token, for listing and sending its templates. */
export async function getChannelForTemplates(
  db: Db,
  p: { workspaceId: string; channelId: string },
) {
  const [row] = await db
    .select({
      wabaId: channels.wabaId,
      status: channels.status,
      accessTokenEncrypted: channels.accessTokenEncrypted,
    })
    .from(channels)
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)));
  return row ?? null;
}

/**
 * How the latest hand-off's staff alert went: accepted by WhatsApp, delivered (from its status
 * webhook), failed, e-mailed, or why it was not sent. Null when the bot never handed it off.
 */
export async function getLatestEscalationAlert(
  db: Db,
  p: { workspaceId: string; conversationId: string },
) {
  const [row] = await db
    .select({
      createdAt: escalations.createdAt,
      alertStatus: escalations.alertStatus,
      alertSent: sql<boolean>`${escalations.alertWaMessageId} is not null`,
      whatsappDeliveredAt: escalations.whatsappNotifiedAt,
      emailedAt: escalations.emailNotifiedAt,
      error: escalations.notifyError,
    })
    .from(escalations)
    .where(
      and(
        eq(escalations.conversationId, p.conversationId),
        eq(escalations.workspaceId, p.workspaceId),
      ),
    )
    .orderBy(desc(escalations.createdAt))
    .limit(1);
  return row ?? null;
}

export type EscalationAlert = NonNullable<Awaited<ReturnType<typeof getLatestEscalationAlert>>>;
