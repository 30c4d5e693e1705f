import { and, eq, inArray, not, sql } from "drizzle-orm";
import type { Db } from "../client";
import { channels, contacts, conversations, type MessageMedia, messages } from "../schema";
import type { AppSync } from "../schema/channels";
import { personHasIt } from "./conversation-state";
import { recordEvent } from "./inbox-actions";
import { notifyLive } from "./live";

// A number shared with the WhatsApp Business app (Coexistence): what the owner writes on the
// phone, their address book and the chat history Meta hands over once.

/** A message as the phone app sent or received it, ready to store. */
export type AppMessageRow = {
  waMessageId: string;
  contextWaMessageId: string | null;
  type: string;
  text: string | null;
  media: MessageMedia | null;
  payload: Record<string, unknown>;
  at: Date;
  preview: string;
};

type Scope = { workspaceId: string; channelId: string };

/** The thread of a contact on the number; created dated from its first message, never counted unread. */
async function upsertThread(db: Db, p: Scope & { contactId: string; firstAt: Date }) {
  const [row] = await db
    .insert(conversations)
    .values({
      workspaceId: p.workspaceId,
      channelId: p.channelId,
      contactId: p.contactId,
      lastMessageAt: p.firstAt,
      createdAt: p.firstAt,
    })
    .onConflictDoUpdate({
      target: [conversations.channelId, conversations.contactId],
      set: { updatedAt: new Date() },
    })
    .returning({ id: conversations.id });
  if (!row) throw new Error("Conversation upsert returned nothing");
  return row.id;
}

