import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { conversationEvents, conversations, messages } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { seedUser } from "@/lib/testing/workspace-context";
import {
  addNote,
  assignConversation,
  closeConversation,
  handBack,
  listStaleQueuedReplies,
  loadQueuedReply,
  markConversationRead,
  type QueuedReply,
  queueReply,
  reopenConversation,
  takeOver,
} from "./inbox-actions";
import { getInboxConversation } from "./inbox-thread";
import { addMembership } from "./memberships";
import { handOff } from "./replies";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;

const HOUR = 60 * 60 * 1000;
let phones = 0;

describe.each(testDatabaseKinds)("inbox actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  let other: Shop;
  let agent: SessionUser;
  let colleague: SessionUser;
  let stranger: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Inbox Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
    agent = await seedUser(handle.db, "agent");
    colleague = await seedUser(handle.db, "colleague");
    stranger = await seedUser(handle.db, "stranger");
    for (const user of [agent, colleague]) {
      await addMembership(handle.db, {
        workspaceId: shop.workspaceId,
        userId: user.id,
        role: "agent",
      });
    }
    await addMembership(handle.db, {
      workspaceId: other.workspaceId,
      userId: stranger.id,
      role: "owner",
    });
  });
  afterAll(() => handle.close());

  /** A conversation whose customer wrote `wroteAgo` ms ago (null: never), in the given state. */
  async function conversation(
    opts: {
      in?: Shop;
      wroteAgo?: number | null;
      set?: Partial<typeof conversations.$inferInsert>;
    } = {},
  ) {
    const ws = opts.in ?? shop;
    const wroteAgo = opts.wroteAgo === undefined ? 60_000 : opts.wroteAgo;
    const { id } = await seedConversation(handle.db, ws, {
      waId: `3519${String(Date.now()).slice(-5)}${String(++phones).padStart(3, "0")}`,
      start: new Date(Date.now() - (wroteAgo ?? 60_000)),
      count: 1,
    });
    await handle.db
      .update(conversations)
      .set({
        lastInboundAt: wroteAgo === null ? null : new Date(Date.now() - wroteAgo),
        ...opts.set,
      })
      .where(eq(conversations.id, id));
    return id;
  }

  const ref = (conversationId: string, user: SessionUser = agent, ws: Shop = shop) => ({
    workspaceId: ws.workspaceId,
    conversationId,
    userId: user.id,
  });

  async function state(id: string) {
    const [row] = await handle.db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) throw new Error("conversation missing");
    return row;
  }

  const events = (id: string) =>
    handle.db
      .select({
        kind: conversationEvents.kind,
        actorId: conversationEvents.actorId,
        body: conversationEvents.body,
        workspaceId: conversationEvents.workspaceId,
      })
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, id))
      .orderBy(asc(conversationEvents.createdAt));

  const outbound = (id: string) =>
    handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.direction, "outbound")));

  const reply = (conversationId: string, over: Partial<QueuedReply> = {}): QueuedReply => ({
    ...ref(conversationId),
    clientId: randomUUID(),
    type: "text",
    text: "Hello, Ana here. Let me check.",
    payload: null,
    ...over,
  });

  describe("take over", () => {
    it("stops the bot, clears the flag, assigns the taker and records it once", async () => {
      const id = await conversation({ set: { needsHuman: true, handoffReason: "window_closed" } });
      expect(await takeOver(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({
        status: "human",
        needsHuman: false,
        assigneeId: agent.id,
      });
      expect(await events(id)).toEqual([
        { kind: "took_over", actorId: agent.id, body: null, workspaceId: shop.workspaceId },
      ]);

      expect(await takeOver(handle.db, ref(id, colleague))).toEqual({ changed: false });
      expect(await state(id)).toMatchObject({ status: "human", assigneeId: agent.id });
      expect(await events(id)).toHaveLength(1);
    });

    it("leaves a conversation assigned to someone else with them", async () => {
      const id = await conversation({ set: { assigneeId: colleague.id } });
      expect(await takeOver(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({ status: "human", assigneeId: colleague.id });
      expect(await events(id)).toMatchObject([{ kind: "took_over", actorId: agent.id }]);
    });

    it("takes a conversation the bot handed to people: flag cleared, assigned, recorded", async () => {
      const id = await conversation();
      const [message] = await handle.db
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.conversationId, id));
      // The customer asked for a person: the bot stops and flags the conversation, no one has it.
      await handOff(handle.db, {
        workspaceId: shop.workspaceId,
        conversationId: id,
        messageId: message?.id ?? "",
        reason: "requested",
      });
      expect(await state(id)).toMatchObject({
        status: "human",
        needsHuman: true,
        assigneeId: null,
      });

      expect(await takeOver(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({
        status: "human",
        needsHuman: false,
        assigneeId: agent.id,
      });
      expect(await events(id)).toMatchObject([{ kind: "took_over", actorId: agent.id }]);
      expect(await takeOver(handle.db, ref(id))).toEqual({ changed: false });
      expect(await events(id)).toHaveLength(1);
    });

    it("reopens a closed conversation for the person", async () => {
      const id = await conversation({ set: { status: "closed" } });
      expect(await takeOver(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({ status: "human", assigneeId: agent.id });
    });

    it("two people taking over at once: one takes it, one event", async () => {
      const id = await conversation();
      const results = await Promise.all([
        takeOver(handle.db, ref(id, agent)),
        takeOver(handle.db, ref(id, colleague)),
      ]);
      expect(results.filter((r) => r?.changed)).toHaveLength(1);
      const winner = results[0]?.changed ? agent : colleague;
      expect(await state(id)).toMatchObject({ status: "human", assigneeId: winner.id });
      expect(await events(id)).toMatchObject([{ kind: "took_over", actorId: winner.id }]);
    });
  });

  describe("hand back, close and reopen", () => {
    it("hands back to the bot, clearing the hand-off, once", async () => {
      const id = await conversation({
        set: {
          status: "human",
          needsHuman: true,
          handoffReason: "requested",
          assigneeId: agent.id,
        },
      });
      expect(await handBack(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({
        status: "bot",
        needsHuman: false,
        handoffReason: null,
        assigneeId: agent.id,
      });
      expect(await events(id)).toMatchObject([{ kind: "handed_back", actorId: agent.id }]);
      expect(await handBack(handle.db, ref(id))).toEqual({ changed: false });
      expect(await events(id)).toHaveLength(1);
    });

    it("does not hand back a conversation the bot already has, nor a closed one", async () => {
      const bot = await conversation();
      const closed = await conversation({ set: { status: "closed" } });
      expect(await handBack(handle.db, ref(bot))).toEqual({ changed: false });
      expect(await handBack(handle.db, ref(closed))).toEqual({ changed: false });
      expect((await state(closed)).status).toBe("closed");
      expect([...(await events(bot)), ...(await events(closed))]).toEqual([]);
    });

    it("closes: out of the working tabs, flag and unread cleared, once", async () => {
      const id = await conversation({
        set: { status: "human", needsHuman: true, unreadCount: 3, assigneeId: colleague.id },
      });
      expect(await closeConversation(handle.db, ref(id))).toEqual({ changed: true });
      expect(await state(id)).toMatchObject({
        status: "closed",
        needsHuman: false,
        unreadCount: 0,
        assigneeId: colleague.id,
      });
      expect(await events(id)).toMatchObject([{ kind: "closed", actorId: agent.id }]);
      expect(await closeConversation(handle.db, ref(id))).toEqual({ changed: false });
      expect(await events(id)).toHaveLength(1);
    });

    it("reopens a closed conversation for the bot, once; an open one is left alone", async () => {
      const id = await conversation({ set: { status: "closed" } });
      expect(await reopenConversation(handle.db, ref(id))).toEqual({ changed: true });
      expect((await state(id)).status).toBe("bot");
      expect(await events(id)).toMatchObject([{ kind: "reopened", actorId: agent.id }]);
      expect(await reopenConversation(handle.db, ref(id))).toEqual({ changed: false });
      const human = await conversation({ set: { status: "human" } });
      expect(await reopenConversation(handle.db, ref(human))).toEqual({ changed: false });
      expect((await state(human)).status).toBe("human");
      expect(await events(id)).toHaveLength(1);
      expect(await events(human)).toEqual([]);
    });
  });

  describe("assign, mark read and notes", () => {
    it("assigns to a member and unassigns, recording each change once", async () => {
      const id = await conversation();
      const assign = (assigneeId: string | null) =>
        assignConversation(handle.db, { ...ref(id), assigneeId });
      expect(await assign(colleague.id)).toEqual({ changed: true });
      expect((await state(id)).assigneeId).toBe(colleague.id);
      expect(await assign(colleague.id)).toEqual({ changed: false });
      expect(await assign(agent.id)).toEqual({ changed: true });
      expect(await assign(null)).toEqual({ changed: true });
      expect((await state(id)).assigneeId).toBeNull();
      expect(await assign(null)).toEqual({ changed: false });
      expect(await events(id)).toEqual([
        { kind: "assigned", actorId: agent.id, body: colleague.id, workspaceId: shop.workspaceId },
        { kind: "assigned", actorId: agent.id, body: agent.id, workspaceId: shop.workspaceId },
        { kind: "unassigned", actorId: agent.id, body: null, workspaceId: shop.workspaceId },
      ]);
    });

    it("refuses an assignee outside the workspace, changing nothing", async () => {
      const id = await conversation({ set: { assigneeId: colleague.id } });
      for (const assigneeId of [stranger.id, "no-such-user"]) {
        expect(await assignConversation(handle.db, { ...ref(id), assigneeId })).toBe("not_member");
      }
      expect((await state(id)).assigneeId).toBe(colleague.id);
      expect(await events(id)).toEqual([]);
    });

    it("marks read without a timeline event", async () => {
      const id = await conversation({ set: { unreadCount: 4 } });
      expect(await markConversationRead(handle.db, ref(id))).toBe(true);
      expect((await state(id)).unreadCount).toBe(0);
      expect(await events(id)).toEqual([]);
    });

    it("adds an internal note to the timeline, sending nothing", async () => {
      const id = await conversation();
      const noteId = await addNote(handle.db, { ...ref(id), body: "VIP, refund approved" });
      expect(noteId).toEqual(expect.any(String));
      expect(await events(id)).toEqual([
        {
          kind: "note",
          actorId: agent.id,
          body: "VIP, refund approved",
          workspaceId: shop.workspaceId,
        },
      ]);
      expect(await outbound(id)).toEqual([]);
    });
  });

  it("finds no other workspace's conversation, through any action, and changes nothing of it", async () => {
    const theirs = await conversation({
      in: other,
      set: { status: "closed", unreadCount: 2, needsHuman: true },
    });
    const before = await state(theirs);
    const mine = ref(theirs);
    expect(await takeOver(handle.db, mine)).toBeNull();
    expect(await handBack(handle.db, mine)).toBeNull();
    expect(await closeConversation(handle.db, mine)).toBeNull();
    expect(await reopenConversation(handle.db, mine)).toBeNull();
    expect(await assignConversation(handle.db, { ...mine, assigneeId: agent.id })).toBeNull();
    expect(await assignConversation(handle.db, { ...mine, assigneeId: null })).toBeNull();
    expect(await markConversationRead(handle.db, mine)).toBe(false);
    expect(await addNote(handle.db, { ...mine, body: "peek" })).toBeNull();
    for (const type of ["text", "template"] as const) {
      expect(await queueReply(handle.db, reply(theirs, { type }))).toEqual({ state: "not_found" });
    }
    expect(
      await getInboxConversation(handle.db, { workspaceId: shop.workspaceId, id: theirs }),
    ).toBeNull();
    // An unknown id is the same answer as another workspace's.
    expect(await takeOver(handle.db, ref(randomUUID()))).toBeNull();
    expect(await state(theirs)).toEqual(before);
    expect(await events(theirs)).toEqual([]);
    expect(await outbound(theirs)).toEqual([]);
  });

  describe("queueing a person's reply", () => {
    it("stores the reply pending, and takes the conversation over with one event", async () => {
      const id = await conversation({ set: { needsHuman: true } });
      const queued = await queueReply(handle.db, reply(id));
      expect(queued).toEqual({
        state: "queued",
        messageId: expect.any(String),
        channelId: shop.channelId,
        tookOver: true,
      });
      const [row] = await outbound(id);
      expect(row).toMatchObject({
        id: queued.state === "queued" ? queued.messageId : "",
        type: "text",
        text: "Hello, Ana here. Let me check.",
        status: "pending",
        queueState: "pending",
        source: "human",
        sentBy: agent.id,
        waMessageId: null,
        workspaceId: shop.workspaceId,
        channelId: shop.channelId,
      });
      expect(await state(id)).toMatchObject({
        status: "human",
        needsHuman: false,
        assigneeId: agent.id,
      });
      expect(await events(id)).toMatchObject([{ kind: "took_over", actorId: agent.id }]);
    });

    it("the same composer message twice is one reply and one take-over", async () => {
      const id = await conversation();
      const first = reply(id);
      const a = await queueReply(handle.db, first);
      const b = await queueReply(handle.db, { ...first, text: "edited after a double click" });
      expect(a).toMatchObject({ state: "queued", tookOver: true });
      expect(b).toMatchObject({ state: "queued", tookOver: false });
      expect(a.state === "queued" && b.state === "queued" && a.messageId === b.messageId).toBe(
        true,
      );
      expect((await outbound(id)).map((m) => m.text)).toEqual(["Hello, Ana here. Let me check."]);
      expect(await events(id)).toHaveLength(1);
    });

    it("the same composer message sent twice at once is still one reply", async () => {
      const id = await conversation();
      const first = reply(id);
      const results = await Promise.all([
        queueReply(handle.db, first),
        queueReply(handle.db, first),
      ]);
      expect(results.map((r) => r.state)).toEqual(["queued", "queued"]);
      expect(await outbound(id)).toHaveLength(1);
      expect(await events(id)).toHaveLength(1);
    });

    it("does not take over again a conversation a person already has", async () => {
      const id = await conversation({ set: { status: "human", assigneeId: colleague.id } });
      expect(await queueReply(handle.db, reply(id))).toMatchObject({
        state: "queued",
        tookOver: false,
      });
      expect(await state(id)).toMatchObject({ status: "human", assigneeId: colleague.id });
      expect(await events(id)).toEqual([]);
      expect(await outbound(id)).toHaveLength(1);
    });

    it("takes over a conversation the bot handed to people, clearing its flag", async () => {
      const id = await conversation({
        set: { status: "human", needsHuman: true, handoffReason: "requested" },
      });
      expect(await queueReply(handle.db, reply(id))).toMatchObject({
        state: "queued",
        tookOver: true,
      });
      expect(await state(id)).toMatchObject({
        status: "human",
        needsHuman: false,
        assigneeId: agent.id,
      });
      expect(await events(id)).toMatchObject([{ kind: "took_over", actorId: agent.id }]);
    });

    it("a closed conversation becomes the person's", async () => {
      const id = await conversation({ set: { status: "closed" } });
      expect(await queueReply(handle.db, reply(id))).toMatchObject({ tookOver: true });
      expect((await state(id)).status).toBe("human");
    });

    it("refuses free text once the 24-hour window closed, but allows a template", async () => {
      for (const wroteAgo of [25 * HOUR, null]) {
        const id = await conversation({ wroteAgo });
        expect(await queueReply(handle.db, reply(id))).toEqual({ state: "window_closed" });
        expect(await outbound(id)).toEqual([]);
        expect(await state(id)).toMatchObject({ status: "bot", assigneeId: null });
        expect(await events(id)).toEqual([]);

        const payload = { template: { name: "hello_world", language: "en_US", components: [] } };
        const queued = await queueReply(
          handle.db,
          reply(id, { type: "template", text: "Hello Ana", payload }),
        );
        expect(queued).toMatchObject({ state: "queued", tookOver: true });
        expect(await outbound(id)).toMatchObject([
          { type: "template", text: "Hello Ana", payload, status: "pending" },
        ]);
      }
    });

    it("allows free text just inside the window", async () => {
      const id = await conversation({ wroteAgo: 23.9 * HOUR });
      expect(await queueReply(handle.db, reply(id))).toMatchObject({ state: "queued" });
    });

    it("loads a reply for sending only in its workspace, and only a person's", async () => {
      const id = await conversation();
      const queued = await queueReply(handle.db, reply(id));
      const messageId = queued.state === "queued" ? queued.messageId : "";
      expect(
        await loadQueuedReply(handle.db, { workspaceId: shop.workspaceId, messageId }),
      ).toMatchObject({
        id: messageId,
        conversationId: id,
        type: "text",
        status: "pending",
        channelId: shop.channelId,
        phoneNumberId: shop.phoneNumberId,
        to: expect.stringMatching(/^3519/),
      });
      expect(
        await loadQueuedReply(handle.db, { workspaceId: other.workspaceId, messageId }),
      ).toBeNull();
      const [inbound] = await handle.db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.direction, "inbound")));
      expect(
        await loadQueuedReply(handle.db, {
          workspaceId: shop.workspaceId,
          messageId: inbound?.id ?? "",
        }),
      ).toBeNull();
    });

    it("lists people's replies still queued after a while, not sent ones nor waiting customers", async () => {
      const id = await conversation();
      const stale = await queueReply(handle.db, reply(id));
      const sent = await queueReply(handle.db, reply(id));
      const fresh = await queueReply(handle.db, reply(id));
      const ids = [stale, sent, fresh].map((q) => (q.state === "queued" ? q.messageId : ""));
      const past = new Date(Date.now() - 10 * 60_000);
      await handle.db
        .update(messages)
        .set({ createdAt: past })
        .where(eq(messages.conversationId, id));
      await handle.db
        .update(messages)
        .set({ createdAt: new Date() })
        .where(eq(messages.id, ids[2] ?? ""));
      await handle.db
        .update(messages)
        .set({ status: "sent", queueState: "handled", waMessageId: "wamid.sent" })
        .where(eq(messages.id, ids[1] ?? ""));
      // A customer's message still waiting for the bot is the other sweep's.
      await handle.db
        .update(messages)
        .set({ replyState: "pending" })
        .where(and(eq(messages.conversationId, id), eq(messages.direction, "inbound")));
      const listed = await listStaleQueuedReplies(handle.db, {
        olderThan: new Date(Date.now() - 60_000),
        limit: 500,
      });
      expect(listed.filter((r) => r.conversationId === id)).toEqual([
        {
          workspaceId: shop.workspaceId,
          conversationId: id,
          channelId: shop.channelId,
          messageId: ids[0],
        },
      ]);
    });
  });
});
