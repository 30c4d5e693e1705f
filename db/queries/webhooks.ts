import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { channels, contacts, conversations, messages, webhookDeliveries } from "../schema";

export async function insertWebhookDelivery(db: Db, row: typeof webhookDeliveries.$inferInsert) {
  await db.insert(webhookDeliveries).values(row);
}

type Identity = {
  workspaceId: string;
  waId: string | null;
  userId: string | null;
  name: string | null;
};

// A customer may be known by phone (wa_id), by business-scoped user id, or both; whichever
// arrives first creates the contact and later messages fill in the other.
export async function upsertContactByIdentity(db: Db, who: Identity): Promise<string> {
  const { workspaceId, waId, userId, name } = who;
  const matchers = [
    waId ? eq(contacts.waId, waId) : undefined,
    userId ? eq(contacts.businessScopedUserId, userId) : undefined,
  ].filter((m) => m !== undefined);
  if (matchers.length === 0) throw new Error("A contact needs a phone or a user id");
  const found = await db
    .select({ id: contacts.id, waId: contacts.waId, userId: contacts.businessScopedUserId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql.join(matchers, sql` or `)));
  const byPhone = found.find((c) => waId && c.waId === waId);
  const byUser = found.find((c) => userId && c.userId === userId);
  const existing = byPhone ?? byUser;
  if (existing) {
    const changes = {
      ...(name && { name }),
      // Link the other identity only when no other contact holds it already.
      ...(waId && !existing.waId && !byPhone && { waId }),
      ...(userId && !existing.userId && !byUser && { businessScopedUserId: userId }),
    };
    if (Object.keys(changes).length > 0) {
      await db
        .update(contacts)
        .set(changes)
        .where(and(eq(contacts.id, existing.id), eq(contacts.workspaceId, workspaceId)));
    }
    return existing.id;
  }
  const [inserted] = await db
    .insert(contacts)
    .values({ workspaceId, waId, businessScopedUserId: userId, name })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  if (inserted) return inserted.id;
  // A concurrent delivery created it between our read and insert.
  return upsertContactByIdentity(db, who);
}

export async function upsertConversationForMessage(
  db: Db,
  params: { workspaceId: string; channelId: string; contactId: string; at: Date },
) {
  const [row] = await db
    .insert(conversations)
    .values({ ...params, lastMessageAt: params.at })
    .onConflictDoUpdate({
      target: [conversations.channelId, conversations.contactId],
      set: { updatedAt: new Date() },
    })
    .returning({ id: conversations.id });
  if (!row) throw new Error("Conversation upsert returned nothing");
  return row.id;
}

// A new inbound message reopens a closed thread, counts as unread and moves the 24-hour window.
export async function recordInboundOnConversation(
  db: Db,
  params: { workspaceId: string; id: string; at: Date; preview: string },
) {
  await db
    .update(conversations)
    .set({
      lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${params.at.toISOString()}::timestamptz)`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${params.at.toISOString()}::timestamptz)`,
      lastMessagePreview: params.preview,
      unreadCount: sql`${conversations.unreadCount} + 1`,
      status: sql`case when ${conversations.status} = 'closed' then 'bot'::conversation_status else ${conversations.status} end`,
    })
    .where(and(eq(conversations.id, params.id), eq(conversations.workspaceId, params.workspaceId)));
}

type StatusUpdate = {
  workspaceId: string;
  channelId: string;
  waMessageId: string;
  status: "sent" | "delivered" | "read" | "played" | "failed";
  at: Date;
  errorCode: number | null;
  errorDetails: string | null;
};

// Monotonic by the enum's order (sent < delivered < read < played < failed): late or repeated
// statuses change nothing, and nothing moves a failed message. Unknown ids update no row.
export async function applyMessageStatus(db: Db, s: StatusUpdate): Promise<boolean> {
  const updated = await db
    .update(messages)
    .set({
      status: s.status,
      statusAt: s.at,
      ...(s.status === "failed" && { errorCode: s.errorCode, errorDetails: s.errorDetails }),
    })
    .where(
      and(
        eq(messages.workspaceId, s.workspaceId),
        eq(messages.channelId, s.channelId),
        eq(messages.waMessageId, s.waMessageId),
        eq(messages.direction, "outbound"),
        sql`${messages.status} < ${s.status}::message_status`,
      ),
    )
    .returning({ id: messages.id });
  return updated.length > 0;
}

// WABA routing for account-level webhooks; one WABA may hold several numbers.
export async function findChannelsByWabaId(db: Db, wabaId: string) {
  return db
    .select({ id: channels.id, workspaceId: channels.workspaceId })
    .from(channels)
    .where(eq(channels.wabaId, wabaId));
}

export async function setChannelStatus(
  db: Db,
  params: {
    workspaceId: string;
    id: string;
    status: "disconnected" | "needs_reauth";
    reason: string;
  },
) {
  await db
    .update(channels)
    .set({
      status: params.status,
      statusReason: params.reason,
      ...(params.status === "disconnected" && { disconnectedAt: new Date() }),
    })
    .where(and(eq(channels.id, params.id), eq(channels.workspaceId, params.workspaceId)));
}

export type PendingMessage = { workspaceId: string; conversationId: string; messageId: string };

const pendingColumns = {
  workspaceId: messages.workspaceId,
  conversationId: messages.conversationId,
  messageId: messages.id,
};

/** The inbound messages of one delivery still waiting to be handled, new or redelivered. */
export async function listPendingByWaIds(
  db: Db,
  params: { workspaceId: string; channelId: string; waMessageIds: string[] },
): Promise<PendingMessage[]> {
  if (params.waMessageIds.length === 0) return [];
  return db
    .select(pendingColumns)
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, params.workspaceId),
        eq(messages.channelId, params.channelId),
        inArray(messages.waMessageId, params.waMessageIds),
        eq(messages.replyState, "pending"),
      ),
    )
    .orderBy(messages.createdAt, messages.id);
}

// Crash recovery for in-process jobs: across all workspaces, oldest first.
export async function listStalePending(db: Db, params: { olderThan: Date; limit: number }) {
  return db
    .select(pendingColumns)
    .from(messages)
    .where(and(eq(messages.replyState, "pending"), lt(messages.createdAt, params.olderThan)))
    .orderBy(messages.createdAt, messages.id)
    .limit(params.limit);
}

export async function setReplyState(
  db: Db,
  params: {
    workspaceId: string;
    messageId: string;
    from: "pending";
    to: "handled" | "skipped" | "failed";
  },
): Promise<boolean> {
  const updated = await db
    .update(messages)
    .set({ replyState: params.to })
    .where(
      and(
        eq(messages.id, params.messageId),
        eq(messages.workspaceId, params.workspaceId),
        eq(messages.replyState, params.from),
      ),
    )
    .returning({ id: messages.id });
  return updated.length > 0;
}
