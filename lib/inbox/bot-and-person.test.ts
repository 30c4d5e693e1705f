import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectChannel } from "@/db/queries/channels";
import { queueReply, takeOver } from "@/db/queries/inbox-actions";
import { contacts, conversations, messages } from "@/db/schema";
import { dispatchInboxReply, dispatchMessagesReceived, inlineRunner } from "@/inngest/dispatch";
import type { SessionUser } from "@/lib/auth/session";
import { SYSTEM_TEXT } from "@/lib/bot/decide";
import { getReplyDeps, provideReplyDeps, type ReplyDeps } from "@/lib/bot/deps";
import * as pipeline from "@/lib/bot/pipeline";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { seedUser } from "@/lib/testing/workspace-context";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
};

let phones = 0;
const phone = () => `2547${String(Date.now()).slice(-6)}${String(++phones).padStart(2, "0")}`;

// The bot and a person never answer the same customer over each other: the bot's answers still
// in flight when a person takes over are dropped, and their jobs run one after the other.
describe.each(testDatabaseKinds)("the bot and a person in one conversation on %s", (kind) => {
  let h: ReplyHarness;
  let ws: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  let person: SessionUser;

  beforeAll(async () => {
    h = await startReplyHarness(kind);
    ws = await h.workspace("Shared Shop", { faqs: [HOURS_FAQ] });
    person = await seedUser(h.db, "agent");
  });
  afterAll(() => h.close());

  /** A customer's message waiting for the bot, as the webhook stores it. */
  async function waiting(text: string, shop = ws) {
    const waId = phone();
    const { id: conversationId } = await seedConversation(h.db, shop, {
      waId,
      start: new Date(),
      count: 1,
    });
    await h.db
      .update(conversations)
      .set({ lastInboundAt: new Date() })
      .where(eq(conversations.id, conversationId));
    const [message] = await h.db
      .update(messages)
      .set({ replyState: "pending", text })
      .where(eq(messages.conversationId, conversationId))
      .returning({ id: messages.id });
    const job = {
      workspaceId: shop.workspaceId,
      conversationId,
      channelId: shop.channelId,
      messageId: message?.id ?? "",
    };
    return { waId, job, target: { workspaceId: shop.workspaceId, messageId: job.messageId } };
  }

  const outbound = (conversationId: string) =>
    h.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "outbound")));
  const sendsTo = (waId: string) =>
    h.sends().filter((c) => (c.body as { to?: string }).to === `+${waId}`);
  const byPerson = (conversationId: string) => ({
    workspaceId: ws.workspaceId,
    conversationId,
    userId: person.id,
  });

  it("an answer planned before a person took over is not sent", async () => {
    const { waId, job, target } = await waiting("what are your opening hours?");
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    expect(plan.decision.answer).toBe(true);

    expect(await takeOver(h.db, byPerson(job.conversationId))).toEqual({ changed: true });
    const answer = await pipeline.composeAnswer(deps, target, plan.ctx, "opening hours");
    for (const kind of [answer.kind, "away", "handoff"]) {
      expect(
        await pipeline.sendReply(deps, target, plan.ctx, {
          text: answer.text,
          source: answer.source,
          kind,
        }),
      ).toEqual({ state: "skipped", reason: "person_handles" });
    }
    expect(await outbound(job.conversationId)).toEqual([]);
    expect(sendsTo(waId)).toEqual([]);
  });

  it("an answer planned before the number was disconnected is not sent", async () => {
    const shop = await h.workspace("Leaving Shop", { faqs: [HOURS_FAQ] });
    const { waId, job, target } = await waiting("opening hours?", shop);
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    expect(plan.decision.answer).toBe(true);

    await disconnectChannel(h.db, {
      workspaceId: shop.workspaceId,
      id: shop.channelId,
      reason: "Disconnected by the owner.",
    });
    await expect(
      pipeline.sendReply(deps, target, plan.ctx, {
        text: HOURS_FAQ.answer,
        source: "faq",
        kind: "answer",
      }),
    ).rejects.toThrow("The channel has no access token");
    expect(await outbound(job.conversationId)).toEqual([]);
    expect(sendsTo(waId)).toEqual([]);
  });

  it("the customer's opt-out is still confirmed after a person took over", async () => {
    const { waId, job, target } = await waiting("STOP");
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    expect(plan.decision.notices.map((n) => n.kind)).toEqual(["opt_out"]);

    await takeOver(h.db, byPerson(job.conversationId));
    await pipeline.applyOptOut(deps, target, plan.ctx, true);
    const sent = await pipeline.sendReply(deps, target, plan.ctx, {
      text: SYSTEM_TEXT.optOut,
      source: "system",
      kind: "opt_out",
    });
    expect(sent).toMatchObject({ state: "sent", waMessageId: expect.stringMatching(/^wamid\./) });
    expect(await outbound(job.conversationId)).toMatchObject([
      { text: SYSTEM_TEXT.optOut, status: "sent" },
    ]);
    expect(sendsTo(waId)).toHaveLength(1);
    await pipeline.finish(deps, { ...target, conversationId: job.conversationId }, "handled");

    // The same through the whole job, for a customer who writes STOP to a person.
    await h.says(ws, waId, "START");
    await h.says(ws, waId, "stop");
    const [contact] = await h.db.select().from(contacts).where(eq(contacts.waId, waId));
    expect(contact?.optedOut).toBe(true);
    expect((await outbound(job.conversationId)).map((m) => m.text)).toEqual([
      SYSTEM_TEXT.optOut,
      SYSTEM_TEXT.optIn,
      SYSTEM_TEXT.optOut,
    ]);
  });

  it("runs the bot's job and a person's reply of one conversation one after the other", async () => {
    const { waId, job } = await waiting("when are you open?");
    const deps = await getReplyDeps();
    // The bot's job is held at its first call to WhatsApp (marking the message read).
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const atGate = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const held: ReplyDeps = {
      ...deps,
      graph: {
        ...deps.graph,
        markRead: async (...args: Parameters<ReplyDeps["graph"]["markRead"]>) => {
          reached();
          await gate;
          return deps.graph.markRead(...args);
        },
      },
    };
    provideReplyDeps(held);
    try {
      await dispatchMessagesReceived([job], { schedule: (task) => task(), driver: "inline" });
      await atGate;

      const queued = await queueReply(h.db, {
        ...byPerson(job.conversationId),
        clientId: randomUUID(),
        type: "text",
        text: "Hi, Ana from the shop here.",
        payload: null,
      });
      if (queued.state !== "queued") throw new Error(queued.state);
      await dispatchInboxReply(
        { ...job, messageId: queued.messageId },
        { schedule: (task) => task(), driver: "inline" },
      );
      // The person's reply waits behind the bot's job rather than running beside it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sendsTo(waId)).toEqual([]);
      const [pending] = await outbound(job.conversationId);
      expect(pending).toMatchObject({ status: "pending", source: "human" });

      release();
      await inlineRunner().idle();
    } finally {
      release();
      provideReplyDeps(deps);
    }
    // The bot's answer, planned before the person took over, was dropped; the person's went out.
    expect(sendsTo(waId).map((c) => (c.body as { text?: { body: string } }).text?.body)).toEqual([
      "Hi, Ana from the shop here.",
    ]);
    expect(await outbound(job.conversationId)).toMatchObject([
      { source: "human", status: "sent", text: "Hi, Ana from the shop here." },
    ]);
  });

  it("drops a bot answer left unsent by an earlier attempt once a person has taken over", async () => {
    const { job, target } = await waiting("what are your opening hours?");
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    // An earlier attempt created the row, then failed before WhatsApp had it.
    await h.db.insert(messages).values({
      workspaceId: ws.workspaceId,
      conversationId: job.conversationId,
      channelId: ws.channelId,
      direction: "outbound",
      type: "text",
      text: "We are open Mon-Fri 9-18.",
      status: "pending",
      source: "faq",
      replyToId: target.messageId,
      replyKey: `${target.messageId}:faq`,
    });
    await takeOver(h.db, byPerson(job.conversationId));
    expect(
      await pipeline.sendReply(deps, target, plan.ctx, {
        text: "We are open Mon-Fri 9-18.",
        source: "faq",
        kind: "faq",
      }),
    ).toEqual({ state: "skipped", reason: "person_handles" });
    expect(await outbound(job.conversationId)).toEqual([]);
  });

  /** An answer row an earlier run claimed and called WhatsApp for, then died: in doubt. */
  async function inDoubt(
    job: { conversationId: string; messageId: string },
    text: string,
    at: Date,
  ) {
    const [row] = await h.db
      .insert(messages)
      .values({
        workspaceId: ws.workspaceId,
        conversationId: job.conversationId,
        channelId: ws.channelId,
        direction: "outbound",
        type: "text",
        text,
        status: "pending",
        source: "ai",
        replyToId: job.messageId,
        replyKey: `${job.messageId}:answer`,
        sendingAt: at,
        sendAttempts: 1,
      })
      .returning({ id: messages.id });
    return row?.id ?? "";
  }

  it("an answer in doubt when a person takes over waits for WhatsApp, then is marked unconfirmed, never sent again", async () => {
    const { waId, job, target } = await waiting("what are your opening hours?");
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    const id = await inDoubt(job, "We are open Mon-Fri 9-18.", new Date());
    await takeOver(h.db, byPerson(job.conversationId));
    const reply = { text: "We are open Mon-Fri 9-18.", source: "faq" as const, kind: "answer" };
    // Within the window it waits for the status webhook rather than dropping the row.
    await expect(pipeline.sendReply(deps, target, plan.ctx, reply)).rejects.toMatchObject({
      name: "RetryAfterError",
    });
    await h.db
      .update(messages)
      .set({ sendingAt: new Date(Date.now() - 2 * deps.reconcileMs) })
      .where(eq(messages.id, id));
    expect(await pipeline.sendReply(deps, target, plan.ctx, reply)).toEqual({
      state: "skipped",
      reason: "person_handles",
    });
    expect(await outbound(job.conversationId)).toMatchObject([
      { id, status: "failed", errorCode: -7 },
    ]);
    expect(sendsTo(waId)).toEqual([]);
  });

  it("a run repeated after a crash sends the answer already claimed, not a second one", async () => {
    const { waId, job, target } = await waiting("do you sell drums?");
    const deps = await getReplyDeps();
    const plan = await pipeline.planReply(deps, target);
    if (plan.state !== "plan") throw new Error("expected a plan");
    // The first run's AI answer went to WhatsApp unconfirmed; this run's AI failed: a fallback.
    await inDoubt(job, "Yes, we sell drums.", new Date(Date.now() - 2 * deps.reconcileMs));
    const sent = await pipeline.sendReply(deps, target, plan.ctx, {
      text: "Sorry, I can't answer that yet.",
      source: "system",
      kind: "fallback",
    });
    expect(sent).toMatchObject({ state: "sent" });
    const texts = sendsTo(waId).map((c) => (c.body as { text?: { body: string } }).text?.body);
    expect(texts).toEqual(["Yes, we sell drums."]);
    expect(await outbound(job.conversationId)).toHaveLength(1);
  });

  it("a finished run's lease does not hold the conversation", async () => {
    const { job } = await waiting("first");
    const deps = await getReplyDeps();
    const [second] = await h.db
      .insert(messages)
      .values({
        workspaceId: ws.workspaceId,
        conversationId: job.conversationId,
        channelId: ws.channelId,
        direction: "inbound",
        waMessageId: `wamid.${randomUUID()}`,
        type: "text",
        text: "second",
        status: "received",
        replyState: "pending",
      })
      .returning({ id: messages.id });
    const run = (messageId: string) => ({
      workspaceId: ws.workspaceId,
      conversationId: job.conversationId,
      messageId,
    });
    expect(await pipeline.takeConversation(deps, run(job.messageId))).toBe("taken");
    expect(await pipeline.takeConversation(deps, run(second?.id ?? ""))).toBe("busy");
    // The first run finished its message, then died before giving the conversation back.
    await h.db
      .update(messages)
      .set({ replyState: "handled" })
      .where(eq(messages.id, job.messageId));
    expect(await pipeline.takeConversation(deps, run(second?.id ?? ""))).toBe("taken");
  });

  it("a hand-off the bot decided before a person took over leaves the conversation theirs", async () => {
    const { job, target } = await waiting("I want to talk to a person");
    await takeOver(h.db, byPerson(job.conversationId));
    const deps = await getReplyDeps();
    const ctx = await pipeline.contextOf(deps, target);
    if (!ctx) throw new Error("expected a context");
    expect(await pipeline.handOff(deps, target, ctx, "requested")).toBeNull();
    expect(await pipeline.handOff(deps, target, ctx, "unanswered")).toBeNull();
    const [after] = await h.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, job.conversationId));
    expect(after).toMatchObject({ status: "human", needsHuman: false, assigneeId: person.id });
  });
});
