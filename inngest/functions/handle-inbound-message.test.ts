import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages } from "@/db/schema";
import { seedConversation } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { handleInboundMessageFn } from "./handle-inbound-message";

const FAQ = {
  question: "Where is your shop?",
  answer: "Rua Augusta 10, Lisbon.",
  keywords: ["address"],
};

// The Inngest function as Inngest runs it (replaying the handler per step), on a real database
// and with real HTTP to the Graph emulator.
describe("handle-inbound-message under the Inngest executor", () => {
  let h: ReplyHarness;
  let ws: Awaited<ReturnType<ReplyHarness["workspace"]>>;

  async function pendingMessage(waId: string, text: string) {
    const conversation = await seedConversation(h.db, ws, { waId, start: new Date(), count: 1 });
    await h.db
      .update(conversations)
      .set({ lastInboundAt: new Date() })
      .where(eq(conversations.id, conversation.id));
    const [message] = await h.db
      .update(messages)
      .set({ replyState: "pending", text })
      .where(eq(messages.conversationId, conversation.id))
      .returning();
    return {
      name: "whatsapp/message.received",
      data: {
        workspaceId: ws.workspaceId,
        conversationId: conversation.id,
        channelId: ws.channelId,
        messageId: message?.id ?? "",
      },
    } as const;
  }

  const outbound = (conversationId: string) =>
    h.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "outbound")));

  beforeAll(async () => {
    h = await startReplyHarness("pglite");
    ws = await h.workspace("Inngest Shop", { faqs: [FAQ] });
  });
  afterAll(() => h.close());

  it("answers from the FAQ in separate steps; a second run finds the message handled", async () => {
    const event = await pendingMessage("254700000100", "where is the shop?");
    const first = await new InngestTestEngine({ function: handleInboundMessageFn }).execute({
      events: [event],
    });
    expect(first.result).toMatchObject({ outcome: "answer", source: "faq" });
    for (const id of ["take-conversation", "mark-read", "compose-answer", "send-answer"]) {
      expect(first.ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
    }
    // Recording the answer's send ended the run: no step of its own finishes it.
    expect(first.ctx.step.run).not.toHaveBeenCalledWith("finish", expect.any(Function));
    const [question] = await h.db
      .select({ replyState: messages.replyState })
      .from(messages)
      .where(eq(messages.id, event.data.messageId));
    expect(question?.replyState).toBe("handled");
    const [conversation] = await h.db
      .select({ lease: conversations.replyLeaseMessageId })
      .from(conversations)
      .where(eq(conversations.id, event.data.conversationId));
    expect(conversation?.lease).toBeNull();
    const sent = await outbound(event.data.conversationId);
    expect(sent.map((m) => m.text)).toEqual([FAQ.answer]);

    // A fresh engine: the same one would replay its memoised step results.
    const second = await new InngestTestEngine({ function: handleInboundMessageFn }).execute({
      events: [event],
    });
    expect(second.result).toMatchObject({ outcome: "already-handled" });
    expect(await outbound(event.data.conversationId)).toHaveLength(1);
  });

  it("sends what the compose step returns (here mocked as an AI answer)", async () => {
    const event = await pendingMessage("254700000101", "tell me a joke");
    const { result } = await new InngestTestEngine({ function: handleInboundMessageFn }).execute({
      events: [event],
      steps: [
        {
          id: "compose-answer",
          handler: () => ({
            text: "Here is one!",
            source: "ai",
            kind: "answer",
            faqId: null,
            score: null,
            ai: {
              provider: "one",
              model: "gpt-4o-mini",
              promptTokens: 10,
              completionTokens: 3,
              costMicros: 3,
              latencyMs: 5,
            },
            aiFailures: [],
          }),
        },
      ],
    });
    expect(result).toMatchObject({ outcome: "answer", source: "ai" });
    const [reply] = await outbound(event.data.conversationId);
    expect(reply).toMatchObject({
      text: "Here is one!",
      source: "ai",
      aiModel: "gpt-4o-mini",
      promptTokens: 10,
    });
  });

  it("refuses an event that does not match the schema", async () => {
    const engine = new InngestTestEngine({ function: handleInboundMessageFn });
    const { error } = await engine.execute({
      events: [{ name: "whatsapp/message.received", data: { workspaceId: "nope" } }] as never,
    });
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/workspaceId|messageId/);
  });

  it("declares the flow control Inngest applies", () => {
    const config = handleInboundMessageFn.opts as unknown as Record<string, unknown>;
    expect(config).toMatchObject({
      // Shared with the inbox's reply job: one queue per conversation across both functions.
      concurrency: [{ scope: "env", key: '"conversation-" + event.data.conversationId', limit: 1 }],
      idempotency: "event.data.messageId",
      throttle: { key: "event.data.channelId" },
    });
    expect(config.retries).toBeGreaterThan(0);
    expect(typeof config.onFailure).toBe("function");
  });
});
