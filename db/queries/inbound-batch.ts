import { sql } from "drizzle-orm";
import { readRatingReply } from "@/lib/csat/rating-buttons";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { type InboundRow, snoozeEndedByMessage } from "./webhooks";

// Set-based writes for the messages of one webhook change: a few statements whatever the number of
// messages. Rows travel as one JSON parameter, read back with jsonb_to_recordset, which both
// drivers (postgres-js and PGlite) pass the same way.
const asJson = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

export type KnownContact = { id: string; waId: string | null; userId: string | null };

/** The workspace's contacts holding any of these phones or business-scoped user ids. */
export async function findContactsByIdentities(
  db: Db,
  p: { workspaceId: string; waIds: string[]; userIds: string[] },
): Promise<KnownContact[]> {
  if (p.waIds.length === 0 && p.userIds.length === 0) return [];
  return queryRows<KnownContact>(
    db,
    sql`select id, wa_id as "waId", business_scoped_user_id as "userId" from contacts
         where workspace_id = ${p.workspaceId}
           and (wa_id in (select jsonb_array_elements_text(${asJson(p.waIds)}))
             or business_scoped_user_id in (select jsonb_array_elements_text(${asJson(p.userIds)})))`,
  );
}

export type NewContact = { waId: string | null; userId: string | null; name: string | null };

/**
 * Creates contacts no row holds yet; one that appeared meanwhile (another delivery) is left out
 * of the result, so the caller sees that fewer were created than asked.
 */
export async function insertContacts(
  db: Db,
  p: { workspaceId: string; contacts: NewContact[] },
): Promise<KnownContact[]> {
  if (p.contacts.length === 0) return [];
  return queryRows<KnownContact>(
    db,
    sql`insert into contacts (workspace_id, wa_id, business_scoped_user_id, name)
        select ${p.workspaceId}, x.wa_id, x.user_id, x.name
          from jsonb_to_recordset(${asJson(p.contacts.map((c) => ({ wa_id: c.waId, user_id: c.userId, name: c.name })))})
            as x(wa_id text, user_id text, name text)
        on conflict do nothing
        returning id, wa_id as "waId", business_scoped_user_id as "userId"`,
  );
}

export type ContactChange = {
  id: string;
  name?: string | null;
  waId?: string;
  userId?: string;
  /** Whether the change counts as an edit of the contact (updated_at), as the general path's does. */
  touch: boolean;
};

/** Applies what a delivery taught about known contacts: a newer name, a linked phone or user id. */
export async function updateContacts(
  db: Db,
  p: { workspaceId: string; changes: ContactChange[] },
): Promise<void> {
  if (p.changes.length === 0) return;
  const rows = p.changes.map((c) => ({
    id: c.id,
    set_name: c.name !== undefined,
    name: c.name ?? null,
    wa_id: c.waId ?? null,
    user_id: c.userId ?? null,
    touch: c.touch,
  }));
  await db.execute(
    sql`update contacts set
          name = case when x.set_name then x.name else contacts.name end,
          wa_id = coalesce(x.wa_id, contacts.wa_id),
          business_scoped_user_id = coalesce(x.user_id, contacts.business_scoped_user_id),
          updated_at = case when x.touch then now() else contacts.updated_at end
        from jsonb_to_recordset(${asJson(rows)})
          as x(id uuid, set_name boolean, name text, wa_id text, user_id text, touch boolean)
        where contacts.id = x.id and contacts.workspace_id = ${p.workspaceId}`,
  );
}

/**
 * Each contact's thread on the channel, created at its first message's time when new. The
 * contacts must be distinct: one statement cannot upsert a row twice.
 */
export async function upsertConversations(
  db: Db,
  p: { workspaceId: string; channelId: string; threads: { contactId: string; at: Date }[] },
): Promise<Map<string, string>> {
  if (p.threads.length === 0) return new Map();
  const rows = await queryRows<{ id: string; contact_id: string }>(
    db,
    sql`insert into conversations (workspace_id, channel_id, contact_id, last_message_at)
        select ${p.workspaceId}, ${p.channelId}, x.contact_id, x.at
          from jsonb_to_recordset(${asJson(p.threads.map((t) => ({ contact_id: t.contactId, at: t.at.toISOString() })))})
            as x(contact_id uuid, at timestamptz)
        on conflict (channel_id, contact_id) do update set updated_at = now()
        returning id, contact_id`,
  );
  return new Map(rows.map((r) => [r.contact_id, r.id]));
}

/**
 * Stores the messages whose WhatsApp id is new on the channel (ids must be distinct), in the given
 * order, and counts them on their threads as one-by-one storing would: unread, the 24-hour window
 * and last message time (the latest), the preview (the last one stored), reopening a closed
 * thread (unless all it got were taps on rating buttons) and ending its snooze. Returns the stored messages' WhatsApp ids and row ids.
 */
export async function insertInboundMessages(
  db: Db,
  p: { workspaceId: string; channelId: string; rows: (InboundRow & { conversationId: string })[] },
): Promise<{ id: string; waMessageId: string }[]> {
  if (p.rows.length === 0) return [];
  const input = p.rows.map((m, ord) => ({
    ord,
    conversation_id: m.conversationId,
    wa_message_id: m.waMessageId,
    context_wa_message_id: m.contextWaMessageId,
    type: m.type,
    text: m.text,
    media: m.media,
    payload: m.payload,
    at: m.at.toISOString(),
    preview: m.preview,
    rating: readRatingReply(m.payload) !== null,
  }));
  return queryRows<{ id: string; waMessageId: string }>(
    db,
    sql`
    with input as (
      select * from jsonb_to_recordset(${asJson(input)}) as x(ord int, conversation_id uuid,
        wa_message_id text, context_wa_message_id text, type text, text text, media jsonb,
        payload jsonb, at timestamptz, preview text, rating boolean)
    ),
    inserted as (
      insert into messages (workspace_id, conversation_id, channel_id, direction, wa_message_id,
        context_wa_message_id, type, text, media, payload, status, reply_state, created_at)
      select ${p.workspaceId}, conversation_id, ${p.channelId}, 'inbound', wa_message_id,
        context_wa_message_id, type, text, media, payload, 'received', 'pending', at
        from input order by ord
      on conflict (channel_id, wa_message_id) do nothing
      returning id, wa_message_id, conversation_id
    ),
    counted as (
      select i.conversation_id, max(x.at) as at, count(*) filter (where not x.rating)::int as n,
             bool_and(x.rating) as only_ratings,
             (array_agg(x.preview order by x.ord desc))[1] as preview
        from inserted i join input x on x.wa_message_id = i.wa_message_id
       group by i.conversation_id
    ),
    bumped as (
      update conversations set
        last_inbound_at = greatest(conversations.last_inbound_at, counted.at),
        last_message_at = greatest(conversations.last_message_at, counted.at),
        last_message_preview = counted.preview,
        unread_count = conversations.unread_count + counted.n,
        status = case when conversations.status = 'closed' and not counted.only_ratings then 'bot'::conversation_status else conversations.status end,
        snoozed_until = null,
        updated_at = now()
      from counted
      where conversations.id = counted.conversation_id and conversations.workspace_id = ${p.workspaceId}
    ),
    woken as (${snoozeEndedByMessage(p.workspaceId, sql`counted`)})
    select id, wa_message_id as "waMessageId" from inserted`,
  );
}
