import { and, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { readRatingReply } from "@/lib/csat/rating-buttons";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { channels, contacts, conversations, messages, webhookDeliveries } from "../schema";
import { liveNotify } from "./live";

export async function insertWebhookDelivery(db: Db, row: typeof webhookDeliveries.$inferInsert) {
  await db.insert(webhookDeliveries).values(row);
}

/**
 * Deletes deliveries received before `before`, oldest first, `batchSize` rows per statement so no
 * statement holds many locks or runs long, at most `maxBatches` statements per call (the next
 * call goes on). Rows another pruner holds are skipped, not waited for. Returns the rows deleted.
 */
export async function pruneWebhookDeliveries(
  db: Db,
  p: { before: Date; batchSize: number; maxBatches: number },
): Promise<{ deleted: number; batches: number; done: boolean }> {
  let deleted = 0;
  for (let batch = 1; batch <= p.maxBatches; batch++) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`delete from webhook_deliveries where id in (
        select id from webhook_deliveries where received_at < ${p.before.toISOString()}::timestamptz
        order by received_at limit ${p.batchSize} for update skip locked
      ) returning id`,
    );
    deleted += rows.length;
    if (rows.length < p.batchSize) return { deleted, batches: batch, done: true };
  }
  return { deleted, batches: p.maxBatches, done: false };
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

// WABA routing for account-level webhooks; one WABA may hold several numbers.
export async function findChannelsByWabaId(db: Db, wabaId: string) {
  return db
    .select({ id: channels.id, workspaceId: channels.workspaceId })
    .from(channels)
    .where(eq(channels.wabaId, wabaId));
}

export type PendingMessage = {
  workspaceId: string;
  conversationId: string;
  channelId: string;
  messageId: string;
};

const pendingColumns = {
  workspaceId: messages.workspaceId,
  conversationId: messages.conversationId,
  channelId: messages.channelId,
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
        eq(messages.direction, "inbound"),
        eq(messages.replyState, "pending"),
      ),
    )
    .orderBy(messages.createdAt, messages.seq);
}

// Crash recovery for in-process jobs: across all workspaces, oldest first.
export async function listStalePending(db: Db, params: { olderThan: Date; limit: number }) {
  return db
    .select(pendingColumns)
    .from(messages)
    .where(
      and(
        eq(messages.replyState, "pending"),
        eq(messages.direction, "inbound"),
        lt(messages.createdAt, params.olderThan),
      ),
    )
    .orderBy(messages.createdAt, messages.seq)
    .limit(params.limit);
}

// The common case in one statement: a sender known by phone, their contact and their thread.
export async function upsertConversationByPhone(
  db: Db,
  p: { workspaceId: string; channelId: string; waId: string; name: string | null; at: Date },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with contact as (
      insert into contacts (workspace_id, wa_id, name) values (${p.workspaceId}, ${p.waId}, ${p.name})
      on conflict (workspace_id, wa_id) do update set name = coalesce(excluded.name, contacts.name)
      returning id
    )
    insert into conversations (workspace_id, channel_id, contact_id, last_message_at)
    select ${p.workspaceId}, ${p.channelId}, contact.id, ${p.at.toISOString()}::timestamptz from contact
    on conflict (channel_id, contact_id) do update set updated_at = now()
    returning id`,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("Conversation upsert returned nothing");
  return id;
}

export type InboundRow = {
  workspaceId: string;
  channelId: string;
  waMessageId: string;
  contextWaMessageId: string | null;
  type: string;
  text: string | null;
  media: unknown;
  payload: unknown;
  at: Date;
  preview: string;
};

// Shared by both storage paths: the inbound message row, and what a new message does to its thread
// (unread, preview, 24-hour window, reopening a closed one).
function inboundMessageRow(m: InboundRow, conversationId: SQL) {
  return sql`${m.workspaceId}, ${conversationId}, ${m.channelId}, 'inbound', ${m.waMessageId},
    ${m.contextWaMessageId}, ${m.type}, ${m.text}, ${m.media === null ? null : JSON.stringify(m.media)}::jsonb,
    ${JSON.stringify(m.payload)}::jsonb, 'received', 'pending', ${m.at.toISOString()}::timestamptz`;
}

const INBOUND_MESSAGE_COLUMNS = sql`(workspace_id, conversation_id, channel_id, direction, wa_message_id,
  context_wa_message_id, type, text, media, payload, status, reply_state, created_at)`;

function conversationBump(m: InboundRow) {
  const at = m.at.toISOString();
  // A tap on a closed conversation's rating buttons answers the request: it neither reopens the
  // conversation nor waits for anyone to read it.
  const rating = readRatingReply(m.payload) !== null;
  return sql`last_inbound_at = greatest(conversations.last_inbound_at, ${at}::timestamptz),
    last_message_at = greatest(conversations.last_message_at, ${at}::timestamptz),
    last_message_preview = ${m.preview},
    unread_count = conversations.unread_count + ${rating ? 0 : 1},
    status = case when conversations.status = 'closed' and not ${rating} then 'bot'::conversation_status else conversations.status end,
    snoozed_until = null,
    updated_at = now()`;
}

/**
 * A statement's part that records, in their threads, the snoozes a customer's message ends: those
 * of the conversations in `source` (a part of the same statement with a `conversation_id`). Every
 * part of a statement sees the rows as they were before it, so this reads the snooze the bump
 * clears.
 */
export function snoozeEndedByMessage(workspaceId: string, source: SQL) {
  return sql`insert into conversation_events (workspace_id, conversation_id, kind, body)
    select c.workspace_id, c.id, 'unsnoozed', 'message'
      from conversations c where c.workspace_id = ${workspaceId} and c.snoozed_until > now()
       and c.id in (select conversation_id from ${source})`;
}

/**
 * Stores an inbound message unless its WhatsApp id is known, and only then counts it on its
 * conversation (unread, preview, 24-hour window, reopening a closed thread). Returns the new
 * message's id, or null for a message seen before.
 */
export async function insertInboundMessage(
  db: Db,
  m: InboundRow & { conversationId: string },
): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with inserted as (
      insert into messages ${INBOUND_MESSAGE_COLUMNS}
      values (${inboundMessageRow(m, sql`${m.conversationId}::uuid`)})
      on conflict (channel_id, wa_message_id) do nothing
      returning id, conversation_id
    ),
    woken as (${snoozeEndedByMessage(m.workspaceId, sql`inserted`)}),
    bumped as (
      update conversations set ${conversationBump(m)}
      from inserted
      where conversations.id = inserted.conversation_id and conversations.workspace_id = ${m.workspaceId}
      returning inserted.id
    )
    select id from bumped`,
  );
  return rows[0]?.id ?? null;
}

