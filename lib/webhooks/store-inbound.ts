import type { Db } from "@/db";
import { isRowRefusal } from "@/db/errors";
import {
  findContactsByIdentities,
  insertContacts,
  insertInboundMessages,
  updateContacts,
  upsertConversations,
} from "@/db/queries/inbound-batch";
import {
  type InboundRow,
  insertInboundMessage,
  type PendingMessage,
  upsertContactByIdentity,
  upsertConversationByPhone,
  upsertConversationForMessage,
} from "@/db/queries/webhooks";
import type { Problem } from "@/lib/whatsapp/parse-delivery";
import { contactChanges, contactsToCreate, planContacts, type Sender } from "./plan-contacts";

export type InboundItem = { sender: Sender; row: InboundRow; path: string };
type Channel = { id: string; workspaceId: string };

export type Stored = {
  stored: number;
  /** WhatsApp ids seen before (earlier deliveries or earlier in this one), in delivery order. */
  duplicates: string[];
  pending: PendingMessage[];
  problems: Problem[];
};

// Raised when another delivery created one of this batch's contacts meanwhile: the change is then
// stored one by one, which re-reads and retries per contact.
const CONTACT_RACE = "contact_race";
type ContactRace = Error & { kind: typeof CONTACT_RACE };
const isContactRace = (e: unknown): e is ContactRace =>
  typeof e === "object" && e !== null && (e as { kind?: unknown }).kind === CONTACT_RACE;

async function resolveContacts(tx: Db, workspaceId: string, items: InboundItem[]) {
  const senders = items.map((i) => i.sender);
  const known = await findContactsByIdentities(tx, {
    workspaceId,
    waIds: [...new Set(senders.flatMap((s) => (s.waId ? [s.waId] : [])))],
    userIds: [...new Set(senders.flatMap((s) => (s.userId ? [s.userId] : [])))],
  });
  const plan = planContacts(known, senders);
  await updateContacts(tx, { workspaceId, changes: contactChanges(plan) });
  const wanted = contactsToCreate(plan);
  const created = await insertContacts(tx, { workspaceId, contacts: wanted });
  if (created.length < wanted.length) {
    throw Object.assign(new Error("A contact was created concurrently"), { kind: CONTACT_RACE });
  }
  const createdByWaId = new Map(created.flatMap((c) => (c.waId ? [[c.waId, c.id]] : [])));
  const createdByUserId = new Map(created.flatMap((c) => (c.userId ? [[c.userId, c.id]] : [])));
  const ids = plan.slots.map(
    (slot) =>
      slot.id ??
      (slot.waId ? createdByWaId.get(slot.waId) : undefined) ??
      (slot.userId ? createdByUserId.get(slot.userId) : undefined),
  );
  return plan.slotOf.map((s) => {
    const id = ids[s];
    if (!id) throw new Error("A planned contact has no row");
    return id;
  });
}

/** The whole change in a few statements, with the same outcome as storing each message in turn. */
async function storeAsBatch(tx: Db, channel: Channel, items: InboundItem[]): Promise<Stored> {
  const { workspaceId } = channel;
  const contactIds = await resolveContacts(tx, workspaceId, items);
  const threads = new Map<string, Date>();
  for (const [i, item] of items.entries()) {
    const contactId = contactIds[i] as string;
    if (!threads.has(contactId)) threads.set(contactId, item.row.at);
  }
  const conversationOf = await upsertConversations(tx, {
    workspaceId,
    channelId: channel.id,
    threads: [...threads].map(([contactId, at]) => ({ contactId, at })),
  });
  const firsts = new Set<string>();
  const rows = items.flatMap((item, i) => {
    if (firsts.has(item.row.waMessageId)) return [];
    firsts.add(item.row.waMessageId);
    const conversationId = conversationOf.get(contactIds[i] as string);
    if (!conversationId) throw new Error("A contact's conversation was not upserted");
    return [{ ...item.row, conversationId }];
  });
  const inserted = await insertInboundMessages(tx, { workspaceId, channelId: channel.id, rows });
  const newIds = new Map(inserted.map((r) => [r.waMessageId, r.id]));
  const result: Stored = { stored: 0, duplicates: [], pending: [], problems: [] };
  // In delivery order: the first occurrence of an id stored now is new, every other a duplicate.
  for (const row of rows) {
    const messageId = newIds.get(row.waMessageId);
    if (!messageId) continue;
    result.stored += 1;
    result.pending.push({
      workspaceId,
      conversationId: row.conversationId,
      channelId: channel.id,
      messageId,
    });
  }
  const counted = new Set<string>();
  for (const { row } of items) {
    if (newIds.has(row.waMessageId) && !counted.has(row.waMessageId)) counted.add(row.waMessageId);
    else result.duplicates.push(row.waMessageId);
  }
  return result;
}

// One message as the general path always stored it: its contact (linking a phone and a user id),
// its conversation, then the message, counted on the conversation only when new.
async function storeOne(tx: Db, channel: Channel, { sender, row }: InboundItem) {
  const { workspaceId } = channel;
  const conversationId =
    sender.waId && !sender.userId
      ? await upsertConversationByPhone(tx, {
          workspaceId,
          channelId: channel.id,
          waId: sender.waId,
          name: sender.name,
          at: row.at,
        })
      : await upsertConversationForMessage(tx, {
          workspaceId,
          channelId: channel.id,
          contactId: await upsertContactByIdentity(tx, {
            workspaceId,
            waId: sender.waId,
            userId: sender.userId,
            name: sender.name,
          }),
          at: row.at,
        });
  const messageId = await insertInboundMessage(tx, { ...row, conversationId });
  return messageId ? { workspaceId, conversationId, channelId: channel.id, messageId } : null;
}

// Each message in its own savepoint: one PostgreSQL refuses is reported, the others are stored.
async function storeOneByOne(tx: Db, channel: Channel, items: InboundItem[]): Promise<Stored> {
  const result: Stored = { stored: 0, duplicates: [], pending: [], problems: [] };
  for (const item of items) {
    try {
      const pending = await tx.transaction((savepoint) => storeOne(savepoint, channel, item));
      if (pending) {
        result.stored += 1;
        result.pending.push(pending);
      } else {
        result.duplicates.push(item.row.waMessageId);
      }
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      result.problems.push({ path: item.path, message: `not stored: ${describeRefusal(error)}` });
    }
  }
  return result;
}

function describeRefusal(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Stores the inbound messages of one change: as one batch, or, when PostgreSQL refuses some row of
 * it or a contact appeared meanwhile, one by one so that only the refused messages are left out
 * (each reported as a problem). Other failures (the database is unavailable) are thrown.
 */
export async function storeInbound(
  tx: Db,
  channel: Channel,
  items: InboundItem[],
  opts: { batch?: boolean } = {},
): Promise<Stored> {
  // Status-only changes, the most common after single messages, cost no savepoint.
  if (items.length === 0) return { stored: 0, duplicates: [], pending: [], problems: [] };
  if (opts.batch !== false) {
    try {
      return await tx.transaction((savepoint) => storeAsBatch(savepoint, channel, items));
    } catch (error) {
      if (!isRowRefusal(error) && !isContactRace(error)) throw error;
    }
  }
  return storeOneByOne(tx, channel, items);
}
