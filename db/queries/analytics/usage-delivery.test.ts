import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { RANGE, seedAnalyticsFixture } from "@/lib/testing/analytics-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { topConversationsByCost } from "./ai-top-conversations";
import { aiUsage } from "./ai-usage";
import { deliveryFunnel } from "./delivery";
import { handoffs } from "./handoffs";
import { optOuts } from "./opt-outs";

const none = { replies: 0, helpCalls: 0, promptTokens: 0, completionTokens: 0, costMicros: 0 };
const unnotified = { notified: 0, notifiedByWhatsapp: 0, notifiedByEmail: 0, notifyFailed: 0 };

// The figures below are counted by hand from lib/testing/analytics-fixture.ts.
describe.each(testDatabaseKinds)("analytics usage and delivery on %s", (kind) => {
  let handle: DatabaseHandle;
  let range: typeof RANGE & { workspaceId: string };
  let ids: { ana: string; bruno: string };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const { shop, conversations } = await seedAnalyticsFixture(handle.db);
    range = { ...RANGE, workspaceId: shop.workspaceId };
    ids = { ana: conversations.ana.id, bruno: conversations.bruno.id };
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("adds up AI answers, tokens and cost per day and per model", async () => {
    // Ana's answer (gpt-4o-mini) and Bruno's (gpt-4.1, refused by WhatsApp but paid for).
    expect(await aiUsage(handle.db, range)).toEqual({
      days: [
        {
          day: "2026-03-02",
          replies: 2,
          helpCalls: 0,
          promptTokens: 300,
          completionTokens: 70,
          costMicros: 1500,
        },
        { day: "2026-03-03", ...none },
        { day: "2026-03-04", ...none },
      ],
      models: [
        {
          model: "gpt-4.1",
          replies: 1,
          helpCalls: 0,
          promptTokens: 200,
          completionTokens: 50,
          costMicros: 1200,
        },
        {
          model: "gpt-4o-mini",
          replies: 1,
          helpCalls: 0,
          promptTokens: 100,
          completionTokens: 20,
          costMicros: 300,
        },
      ],
      total: {
        replies: 2,
        helpCalls: 0,
        promptTokens: 300,
        completionTokens: 70,
        costMicros: 1500,
      },
    });
  });

  it("lists the conversations whose AI answers cost most", async () => {
    // Messages in the range: Bruno's two questions and two replies; Ana's first conversation's
    // four questions and five replies.
    expect(await topConversationsByCost(handle.db, { ...range, limit: 5 })).toEqual([
      {
        conversationId: ids.bruno,
        contactName: "Bruno",
        contactWaId: "5511900000002",
        costMicros: 1200,
        aiReplies: 1,
        messages: 4,
      },
      {
        conversationId: ids.ana,
        contactName: "Ana",
        contactWaId: "5511900000001",
        costMicros: 300,
        aiReplies: 1,
        messages: 9,
      },
    ]);
    const [first, ...rest] = await topConversationsByCost(handle.db, { ...range, limit: 1 });
    expect([first?.conversationId, rest]).toEqual([ids.bruno, []]);
  });

  it("counts every outbound message in each delivery stage it reached", async () => {
    // 12 outbound messages: 1 queued; 9 now sent, delivered, read or played, plus the failure
    // WhatsApp had accepted, make 10 sent; 8 delivered or further; 4 read or played; 2 failed.
    expect(await deliveryFunnel(handle.db, range)).toEqual({
      outbound: 12,
      pending: 1,
      sent: 10,
      delivered: 8,
      read: 4,
      failed: 2,
      failures: [
        { errorCode: 131026, count: 1 },
        { errorCode: 131047, count: 1 },
      ],
    });
  });

  it("counts hand-offs by reason and how the escalation contact was told", async () => {
    // In the range: Ana's and Carla's two unanswered questions and Carla's Sunday question
    // (handed off on Monday), Bruno's refused answer, Duda's request; Carla's outside-hours
    // hand-off on Sunday is before it. One take-over on Wednesday; Thursday's is after.
    const zeroReason = { count: 0, ...unnotified };
    expect(await handoffs(handle.db, range)).toEqual({
      count: 5,
      notified: 4,
      notifiedByWhatsapp: 2,
      notifiedByEmail: 2,
      notifyFailed: 1,
      takenOver: 1,
      byReason: [
        {
          reason: "requested",
          ...{ count: 1, notified: 1, notifiedByWhatsapp: 1, notifiedByEmail: 0, notifyFailed: 1 },
        },
        {
          reason: "reply_failed",
          ...{ count: 1, notified: 1, notifiedByWhatsapp: 0, notifiedByEmail: 1, notifyFailed: 0 },
        },
        { reason: "rate_limited", ...zeroReason },
        { reason: "window_closed", ...zeroReason },
        { reason: "outside_hours", ...zeroReason },
        { reason: "channel_unavailable", ...zeroReason },
        {
          reason: "unanswered",
          ...{ count: 3, notified: 2, notifiedByWhatsapp: 1, notifiedByEmail: 1, notifyFailed: 0 },
        },
        { reason: "order", ...zeroReason },
      ],
    });
  });

  it("counts the opt-outs and opt-ins that happened in the range", async () => {
    // Bruno sent STOP on Wednesday and opted back in that evening: one of each, though he is
    // subscribed now. Carla opted out the day before the range.
    expect(await optOuts(handle.db, range)).toEqual({ optedOut: 1, optedIn: 1 });
  });

  it("gives zeros for a range without activity", async () => {
    const quiet = {
      ...range,
      from: new Date("2025-06-01T12:00:00Z"),
      to: new Date("2025-06-01T12:00:00Z"),
    };
    expect(await aiUsage(handle.db, quiet)).toEqual({
      days: [{ day: "2025-06-01", ...none }],
      models: [],
      total: none,
    });
    expect(await topConversationsByCost(handle.db, { ...quiet, limit: 5 })).toEqual([]);
    expect(await deliveryFunnel(handle.db, quiet)).toEqual({
      ...{ outbound: 0, pending: 0, sent: 0, delivered: 0, read: 0, failed: 0 },
      failures: [],
    });
    const counted = await handoffs(handle.db, quiet);
    expect([counted.count, counted.takenOver, counted.byReason.length]).toEqual([0, 0, 8]);
    expect(await optOuts(handle.db, quiet)).toEqual({ optedOut: 0, optedIn: 0 });
  });
});
