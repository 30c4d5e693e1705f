import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Language } from "@/lib/bot/languages";
import { ratingInteractive } from "@/lib/csat/rating-buttons";
import type { Db } from "../client";
import { contacts, conversationEvents, conversations, csatRequests, messages } from "../schema";
import { recordEvent } from "./inbox-actions";

export type SkipReason = NonNullable<(typeof csatRequests.$inferSelect)["skipReason"]>;

export type RatingRequest =
  | { state: "queued"; requestId: string; messageId: string; channelId: string }
  | { state: "not_sent"; requestId: string; reason: SkipReason }
  /** The close was not found (reopened meanwhile) or already asked and answered for. */
  | { state: "none" };

const WINDOW = sql`interval '24 hours'`;

/** The customer's last few texts in a conversation, newest first: what tells their language. */
export async function recentCustomerTexts(
  db: Db,
  p: { workspaceId: string; conversationId: string },
): Promise<string[]> {
  const rows = await db
    .select({ text: messages.text })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.conversationId, p.conversationId),
        eq(messages.direction, "inbound"),
        isNotNull(messages.text),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(5);
  return rows.flatMap((r) => (r.text ? [r.text] : []));
}

/**
 * Asks the customer to rate the conversation a person has just closed: one request per close (the
 * close's event is the key, so a repeated close or a retry finds the first request and sends
 * nothing new), queued as an outbound message for the send job while the customer's 24-hour
 * window is open; otherwise the reason is recorded, on the request and in the thread.
 */
export async function requestRating(
  db: Db,
  p: {
    workspaceId: string;
    conversationId: string;
    closedBy: string;
    question: string;
    language?: Language;
  },
): Promise<RatingRequest> {
  return db.transaction(async (tx) => {
    const [conv] = await tx
      .select({
        status: conversations.status,
        channelId: conversations.channelId,
        assigneeId: conversations.assigneeId,
        windowOpen: sql<boolean>`coalesce(${conversations.lastInboundAt} > now() - ${WINDOW}, false)`,
        optedOut: contacts.optedOut,
        reachable: sql<boolean>`(${contacts.waId} is not null or ${contacts.businessScopedUserId} is not null)`,
      })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(
        and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
      )
      .for("update", { of: conversations });
    if (conv?.status !== "closed") return { state: "none" };
    const [close] = await tx
      .select({ id: conversationEvents.id })
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.workspaceId, p.workspaceId),
          eq(conversationEvents.conversationId, p.conversationId),
          eq(conversationEvents.kind, "closed"),
        ),
      )
      .orderBy(desc(conversationEvents.createdAt))
      .limit(1);
    if (!close) return { state: "none" };
    const reason: SkipReason | null = !conv.reachable
      ? "unreachable"
      : conv.optedOut
        ? "opted_out"
        : conv.windowOpen
          ? null
          : "window_closed";
    const [created] = await tx
      .insert(csatRequests)
      .values({
        workspaceId: p.workspaceId,
        conversationId: p.conversationId,
        closeEventId: close.id,
        closedBy: p.closedBy,
        agentId: conv.assigneeId ?? p.closedBy,
        skipReason: reason,
      })
      .onConflictDoNothing({ target: csatRequests.closeEventId })
      .returning({ id: csatRequests.id });
    if (!created) return pendingRequest(tx, p.workspaceId, close.id, conv.channelId);
    if (reason) {
      await recordEvent(tx, { ...p, kind: "rating_not_sent", actorId: null, body: reason });
      return { state: "not_sent", requestId: created.id, reason };
    }
    const interactive = ratingInteractive(created.id, p.question, p.language);
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: p.workspaceId,
        conversationId: p.conversationId,
        channelId: conv.channelId,
        direction: "outbound",
        type: "interactive",
        text: p.question,
        payload: { interactive },
        status: "pending",
        source: "system",
        replyKind: "csat",
        replyKey: `csat:${created.id}`,
        queueState: "pending",
      })
      .returning({ id: messages.id });
    if (!message) throw new Error(`Rating request ${created.id} was not stored`);
    await tx
      .update(csatRequests)
      .set({ messageId: message.id })
      .where(and(eq(csatRequests.id, created.id), eq(csatRequests.workspaceId, p.workspaceId)));
    return {
      state: "queued",
      requestId: created.id,
      messageId: message.id,
      channelId: conv.channelId,
    };
  });
}

/** The request of a close asked before: queued again only while its message is still unsent. */
async function pendingRequest(
  db: Db,
  workspaceId: string,
  closeEventId: string,
  channelId: string,
): Promise<RatingRequest> {
  const [row] = await db
    .select({ id: csatRequests.id, messageId: csatRequests.messageId, queue: messages.queueState })
    .from(csatRequests)
    .leftJoin(messages, eq(messages.id, csatRequests.messageId))
    .where(
      and(eq(csatRequests.closeEventId, closeEventId), eq(csatRequests.workspaceId, workspaceId)),
    );
  if (!row?.messageId || row.queue !== "pending") return { state: "none" };
  return { state: "queued", requestId: row.id, messageId: row.messageId, channelId };
}

export type RatingOutcome = "recorded" | "already_rated" | "unknown_request";

/**
 * Records the customer's tap as the rating of the request it answers, in that conversation and
 * workspace only. The first tap counts; a later one (or another button) is kept as a message but
 * changes nothing. The same tap stored again (a job run again) finds its own rating: "recorded".
 */
export async function recordRating(
  db: Db,
  p: {
    workspaceId: string;
    conversationId: string;
    requestId: string;
    score: number;
    messageId: string;
  },
): Promise<RatingOutcome> {
  return db.transaction(async (tx) => {
    const mine = and(
      eq(csatRequests.id, p.requestId),
      eq(csatRequests.workspaceId, p.workspaceId),
      eq(csatRequests.conversationId, p.conversationId),
    );
    const [rated] = await tx
      .update(csatRequests)
      .set({ score: p.score, ratedAt: sql`now()`, ratingMessageId: p.messageId })
      .where(and(mine, isNull(csatRequests.score)))
      .returning({ id: csatRequests.id });
    if (rated) {
      await recordEvent(tx, {
        workspaceId: p.workspaceId,
        conversationId: p.conversationId,
        kind: "rated",
        actorId: null,
        body: String(p.score),
      });
      return "recorded";
    }
    const [row] = await tx
      .select({ ratingMessageId: csatRequests.ratingMessageId })
      .from(csatRequests)
      .where(mine);
    if (!row) return "unknown_request";
    return row.ratingMessageId === p.messageId ? "recorded" : "already_rated";
  });
}
