import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { conversationEvents, conversations, messages } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { seedUser } from "@/lib/testing/workspace-context";
import { getInboxConversation, listThread, type Thread, type ThreadCursor } from "./inbox-thread";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse("2026-11-01T10:00:00Z");
let phones = 0;

describe.each(testDatabaseKinds)("inbox thread on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  let other: Shop;
  let agent: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Thread Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
    agent = await seedUser(handle.db, "agent");
  });
  afterAll(() => handle.close());

  const waId = () => `4477${String(Date.now()).slice(-5)}${String(++phones).padStart(3, "0")}`;

  /** A note at a time given as PostgreSQL text, so sub-millisecond times can be set. */
  async function note(conversationId: string, body: string, at: string) {
    await handle.db.insert(conversationEvents).values({
      workspaceId: shop.workspaceId,
      conversationId,
      kind: "note",
      actorId: agent.id,
      body,
      createdAt: sql`${at}::timestamptz`,
    });
  }

  async function message(conversationId: string, text: string, at: string) {
    await handle.db.insert(messages).values({
      workspaceId: shop.workspaceId,
      conversationId,
      channelId: shop.channelId,
      direction: "inbound",
      waMessageId: `wamid.${randomBytes(8).toString("hex")}`,
      type: "text",
      text,
      status: "received",
      createdAt: sql`${at}::timestamptz`,
    });
  }

  const iso = (ms: number) => new Date(T0 + ms).toISOString();

  /** Every page from the latest back, with the limit given. */
  async function pages(conversationId: string, limit: number, workspaceId = shop.workspaceId) {
    const all: Thread[] = [];
    let before: ThreadCursor | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await listThread(handle.db, { workspaceId, conversationId, before, limit });
      all.push(page);
      if (!page.earlier) break;
      before = page.earlier;
    }
    return all.map((p) => ({
      messages: p.messages.map((m) => m.text),
      events: p.events.map((e) => e.body),
      more: p.earlier !== null,
    }));
  }

  it("pages back from the latest messages, each page with the notes of its span only", async () => {
    const { id } = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 5,
    });
    await note(id, "before everything", iso(-500));
    await note(id, "after message 2", iso(1_500));
    await note(id, "at message 4", iso(3_000));
    await note(id, "after message 4", iso(3_500));
    await note(id, "after the last message", iso(4_500));

    expect(await pages(id, 2)).toEqual([
      {
        messages: ["message 4", "message 5"],
        events: ["at message 4", "after message 4", "after the last message"],
        more: true,
      },
      { messages: ["message 2", "message 3"], events: ["after message 2"], more: true },
      { messages: ["message 1"], events: ["before everything"], more: false },
    ]);
    expect(await pages(id, 10)).toEqual([
      {
        messages: ["message 1", "message 2", "message 3", "message 4", "message 5"],
        events: [
          "before everything",
          "after message 2",
          "at message 4",
          "after message 4",
          "after the last message",
        ],
        more: false,
      },
    ]);
    const [latest] = (
      await listThread(handle.db, {
        workspaceId: shop.workspaceId,
        conversationId: id,
        limit: 2,
      })
    ).events;
    expect(latest?.actor).toEqual({ id: agent.id, name: "agent" });
  });

  it("splits messages of the same instant between pages by their arrival order", async () => {
    const { id } = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 0,
    });
    const same = iso(0);
    for (const text of ["first", "second", "third"]) await message(id, text, same);
    expect(await pages(id, 2)).toEqual([
      { messages: ["second", "third"], events: [], more: true },
      { messages: ["first"], events: [], more: false },
    ]);
  });

  it("shows a note once when it falls within the millisecond of a page's oldest message", async () => {
    const { id } = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 0,
    });
    await message(id, "one", "2026-11-01 10:00:00.000100+00");
    await message(id, "two", "2026-11-01 10:00:01.000900+00");
    await message(id, "three", "2026-11-01 10:00:02.000100+00");
    // Between messages one and two, in the same millisecond as two.
    await note(id, "just before two", "2026-11-01 10:00:01.000400+00");
    expect(await pages(id, 2)).toEqual([
      { messages: ["two", "three"], events: [], more: true },
      { messages: ["one"], events: ["just before two"], more: false },
    ]);
  });

  it("reads nothing of a conversation through another workspace", async () => {
    const { id } = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 2,
    });
    await note(id, "internal", iso(500));
    expect(await pages(id, 10, other.workspaceId)).toEqual([
      { messages: [], events: [], more: false },
    ]);
  });

  it("says when the 24-hour window closes, and who has the conversation", async () => {
    const { id } = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 1,
    });
    const wrote = new Date(Date.now() - 2 * HOUR);
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: wrote, assigneeId: agent.id, status: "human" })
      .where(eq(conversations.id, id));
    const row = await getInboxConversation(handle.db, { workspaceId: shop.workspaceId, id });
    expect(row?.windowClosesAt?.getTime()).toBe(wrote.getTime() + 24 * HOUR);
    expect(row).toMatchObject({
      id,
      status: "human",
      assignee: { id: agent.id, name: "agent" },
      channel: { id: shop.channelId, hasToken: true },
    });
    expect(
      await getInboxConversation(handle.db, { workspaceId: other.workspaceId, id }),
    ).toBeNull();

    const never = await seedConversation(handle.db, shop, {
      waId: waId(),
      start: new Date(T0),
      count: 0,
    });
    expect(
      await getInboxConversation(handle.db, { workspaceId: shop.workspaceId, id: never.id }),
    ).toMatchObject({ windowClosesAt: null, assignee: null });
  });
});
