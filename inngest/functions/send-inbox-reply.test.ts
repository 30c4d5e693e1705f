import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueReply } from "@/db/queries/inbox-actions";
import { conversations, messages } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { seedConversation } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { seedUser } from "@/lib/testing/workspace-context";
import { handleInboundMessageFn } from "./handle-inbound-message";
import { resendQueuedRepliesFn } from "./resend-queued-replies";
import { failInboxReply, sendInboxReplyFn } from "./send-inbox-reply";

// The Inngest function as Inngest runs it, on a real database and with real HTTP to the Graph
// emulator.
describe("send-inbox-reply under the Inngest executor", () => {
  let h: ReplyHarness;
  let ws: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  let person: SessionUser;

  beforeAll(async () => {
    h = await startReplyHarness("pglite");
    ws = await h.workspace("Inngest Inbox Shop");
    person = await seedUser(h.db, "agent");
  });
  afterAll(() => h.close());

  async function queuedEvent(waId: string) {
    const { id: conversationId } = await seedConversation(h.db, ws, {
      waId,
      start: new Date(),
      count: 1,
    });
    await h.db
      .update(conversations)
      .set({ lastInboundAt: new Date() })
      .where(eq(conversations.id, conversationId));
    const outcome = await queueReply(h.db, {
      workspaceId: ws.workspaceId,
      conversationId,
      userId: person.id,
      clientId: randomUUID(),
      type: "text",
      text: "Hi, Ana here.",
      payload: null,
    });
    if (outcome.state !== "queued") throw new Error(outcome.state);
    return {
      name: "inbox/reply.queued",
      data: {
        workspaceId: ws.workspaceId,
        conversationId,
        channelId: ws.channelId,
        messageId: outcome.messageId,
      },
    } as const;
  }

  const reply = async (id: string) =>
    (await h.db.select().from(messages).where(eq(messages.id, id)))[0];

  it("sends the reply in one step; a second run finds it sent", async () => {
    const event = await queuedEvent("351912000301");
    const before = h.sends().length;
    const first = await new InngestTestEngine({ function: sendInboxReplyFn }).execute({
      events: [event],
    });
    expect(first.ctx.step.run).toHaveBeenCalledWith("send", expect.any(Function));
    expect(first.result).toMatchObject({
      messageId: event.data.messageId,
      outcome: { state: "sent", waMessageId: expect.stringMatching(/^wamid\./) },
    });
    expect(await reply(event.data.messageId)).toMatchObject({ status: "sent" });

    const second = await new InngestTestEngine({ function: sendInboxReplyFn }).execute({
      events: [event],
    });
    expect(second.result).toMatchObject({ outcome: { state: "done" } });
    expect(h.sends().length - before).toBe(1);
  });

  it("marks the reply failed once the retries are spent", async () => {
    const event = await queuedEvent("351912000302");
    await failInboxReply(event.data);
    expect(await reply(event.data.messageId)).toMatchObject({
      status: "failed",
      queueState: "failed",
      errorCode: -1,
    });
  });

  it("shares the bot's per-conversation queue, and throttles per number like it", () => {
    const config = sendInboxReplyFn.opts as unknown as Record<string, unknown>;
    const bot = handleInboundMessageFn.opts as unknown as Record<string, unknown>;
    expect(config.concurrency).toEqual(bot.concurrency);
    // Each function has its own share of the number's rate (inngest/flow-control.test.ts).
    expect((config.throttle as { key: string }).key).toBe((bot.throttle as { key: string }).key);
    expect(config).toMatchObject({
      concurrency: [{ scope: "env", key: '"conversation-" + event.data.conversationId', limit: 1 }],
      idempotency: "event.data.messageId",
    });
    expect(config.retries).toBeGreaterThan(0);
    expect(typeof config.onFailure).toBe("function");
  });

  it("sends replies still queued after a while as events again, each under its message id", async () => {
    const event = await queuedEvent("351912000303");
    const fresh = await queuedEvent("351912000304");
    await h.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(messages.id, event.data.messageId));
    const run = await new InngestTestEngine({ function: resendQueuedRepliesFn }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
      // Inngest itself receives the events; here the step only records them.
      steps: [{ id: "resend", handler: () => ({ ids: [] }) }],
    });
    const sent = (run.ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } }).mock
      .calls[0]?.[1] as Array<{ name: string; id: string; data: { messageId: string } }>;
    const ids = sent.map((e) => e.data.messageId);
    expect(ids).toContain(event.data.messageId);
    expect(ids).not.toContain(fresh.data.messageId);
    expect(sent.find((e) => e.data.messageId === event.data.messageId)).toMatchObject({
      name: "inbox/reply.queued",
      id: event.data.messageId,
      data: event.data,
    });
  });
});
