import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages, sandboxMessages } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import type { JobStep } from "../step";
import { handleInboundMessage } from "./handle-inbound-message";

const FAQS = [
  { question: "What are your opening hours?", answer: "Open 9-18.", keywords: ["hours"] },
  { question: "How much is delivery?", answer: "Delivery is free.", keywords: ["delivery"] },
];

/**
 * Runs several job runs as Inngest does with a concurrency limit of one per conversation: one step
 * executes at a time, steps of different runs are served in the order they were asked for (so
 * runs alternate step by step), sleeping runs hold nothing, and a run whose step throws is run
 * again later with its finished steps memoised.
 */
function interleaved() {
  let queue = Promise.resolve();
  const oneStepAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn);
    queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  return async function run(data: Parameters<typeof handleInboundMessage>[0]["event"]["data"]) {
    const memo = new Map<string, unknown>();
    const step = {
      run: async (id: string, fn: () => Promise<unknown>) => {
        if (memo.has(id)) return memo.get(id);
        const value = await oneStepAtATime(fn);
        const result = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
        memo.set(id, result);
        return result;
      },
      sleep: async (id: string) => {
        if (memo.has(id)) return;
        await new Promise((r) => setTimeout(r, 5));
        memo.set(id, undefined);
      },
    } as unknown as JobStep;
    for (let attempt = 0; attempt < 6; attempt++) {
      try {
        return await handleInboundMessage({ event: { data }, step, attempt });
      } catch {
        // Retried after a pause in which the other run's steps go ahead.
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    throw new Error("the run failed after its retries");
  };
}

describe.each(testDatabaseKinds)(
  "runs of one conversation interleaved step by step on %s",
  (kind) => {
    let h: ReplyHarness;
    beforeAll(async () => {
      h = await startReplyHarness(kind);
    });
    afterAll(() => h.close());

    async function twoWaiting(texts: [string, string]) {
      const ws = await h.workspace(`Interleave ${Date.now()}`, { faqs: FAQS });
      const waId = `2547${String(Date.now()).slice(-8)}`;
      const { id: conversationId } = await seedConversation(h.db, ws, {
        waId,
        start: new Date(),
        count: 2,
      });
      await h.db
        .update(conversations)
        .set({ lastInboundAt: new Date() })
        .where(eq(conversations.id, conversationId));
      const rows = await h.db
        .select({ id: messages.id, seq: messages.seq })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(messages.seq);
      for (const [i, row] of rows.entries()) {
        await h.db
          .update(messages)
          .set({ replyState: "pending", text: texts[i] })
          .where(eq(messages.id, row.id));
      }
      const job = (messageId: string) => ({
        workspaceId: ws.workspaceId,
        conversationId,
        channelId: ws.channelId,
        messageId,
      });
      return { waId, first: job(rows[0]?.id ?? ""), second: job(rows[1]?.id ?? "") };
    }

    // What WhatsApp accepted for the customer, in the order it accepted it.
    const answersTo = async (waId: string) => {
      const rows = await h.db
        .select({ body: sandboxMessages.body, customer: sandboxMessages.customer })
        .from(sandboxMessages)
        .where(eq(sandboxMessages.direction, "to_customer"))
        .orderBy(asc(sandboxMessages.createdAt));
      return rows
        .filter((r) => r.customer.replace(/\D/g, "") === waId)
        .map((r) => (r.body as { text?: { body: string } }).text?.body);
    };

    it("answers in the customer's order even when the first answer's send has to be retried", async () => {
      const { waId, first, second } = await twoWaiting([
        "what are your opening hours?",
        "how much is delivery?",
      ]);
      // The first answer's send is refused as overloaded until the Graph client's own retries are
      // spent, so its run fails and retries while the second run's steps go ahead.
      for (let i = 0; i < 4; i++) {
        h.faults.push({ status: 503, body: { error: { code: 131000, message: "busy" } } });
      }
      const run = interleaved();
      await Promise.all([run(first), run(second)]);
      expect(await answersTo(waId)).toEqual(["Open 9-18.", "Delivery is free."]);
      const states = await h.db
        .select({ replyState: messages.replyState })
        .from(messages)
        .where(
          and(eq(messages.conversationId, first.conversationId), eq(messages.direction, "inbound")),
        );
      expect(states.map((s) => s.replyState)).toEqual(["handled", "handled"]);
    });

    it("two runs of the same message answer it once", async () => {
      const { waId, first, second } = await twoWaiting(["what are your opening hours?", "thanks"]);
      const run = interleaved();
      await Promise.all([run(first), run(first)]);
      await run(second);
      expect((await answersTo(waId)).filter((t) => t === "Open 9-18.")).toHaveLength(1);
    });
  },
);