/** Moves the thread's last-message fields forward to `at`, never back. */
async function bumpThread(
  db: Db,
  p: { workspaceId: string; conversationId: string; at: Date; preview: string; inboundAt?: Date },
) {
  const at = p.at.toISOString();
  await db
    .update(conversations)
    .set({
      lastMessagePreview: sql`case when ${conversations.lastMessageAt} <= ${at}::timestamptz or ${conversations.lastMessagePreview} is null then ${p.preview} else ${conversations.lastMessagePreview} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at}::timestamptz)`,
      ...(p.inboundAt && {
        lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${p.inboundAt.toISOString()}::timestamptz)`,
      }),
    })
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
}

export type StoredEcho = { messageId: string; conversationId: string; tookOver: boolean };

/**
 * The owner's message from the WhatsApp Business app, stored once as the business's own. The bot
 * stops in that conversation exactly as when a person of the team takes it over; the timeline
 * says the owner's phone did it. Null when the message was stored before (a redelivery).
 */
export async function storeOwnerEcho(
  db: Db,
  p: Scope & { contactId: string; row: AppMessageRow },
): Promise<StoredEcho | null> {
  const { row } = p;
  const conversationId = await upsertThread(db, { ...p, firstAt: row.at });
  const [inserted] = await db
    .insert(messages)
    .values({
      workspaceId: p.workspaceId,
      conversationId,
      channelId: p.channelId,
      direction: "outbound",
      waMessageId: row.waMessageId,
      contextWaMessageId: row.contextWaMessageId,
      type: row.type,
      text: row.text,
      media: row.media,
      payload: row.payload,
      status: "sent",
      statusAt: row.at,
      source: "human",
      fromBusinessApp: true,
      createdAt: row.at,
    })
    .onConflictDoNothing({ target: [messages.channelId, messages.waMessageId] })
    .returning({ id: messages.id });
  if (!inserted) return null;
  await bumpThread(db, {
    workspaceId: p.workspaceId,
    conversationId,
    at: row.at,
    preview: row.preview,
  });
  const taken = await db
    .update(conversations)
    .set({ status: "human", needsHuman: false, snoozedUntil: null })
    .where(
      and(
        eq(conversations.id, conversationId),
        eq(conversations.workspaceId, p.workspaceId),
        not(personHasIt),
      ),
    )
    .returning({ id: conversations.id });
  if (taken.length > 0) {
    await recordEvent(db, {
      workspaceId: p.workspaceId,
      conversationId,
      kind: "took_over",
      actorId: null,
      body: BUSINESS_APP,
    });
  }
  await notifyLive(db, [{ w: p.workspaceId, c: conversationId, k: "outbound", by: null }]);
  return { messageId: inserted.id, conversationId, tookOver: taken.length > 0 };
}

/** The body of a take-over the owner's phone made (the WhatsApp Business app), not a member. */
export const BUSINESS_APP = "business_app";

export type HistoryRow = AppMessageRow & {
  contactId: string;
  direction: "inbound" | "outbound";
  status: "received" | "sent" | "delivered" | "read" | "played" | "failed";
};

/**
 * Past messages from the app's chat history, with their own times. Each is stored once (by its
 * WhatsApp id); none is answered, alerted on or counted unread. Returns how many were new and
 * the conversations that changed.
 */
export async function importHistoryRows(
  db: Db,
  p: Scope & { rows: HistoryRow[] },
): Promise<{ imported: number; conversationIds: string[] }> {
  if (p.rows.length === 0) return { imported: 0, conversationIds: [] };
  const byContact = new Map<string, HistoryRow[]>();
  for (const row of p.rows)
    byContact.set(row.contactId, [...(byContact.get(row.contactId) ?? []), row]);
  let imported = 0;
  const changed: string[] = [];
  for (const [contactId, rows] of byContact) {
    const firstAt = new Date(Math.min(...rows.map((r) => r.at.getTime())));
    const conversationId = await upsertThread(db, { ...p, contactId, firstAt });
    const inserted = await db
      .insert(messages)
      .values(
        rows.map((row) => ({
          workspaceId: p.workspaceId,
          conversationId,
          channelId: p.channelId,
          direction: row.direction,
          waMessageId: row.waMessageId,
          contextWaMessageId: row.contextWaMessageId,
          type: row.type,
          text: row.text,
          media: row.media,
          payload: row.payload,
          status: row.status,
          statusAt: row.at,
          ...(row.direction === "outbound" && { source: "human" as const, fromBusinessApp: true }),
          imported: true,
          createdAt: row.at,
        })),
      )
      .onConflictDoNothing({ target: [messages.channelId, messages.waMessageId] })
      .returning({ waMessageId: messages.waMessageId });
    if (inserted.length === 0) continue;
    imported += inserted.length;
    changed.push(conversationId);
    const fresh = new Set(inserted.map((r) => r.waMessageId));
    const stored = rows.filter((r) => fresh.has(r.waMessageId));
    const newest = stored.reduce((a, b) => (b.at > a.at ? b : a));
    const inbound = stored.filter((r) => r.direction === "inbound");
    await bumpThread(db, {
      workspaceId: p.workspaceId,
      conversationId,
      at: newest.at,
      preview: newest.preview,
      ...(inbound.length > 0 && {
        inboundAt: new Date(Math.max(...inbound.map((r) => r.at.getTime()))),
      }),
    });
  }
  return { imported, conversationIds: changed };
}

/** A contact the owner added to (or edited in) the app's address book: created or renamed. */
export async function saveAddressBookContact(
  db: Db,
  p: { workspaceId: string; waId: string; name: string | null },
): Promise<void> {
  await db
    .insert(contacts)
    .values({ workspaceId: p.workspaceId, waId: p.waId, name: p.name })
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.waId],
      set: p.name ? { name: p.name } : { updatedAt: new Date() },
    });
}

/**
 * A contact the owner removed from the app's address book. One known only from the address book
 * (no conversation on any number) goes too; one the business has talked with stays, with its
 * history, as WhatsApp keeps the chat when a phone contact is deleted.
 */
export async function removeAddressBookContact(
  db: Db,
  p: { workspaceId: string; waId: string },
): Promise<boolean> {
  const removed = await db
    .delete(contacts)
    .where(
      and(
        eq(contacts.workspaceId, p.workspaceId),
        eq(contacts.waId, p.waId),
        sql`not exists (select 1 from ${conversations} where ${conversations.contactId} = ${contacts.id})`,
      ),
    )
    .returning({ id: contacts.id });
  return removed.length > 0;
}

/** The contact ids of these phones, creating the missing ones (history and echoes name no one). */
export async function contactIdsByPhone(
  db: Db,
  p: { workspaceId: string; waIds: string[] },
): Promise<Map<string, string>> {
  const waIds = [...new Set(p.waIds)];
  if (waIds.length === 0) return new Map();
  await db
    .insert(contacts)
    .values(waIds.map((waId) => ({ workspaceId: p.workspaceId, waId })))
    .onConflictDoNothing();
  const rows = await db
    .select({ id: contacts.id, waId: contacts.waId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, p.workspaceId), inArray(contacts.waId, waIds)));
  return new Map(rows.flatMap((r) => (r.waId ? [[r.waId, r.id]] : [])));
}

/** The number's sync state, changed under a row lock so concurrent chunks add up. */
export async function updateAppSync(
  db: Db,
  p: Scope & { change: (current: AppSync | null) => AppSync | null },
): Promise<AppSync | null> {
  const [row] = await db
    .select({ appSync: channels.appSync })
    .from(channels)
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)))
    .for("update");
  if (!row) return null;
  const next = p.change(row.appSync);
  if (next === null) return row.appSync;
  await db
    .update(channels)
    .set({ appSync: next })
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)));
  return next;
}

/** Marks the number as shared with the WhatsApp Business app. */
export async function markCoexistence(db: Db, p: Scope): Promise<void> {
  await db
    .update(channels)
    .set({ coexistence: true })
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)));
}
