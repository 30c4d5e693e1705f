import { and, eq, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { OutboundMediaKind } from "@/lib/media/outbound-media";
import type { Db } from "../client";
import {
  channels,
  contacts,
  conversationEvents,
  conversations,
  memberships,
  messages,
} from "../schema";
import type { MessageMedia } from "../schema/conversations";
import { personHasIt } from "./conversation-state";
import { notifyLive } from "./live";

export type ConversationRef = { workspaceId: string; conversationId: string };
export type ByUser = ConversationRef & { userId: string };
export type EventKind = (typeof conversationEvents.$inferInsert)["kind"];

const WINDOW = sql`interval '24 hours'`;

const target = (p: ConversationRef) =>
  and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId));

export async function recordEvent(
  db: Db,
  p: ConversationRef & { kind: EventKind; actorId: string | null; body?: string | null },
) {
  await db.insert(conversationEvents).values({
    workspaceId: p.workspaceId,
    conversationId: p.conversationId,
    kind: p.kind,
    actorId: p.actorId,
    body: p.body ?? null,
  });
  // Every open inbox of the workspace hears of it when the transaction commits.
  await notifyLive(db, [
    {
      w: p.workspaceId,
      c: p.conversationId,
      k: p.kind === "assigned" ? "assigned" : "conversation",
      a: p.kind === "assigned" ? (p.body ?? null) : null,
      by: p.actorId,
    },
  ]);
}

/**
 * Changes a conversation when `when` holds and records the team's action in its timeline.
 * "changed" is false when the conversation was already in that state (nothing recorded);
 * null when it is not in the workspace.
 */
export async function transition(
  db: Db,
  p: ByUser & {
    set: PgUpdateSetSource<typeof conversations>;
    when: SQL;
    kind: EventKind;
    body?: string | null;
  },
): Promise<{ changed: boolean } | null> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(conversations)
      .set(p.set)
      .where(and(target(p), p.when))
      .returning({ id: conversations.id });
    if (updated.length === 0) {
      const [exists] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(target(p));
      return exists ? { changed: false } : null;
    }
    await recordEvent(tx, { ...p, actorId: p.userId });
    return { changed: true };
  });
}

/** A person answers from now on: the bot stops in this conversation, and it is theirs if no one's. */
export function takeOver(db: Db, p: ByUser) {
  return transition(db, {
    ...p,
    kind: "took_over",
    set: {
      status: "human",
      needsHuman: false,
      assigneeId: sql`coalesce(${conversations.assigneeId}, ${p.userId})`,
    },
    when: sql`not ${personHasIt}`,
  });
}

/** The bot answers the customer's next messages again. */
export function handBack(db: Db, p: ByUser) {
  return transition(db, {
    ...p,
    kind: "handed_back",
    set: { status: "bot", needsHuman: false, handoffReason: null },
    when: eq(conversations.status, "human"),
  });
}

/** Done: out of the working tabs until the customer writes again, which reopens it for the bot. */
export function closeConversation(db: Db, p: ByUser) {
  return transition(db, {
    ...p,
    kind: "closed",
    set: { status: "closed", needsHuman: false, unreadCount: 0 },
    when: ne(conversations.status, "closed"),
  });
}

/** Back in the working tabs, with the bot answering, as when the customer writes again. */
export function reopenConversation(db: Db, p: ByUser) {
  return transition(db, {
    ...p,
    kind: "reopened",
    set: { status: "bot" },
    when: eq(conversations.status, "closed"),
  });
}

/**
 * Gives the conversation to a member of the workspace (or to no one). "not_member" when the
 * assignee is not in the workspace.
 */
export async function assignConversation(
  db: Db,
  p: ByUser & { assigneeId: string | null },
): Promise<{ changed: boolean } | null | "not_member"> {
  if (p.assigneeId) {
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, p.workspaceId), eq(memberships.userId, p.assigneeId)));
    if (!member) return "not_member";
  }
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(conversations)
      .set({ assigneeId: p.assigneeId })
      .where(
        and(
          target(p),
          p.assigneeId
            ? sql`${conversations.assigneeId} is distinct from ${p.assigneeId}`
            : sql`${conversations.assigneeId} is not null`,
        ),
      )
      .returning({ id: conversations.id });
    if (updated.length === 0) {
      const [exists] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(target(p));
      return exists ? { changed: false } : null;
    }
    await recordEvent(tx, {
      ...p,
      kind: p.assigneeId ? "assigned" : "unassigned",
      actorId: p.userId,
      body: p.assigneeId,
    });
    return { changed: true };
  });
}

export async function markConversationRead(db: Db, p: ConversationRef): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ unreadCount: 0, readAt: sql`now()` })
    .where(target(p))
    .returning({ id: conversations.id });
  if (rows.length > 0) await notifyLive(db, [{ w: p.workspaceId, c: p.conversationId, k: "read" }]);
  return rows.length > 0;
}

export async function addNote(db: Db, p: ByUser & { body: string }): Promise<string | null> {
  const [exists] = await db.select({ id: conversations.id }).from(conversations).where(target(p));
  if (!exists) return null;
  const [row] = await db
    .insert(conversationEvents)
    .values({
      workspaceId: p.workspaceId,
      conversationId: p.conversationId,
      kind: "note",
      actorId: p.userId,
      body: p.body,
    })
    .returning({ id: conversationEvents.id });
  if (row) {
    await notifyLive(db, [{ w: p.workspaceId, c: p.conversationId, k: "note", by: p.userId }]);
  }
  return row?.id ?? null;
}