type SingleInbound = InboundRow & {
  waId: string;
  name: string | null;
  phoneNumberId: string;
  wabaId: string | null;
  delivery: unknown;
};

/**
 * The usual delivery, one message from a customer known by phone, stored in one atomic statement:
 * the raw delivery, contact, conversation (created with its counters, or bumped when the message
 * is new), and the message. Returns null when the conversation was created concurrently and is
 * not yet visible to this statement; the caller then takes the general path.
 */
export async function storeSingleInbound(
  db: Db,
  m: SingleInbound,
): Promise<{ conversationId: string; messageId: string | null } | null> {
  const at = m.at.toISOString();
  const rows = await queryRows<{ conversation_id: string | null; message_id: string | null }>(
    db,
    sql`
    with contact as (
      insert into contacts (workspace_id, wa_id, name) values (${m.workspaceId}, ${m.waId}, ${m.name})
      on conflict (workspace_id, wa_id) do update set name = coalesce(excluded.name, contacts.name)
      returning id
    ),
    created as (
      insert into conversations (workspace_id, channel_id, contact_id, last_message_at, last_inbound_at, last_message_preview, unread_count)
      select ${m.workspaceId}, ${m.channelId}, contact.id, ${at}::timestamptz, ${at}::timestamptz, ${m.preview}, 1 from contact
      on conflict (channel_id, contact_id) do nothing
      returning id
    ),
    conversation as (
      select id, true as created from created
      union all
      select c.id, false from conversations c join contact on c.contact_id = contact.id where c.channel_id = ${m.channelId}
    ),
    inserted as (
      insert into messages ${INBOUND_MESSAGE_COLUMNS}
      select ${inboundMessageRow(m, sql`conversation.id`)}
      from conversation limit 1
      on conflict (channel_id, wa_message_id) do nothing
      returning id, conversation_id
    ),
    -- Logged only when this statement stores the delivery; otherwise the general path logs it.
    delivery as (
      insert into webhook_deliveries (workspace_id, channel_id, field, phone_number_id, waba_id, routed, payload)
      select ${m.workspaceId}, ${m.channelId}, 'messages', ${m.phoneNumberId}, ${m.wabaId}, true, ${JSON.stringify(m.delivery)}::jsonb
      where exists (select 1 from conversation)
    ),
    woken as (${snoozeEndedByMessage(m.workspaceId, sql`inserted`)}),
    bumped as (
      update conversations set ${conversationBump(m)}
      from inserted join conversation on conversation.id = inserted.conversation_id and not conversation.created
      where conversations.id = inserted.conversation_id and conversations.workspace_id = ${m.workspaceId}
    ),
    -- Open inboxes hear of a new message when it commits, with this statement.
    notified as (
      select ${liveNotify({ w: sql`${m.workspaceId}::uuid`, c: sql`inserted.conversation_id`, k: "inbound", a: sql`c.assignee_id` })}
        from inserted left join conversations c
          on c.id = inserted.conversation_id and c.workspace_id = ${m.workspaceId}
    )
    select (select id from conversation limit 1) as conversation_id, (select id from inserted) as message_id,
      (select count(*) from notified) as notified`,
  );
  const row = rows[0];
  if (!row?.conversation_id) return null;
  return { conversationId: row.conversation_id, messageId: row.message_id };
}
