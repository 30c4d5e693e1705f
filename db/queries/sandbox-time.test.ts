import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import {
  contacts,
  conversationEvents,
  conversations,
  messages,
  sandboxMessages,
} from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { insertMessage } from "./messages";
import { insertSandboxMessage, lastFromCustomer } from "./sandbox";
import { skipChatTime } from "./sandbox-time";

const HOUR = 3_600_000;
const AMINA = "254712000001";
const BARASA = "254712000002";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;

describe.each(testDatabaseKinds)("skipping a sandbox chat's time on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  let other: Shop;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Skip Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
  });
  afterAll(() => handle.close());

  const customerWrote = (phoneNumberId: string, customer: string, minutesAgo: number) =>
    insertSandboxMessage(handle.db, {
      phoneNumberId,
      customer,
      direction: "from_customer",
      wamid: `wamid.${randomBytes(12).toString("hex")}`,
      type: "text",
      body: { text: { body: "hi" } },
      status: "delivered",
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    });

  /** A chat as the sandbox and the app hold it after a short exchange and a note. */
  async function seedChat(ws: Shop, customer: string) {
    await customerWrote(ws.phoneNumberId, customer, 10);
    const start = new Date(Date.now() - 10 * 60_000);
    const { id } = await seedConversation(handle.db, ws, { waId: customer, start, count: 2 });
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: start, handoffAt: start, rateLimitNoticeAt: start })
      .where(eq(conversations.id, id));
    await insertMessage(handle.db, {
      workspaceId: ws.workspaceId,
      conversationId: id,
      channelId: ws.channelId,
      direction: "outbound",
      waMessageId: `wamid.${randomBytes(12).toString("hex")}`,
      type: "text",
      text: "Hello!",
      status: "delivered",
      statusAt: new Date(),
    });
    await handle.db
      .insert(conversationEvents)
      .values({ workspaceId: ws.workspaceId, conversationId: id, kind: "note", body: "VIP" });
    await handle.db
      .update(contacts)
      .set({ welcomedAt: start })
      .where(and(eq(contacts.workspaceId, ws.workspaceId), eq(contacts.waId, customer)));
    return id;
  }

  /** Every timestamp the skip may touch, of the given conversations and all sandbox messages. */
  async function clock(ids: string[]) {
    const convs = await handle.db
      .select()
      .from(conversations)
      .where(inArray(conversations.id, ids));
    const msgs = await handle.db
      .select({ id: messages.id, createdAt: messages.createdAt, statusAt: messages.statusAt })
      .from(messages)
      .where(inArray(messages.conversationId, ids));
    const events = await handle.db
      .select({ id: conversationEvents.id, createdAt: conversationEvents.createdAt })
      .from(conversationEvents)
      .where(inArray(conversationEvents.conversationId, ids));
    const sandbox = await handle.db
      .select({
        id: sandboxMessages.id,
        phoneNumberId: sandboxMessages.phoneNumberId,
        customer: sandboxMessages.customer,
        createdAt: sandboxMessages.createdAt,
        statusAt: sandboxMessages.statusAt,
      })
      .from(sandboxMessages);
    const people = await handle.db
      .select({ id: contacts.id, welcomedAt: contacts.welcomedAt, updatedAt: contacts.updatedAt })
      .from(contacts);
    return { convs, msgs, events, sandbox, people };
  }

  const ms = (d: Date | null | undefined) => d?.getTime() ?? null;
  const minus = (d: Date | null | undefined, hours: number) =>
    d ? d.getTime() - hours * HOUR : null;

  it("moves one chat 25 hours back everywhere, and nothing else", async () => {
    const chat = await seedChat(shop, AMINA);
    const sameNumber = await seedChat(shop, BARASA);
    const sameCustomer = await seedChat(other, AMINA);
    const before = await clock([chat, sameNumber, sameCustomer]);

    const moved = await skipChatTime(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: AMINA,
      hours: 25,
    });
    expect(moved).toEqual({ sandboxMessages: 1, conversation: true, messages: 3, events: 1 });

    const after = await clock([chat, sameNumber, sameCustomer]);
    expect(after.convs).toHaveLength(3);
    expect(after.msgs).toHaveLength(9);
    for (const conv of after.convs) {
      const was = before.convs.find((c) => c.id === conv.id);
      const shift = conv.id === chat ? 25 : 0;
      expect(ms(conv.lastInboundAt)).toBe(minus(was?.lastInboundAt, shift));
      expect(ms(conv.lastMessageAt)).toBe(minus(was?.lastMessageAt, shift));
      expect(ms(conv.handoffAt)).toBe(minus(was?.handoffAt, shift));
      expect(ms(conv.rateLimitNoticeAt)).toBe(minus(was?.rateLimitNoticeAt, shift));
      expect(conv.awayNoticeUntil).toBeNull();
      expect(conv.unsupportedNoticeAt).toBeNull();
      expect(ms(conv.createdAt)).toBe(ms(was?.createdAt));
    }
    const chatMessages = new Set(
      (
        await handle.db
          .select({ id: messages.id })
          .from(messages)
          .where(eq(messages.conversationId, chat))
      ).map((m) => m.id),
    );
    for (const m of after.msgs) {
      const was = before.msgs.find((b) => b.id === m.id);
      const shift = chatMessages.has(m.id) ? 25 : 0;
      expect(ms(m.createdAt)).toBe(minus(was?.createdAt, shift));
      expect(ms(m.statusAt)).toBe(minus(was?.statusAt, shift));
    }
    const chatEvents = await handle.db
      .select({ id: conversationEvents.id })
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, chat));
    for (const e of after.events) {
      const was = before.events.find((b) => b.id === e.id);
      const shift = chatEvents.some((c) => c.id === e.id) ? 25 : 0;
      expect(ms(e.createdAt)).toBe(minus(was?.createdAt, shift));
    }
    for (const s of after.sandbox) {
      const was = before.sandbox.find((b) => b.id === s.id);
      const shift = s.phoneNumberId === shop.phoneNumberId && s.customer === AMINA ? 25 : 0;
      expect(ms(s.createdAt)).toBe(minus(was?.createdAt, shift));
      expect(ms(s.statusAt)).toBe(minus(was?.statusAt, shift));
    }
    expect(after.people).toEqual(expect.arrayContaining(before.people));

    const last = await lastFromCustomer(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: AMINA,
    });
    expect(Date.now() - (last?.getTime() ?? 0)).toBeGreaterThan(24 * HOUR);
    const neighbour = await lastFromCustomer(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: BARASA,
    });
    expect(Date.now() - (neighbour?.getTime() ?? 0)).toBeLessThan(HOUR);
  });

  it("moves by the hours asked, and a chat the app never saw only on the phone", async () => {
    const phoneOnly = "254712000003";
    await customerWrote(shop.phoneNumberId, phoneOnly, 0);
    const before = await lastFromCustomer(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: phoneOnly,
    });
    const moved = await skipChatTime(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: phoneOnly,
      hours: 3,
    });
    expect(moved).toEqual({ sandboxMessages: 1, conversation: false, messages: 0, events: 0 });
    const after = await lastFromCustomer(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer: phoneOnly,
    });
    expect(ms(after)).toBe(minus(before, 3));
  });

  it("answers zeros for a chat with nothing in it", async () => {
    expect(
      await skipChatTime(handle.db, {
        phoneNumberId: other.phoneNumberId,
        customer: "254799999999",
        hours: 25,
      }),
    ).toEqual({ sandboxMessages: 0, conversation: false, messages: 0, events: 0 });
  });
});
