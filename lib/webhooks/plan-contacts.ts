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
  const slotOf = senders.map((s) => {
    const byPhone = s.waId ? slots.findIndex((c) => c.waId === s.waId) : -1;
    const byUser = s.userId ? slots.findIndex((c) => c.userId === s.userId) : -1;
    const found = byPhone >= 0 ? byPhone : byUser;
    const slot = slots[found];
    if (!slot) {
      slots.push({
        id: null,
        waId: s.waId,
        userId: s.userId,
        name: s.name,
        change: { touch: false },
      });
      return slots.length - 1;
    }
    if (s.phoneOnly ? s.name !== null : Boolean(s.name)) {
      slot.name = s.name;
      slot.change.name = s.name;
      slot.change.touch ||= !s.phoneOnly;
    }
    if (s.waId && !slot.waId && byPhone < 0) {
      slot.waId = s.waId;
      slot.change.waId = s.waId;
      slot.change.touch = true;
    }
    if (s.userId && !slot.userId && byUser < 0) {
      slot.userId = s.userId;
      slot.change.userId = s.userId;
      slot.change.touch = true;
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
