import type { ContactChange, KnownContact, NewContact } from "@/db/queries/inbound-batch";

export type Sender = {
  waId: string | null;
  userId: string | null;
  name: string | null;
  /**
   * Known by phone only: the one-by-one path stores such a sender with a phone upsert that keeps
   * any name Meta sent, even an empty one; the general path only takes a non-empty name.
   */
  phoneOnly: boolean;
};

type Slot = {
  id: string | null;
  waId: string | null;
  userId: string | null;
  name: string | null;
  change: Omit<ContactChange, "id">;
};

export type ContactPlan = {
  /** For each sender, in order: its contact, as an index into `slots`. */
  slotOf: number[];
  slots: Slot[];
};

/**
 * Replays, in memory and in delivery order, what storing each sender one by one does to contacts
 * (`upsertConversationByPhone` and `upsertContactByIdentity`): the known contact by phone first,
 * else by user id; a newer name; the other identity linked when no contact holds it; else a new
 * contact. Later senders see what earlier ones created or linked, as they would one by one.
 */
export function planContacts(known: KnownContact[], senders: Sender[]): ContactPlan {
  const slots: Slot[] = known.map((c) => ({ ...c, name: null, change: { touch: false } }));
  // Each phone and user id names at most one contact, as the unique constraints guarantee.
  const byWaId = new Map<string, number>();
  const byUserId = new Map<string, number>();
  slots.forEach((c, i) => {
    if (c.waId) byWaId.set(c.waId, i);
    if (c.userId) byUserId.set(c.userId, i);
  });
  const slotOf = senders.map((s) => {
    const byPhone = s.waId ? byWaId.get(s.waId) : undefined;
    const byUser = s.userId ? byUserId.get(s.userId) : undefined;
    const found = byPhone ?? byUser;
    const slot = found === undefined ? undefined : slots[found];
    if (found === undefined || !slot) {
      slots.push({
        id: null,
        waId: s.waId,
        userId: s.userId,
        name: s.name,
        change: { touch: false },
      });
      if (s.waId) byWaId.set(s.waId, slots.length - 1);
      if (s.userId) byUserId.set(s.userId, slots.length - 1);
      return slots.length - 1;
    }
    if (s.phoneOnly ? s.name !== null : Boolean(s.name)) {
      slot.name = s.name;
      slot.change.name = s.name;
      slot.change.touch ||= !s.phoneOnly;
    }
    if (s.waId && !slot.waId && byPhone === undefined) {
      slot.waId = s.waId;
      slot.change.waId = s.waId;
      slot.change.touch = true;
      byWaId.set(s.waId, found);
    }
    if (s.userId && !slot.userId && byUser === undefined) {
      slot.userId = s.userId;
      slot.change.userId = s.userId;
      slot.change.touch = true;
      byUserId.set(s.userId, found);
    }
    return found;
  });
  return { slotOf, slots };
}

export function contactsToCreate(plan: ContactPlan): NewContact[] {
  return plan.slots
    .filter((s) => s.id === null)
    .map((s) => ({ waId: s.waId, userId: s.userId, name: s.name }));
}

export function contactChanges(plan: ContactPlan): ContactChange[] {
  return plan.slots.flatMap((s) =>
    s.id !== null && Object.keys(s.change).length > 1 ? [{ id: s.id, ...s.change }] : [],
  );
}