export type QueuedReply = ConversationRef & {
  /** The member who sends it; null for a send through the API. */
  userId: string | null;
  /** Chosen by the composer once per message, so a double submit queues one reply. */
  clientId: string;
  /**
   * Whether the conversation becomes a person's (the bot stops): a member's reply does (the
   * default), a send through the API leaves the bot answering the customer's reply.
   */
  takeOver?: boolean;
  /** Refuses a customer who sent STOP (a message the business starts, not a reply). */
  refuseOptedOut?: boolean;
  type: "text" | "template" | OutboundMediaKind;
  /** The text, the template as the customer reads it, or a file's caption (null without one). */
  text: string | null;
  payload: Record<string, unknown> | null;
  /** A file uploaded to WhatsApp for this reply: its media id, type, name and caption. */
  media?: MessageMedia;
};

export type QueueOutcome =
  | { state: "queued"; messageId: string; channelId: string; tookOver: boolean }
  | { state: "not_found" }
  | { state: "window_closed" }
  | { state: "opted_out" };

/**
 * Queues a person's reply: the conversation becomes theirs (the bot stops; it is reopened if
 * closed) and the reply row is stored pending, for the job to send. A free-form text needs the
 * customer's 24-hour window open, checked on the locked row; a template is always allowed.
 */
export async function queueReply(db: Db, p: QueuedReply): Promise<QueueOutcome> {
  return db.transaction(async (tx) => {
    const [conv] = await tx
      .select({
        channelId: conversations.channelId,
        personHasIt,
        windowOpen: sql<boolean>`coalesce(${conversations.lastInboundAt} > now() - ${WINDOW}, false)`,
        optedOut: sql<boolean>`(select ${contacts.optedOut} from ${contacts} where ${contacts.id} = ${conversations.contactId})`,
      })
      .from(conversations)
      .where(target(p))
      .for("update");
    if (!conv) return { state: "not_found" };
    if (p.refuseOptedOut && conv.optedOut) return { state: "opted_out" };
    // Free-form text and files need the customer's window; only a template goes outside it.
    if (p.type !== "template" && !conv.windowOpen) return { state: "window_closed" };
    // Scoped to the conversation, so an id reused elsewhere can never reach another's reply.
    const replyKey = `manual:${p.conversationId}:${p.clientId}`;
    const inserted = await tx
      .insert(messages)
      .values({
        workspaceId: p.workspaceId,
        conversationId: p.conversationId,
        channelId: conv.channelId,
        direction: "outbound",
        type: p.type,
        text: p.text,
        payload: p.payload,
        media: p.media ?? null,
        status: "pending",
        source: "human",
        sentBy: p.userId,
        replyKey,
        queueState: "pending",
      })
      .onConflictDoNothing({ target: messages.replyKey })
      .returning({ id: messages.id });
    const tookOver = (p.takeOver ?? true) && !conv.personHasIt;
    if (inserted[0] && tookOver) {
      await tx
        .update(conversations)
        .set({
          status: "human",
          needsHuman: false,
          assigneeId: sql`coalesce(${conversations.assigneeId}, ${p.userId})`,
        })
        .where(target(p));
      await recordEvent(tx, { ...p, kind: "took_over", actorId: p.userId });
    }
    if (inserted[0]) {
      await notifyLive(tx, [
        { w: p.workspaceId, c: p.conversationId, k: "outbound", by: p.userId },
      ]);
    }
    const [row] = inserted.length
      ? inserted
      : await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.replyKey, replyKey), eq(messages.workspaceId, p.workspaceId)));
    if (!row) throw new Error(`Reply ${replyKey} was neither created nor found`);
    return {
      state: "queued",
      messageId: row.id,
      channelId: conv.channelId,
      tookOver: Boolean(inserted[0]) && tookOver,
    };
  });
}

/** A queued message (a person's reply, a rating request) and what sending it needs; null when none. */
export async function loadQueuedReply(db: Db, p: { workspaceId: string; messageId: string }) {
  const [row] = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      type: messages.type,
      text: messages.text,
      payload: messages.payload,
      media: messages.media,
      status: messages.status,
      waMessageId: messages.waMessageId,
      sendingAt: messages.sendingAt,
      // The phone, else the business-scoped user id of a customer who shares no phone.
      to: sql<string | null>`coalesce(${contacts.waId}, ${contacts.businessScopedUserId})`,
      channelId: channels.id,
      phoneNumberId: channels.phoneNumberId,
      accessTokenEncrypted: channels.accessTokenEncrypted,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(
      and(
        eq(messages.id, p.messageId),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.direction, "outbound"),
        // People's replies, and the rating request sent when a person closes a conversation.
        or(eq(messages.source, "human"), eq(messages.replyKind, "csat")),
      ),
    );
  return row ?? null;
}

/** People's replies still queued (as after a crash), for the in-process sweep. */
export async function listStaleQueuedReplies(db: Db, p: { olderThan: Date; limit: number }) {
  return db
    .select({
      workspaceId: messages.workspaceId,
      conversationId: messages.conversationId,
      channelId: messages.channelId,
      messageId: messages.id,
    })
    .from(messages)
    .where(
      and(
        eq(messages.queueState, "pending"),
        eq(messages.direction, "outbound"),
        lt(messages.createdAt, p.olderThan),
      ),
    )
    .orderBy(messages.createdAt, messages.seq)
    .limit(p.limit);
}
