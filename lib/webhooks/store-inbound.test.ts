import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { contacts, conversations, messages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { contact, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { type MessagesChange, parseDelivery } from "@/lib/whatsapp/parse-delivery";
import { inboundItems } from "./inbound-items";
import { storeInbound } from "./store-inbound";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

// Senders known by phone, by business-scoped user id, or both; repeated senders, a repeated id,
// a redelivered message, names that change or are empty, a closed thread, out-of-order times.
function scenario() {
  const seed = [
    inbound({ phone: "254790000001" }, "text", { text: { body: "seed one" } }, at(0)),
    inbound({ userId: "US.2" }, "text", { text: { body: "seed two" } }, at(1)),
    inbound(
      { phone: "254790000003", userId: "US.3" },
      "text",
      { text: { body: "seed three" } },
      at(2),
    ),
  ];
  const first = inbound(
    { phone: "254790000001" },
    "text",
    { text: { body: "back again" } },
    at(10),
  );
  const main = [
    first,
    inbound(
      { userId: "US.2", phone: "254790000002" },
      "text",
      { text: { body: "my phone" } },
      at(11),
    ),
    inbound({ phone: "254790000002" }, "image", { image: { id: "m1", caption: "look" } }, at(12)),
    inbound({ phone: "254790000004" }, "text", { text: { body: "new here" } }, at(14)),
    inbound({ phone: "254790000004" }, "text", { text: { body: "earlier" } }, at(13)),
    first,
    inbound({ userId: "US.5" }, "reaction", { reaction: { message_id: "x", emoji: "👍" } }, at(15)),
    inbound(
      { userId: "US.5", phone: "254790000005" },
      "text",
      { text: { body: "linked" } },
      at(16),
    ),
    inbound({ phone: "254790000003" }, "text", { text: { body: "known by both" } }, at(17)),
    seed[0],
  ];
  const profiles = [
    contact({ phone: "254790000001", name: "Renamed" }),
    contact({ phone: "254790000004", name: "" }),
    contact({ userId: "US.5", name: "Five" }),
  ];
  return { seed, main, profiles };
}

function changeOf(phoneNumberId: string, value: Record<string, unknown[]>): MessagesChange {
  const [change] = parseDelivery([{ id: "1", changes: [messagesChange(phoneNumberId, value)] }]);
  if (change?.kind !== "messages") throw new Error("not a messages change");
  return change;
}

describe.each(testDatabaseKinds)("storing a change as one batch, on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  async function run(batch: boolean, deliveries: ReturnType<typeof scenario>) {
    const shop = await seedWorkspace(handle.db, batch ? "Batch" : "One by one");
    const channel = { id: shop.channelId, workspaceId: shop.workspaceId };
    const { seed, main, profiles } = deliveries;
    const store = (value: Record<string, unknown[]>) =>
      handle.db.transaction((tx) =>
        storeInbound(
          tx,
          channel,
          inboundItems(channel, changeOf(shop.phoneNumberId, value)).items,
          {
            batch,
          },
        ),
      );
    await store({ messages: seed });
    await handle.db
      .update(conversations)
      .set({ status: "closed", unreadCount: 0 })
      .where(eq(conversations.workspaceId, shop.workspaceId));
    const result = await store({ contacts: profiles, messages: main });
    const people = await handle.db
      .select()
      .from(contacts)
      .where(eq(contacts.workspaceId, shop.workspaceId));
    const who = (id: string) => {
      const c = people.find((p) => p.id === id);
      return `${c?.waId}/${c?.businessScopedUserId}`;
    };
    const threads = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.workspaceId, shop.workspaceId));
    const rows = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.workspaceId, shop.workspaceId))
      .orderBy(asc(messages.seq));
    const waIdOf = new Map(rows.map((m) => [m.id, m.waMessageId]));
    return {
      result: {
        stored: result.stored,
        duplicates: result.duplicates,
        pending: result.pending.map((p) => waIdOf.get(p.messageId)),
        problems: result.problems,
      },
      contacts: people
        .map((p) => ({ waId: p.waId, userId: p.businessScopedUserId, name: p.name }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      threads: threads
        .map((t) => ({
          contact: who(t.contactId),
          status: t.status,
          unread: t.unreadCount,
          preview: t.lastMessagePreview,
          lastMessageAt: t.lastMessageAt.toISOString(),
          lastInboundAt: t.lastInboundAt?.toISOString(),
        }))
        .sort((a, b) => a.contact.localeCompare(b.contact)),
      messages: rows.map((m) => ({
        waId: m.waMessageId,
        contact: who(threads.find((t) => t.id === m.conversationId)?.contactId ?? ""),
        type: m.type,
        text: m.text,
        media: m.media,
        payload: m.payload,
        createdAt: m.createdAt.toISOString(),
        status: m.status,
        replyState: m.replyState,
      })),
    };
  }

  it("leaves exactly the rows, counters and pending list that storing one by one leaves", async () => {
    // The same deliveries (same WhatsApp ids) to two workspaces, one stored each way.
    const deliveries = scenario();
    const oneByOne = await run(false, deliveries);
    const batch = await run(true, deliveries);
    expect(batch).toEqual(oneByOne);
    // The scenario exercises what it claims to.
    expect(batch.result).toMatchObject({ stored: 8, problems: [] });
    expect(batch.result.duplicates).toHaveLength(2);
    expect(batch.contacts).toContainEqual({
      waId: "254790000002",
      userId: "US.2",
      name: null,
    });
    expect(batch.contacts).toContainEqual({ waId: "254790000005", userId: "US.5", name: "Five" });
    expect(batch.threads).toContainEqual(
      expect.objectContaining({ contact: "254790000001/null", status: "bot", unread: 1 }),
    );
    expect(batch.threads).toContainEqual(
      expect.objectContaining({ contact: "254790000004/null", unread: 2, preview: "earlier" }),
    );
  });
});
