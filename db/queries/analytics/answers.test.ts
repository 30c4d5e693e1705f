import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { queryRows } from "@/db/rows";
import { messages } from "@/db/schema";
import { normalize } from "@/lib/bot/text";
import { RATING_ID_PREFIX } from "@/lib/csat/rating-buttons";
import { local, RANGE, seedAnalyticsFixture, thread } from "@/lib/testing/analytics-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { answerSources } from "./answer-sources";
import { firstResponseTimes } from "./response-times";
import { normalizedText, unansweredQuestions } from "./unanswered-questions";

const zero = { faq: 0, ai: 0, fallback: 0, system: 0, human: 0, questions: 0, faqAnswered: 0 };

// The figures below are counted by hand from lib/testing/analytics-fixture.ts.
describe.each(testDatabaseKinds)("analytics answers on %s", (kind) => {
  let handle: DatabaseHandle;
  let range: typeof RANGE & { workspaceId: string };
  let shopChannelId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const { shop } = await seedAnalyticsFixture(handle.db);
    range = { ...RANGE, workspaceId: shop.workspaceId };
    shopChannelId = shop.channelId;
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("counts replies by how they were written, and the FAQ hit rate", async () => {
    // FAQ hit rate = customer messages answered from the FAQ / customer messages the bot answered
    // or tried to answer (a FAQ answer, an AI answer, sent or not, or the fallback).
    // Monday: FAQ answers to Ana and Carla, AI answers to Ana and Bruno (refused by WhatsApp, still
    // written), the fallback to Ana, and two replies of Ana's person: 2 of 5 questions from the
    // FAQ. Wednesday: the fallback to Carla, the opt-out and hand-off notices, two replies of
    // Duda's person (one still queued): 0 of 1.
    expect(await answerSources(handle.db, range)).toEqual({
      days: [
        {
          day: "2026-03-02",
          ...{ faq: 2, ai: 2, fallback: 1, system: 0, human: 2, questions: 5, faqAnswered: 2 },
          faqHitRate: 0.4,
        },
        { day: "2026-03-03", ...zero, faqHitRate: null },
        {
          day: "2026-03-04",
          ...{ faq: 0, ai: 0, fallback: 1, system: 2, human: 2, questions: 1, faqAnswered: 0 },
          faqHitRate: 0,
        },
      ],
      total: {
        ...{ faq: 2, ai: 2, fallback: 2, system: 2, human: 4, questions: 6, faqAnswered: 2 },
        faqHitRate: 1 / 3,
      },
    });
  });

  it("groups the questions the bot could not answer, most asked first", async () => {
    // Ana's "Niterói?" and Carla's "Niteroi" got the fallback; Carla's Sunday question was handed
    // off as unanswered on Monday. The neighbour asks "Niterói?" every day.
    expect(await unansweredQuestions(handle.db, { ...range, limit: 10 })).toEqual([
      {
        normalized: "do you deliver to niteroi",
        count: 2,
        lastAskedAt: local("2026-03-04T23:30:00"),
        example: "Do you deliver to Niteroi",
      },
      {
        normalized: "is the store open on sunday",
        count: 1,
        lastAskedAt: local("2026-03-01T23:50:00"),
        example: "Is the store open on Sunday?",
      },
    ]);
    const top = await unansweredQuestions(handle.db, { ...range, limit: 1 });
    expect(top.map((q) => q.normalized)).toEqual(["do you deliver to niteroi"]);
  });

  it("normalises text in SQL as the FAQ matcher does", async () => {
    const texts = [
      "Do you deliver to Niterói?",
      "  ¿Dónde   ESTÁ mi pedido?? ",
      "John's order #123, please!",
      "Don't stop",
      "Привет, МИР",
      "a_b-c.d",
    ];
    for (const text of texts) {
      const [row] = await queryRows<{ n: string }>(
        handle.db,
        sql`select ${normalizedText(sql`${text}::text`)} as n`,
      );
      expect(row?.n).toBe(normalize(text));
    }
  });

  it("measures the first response of the bot and of people", async () => {
    // Bot waits: Ana 4 s, 6 s and 2 s, Bruno's Wednesday STOP 1 s, Carla's Wednesday question 5 s,
    // Duda 1 s. Median (2 + 4) / 2 = 3 s; p90 at rank 0.9 × 5 = 4.5, between 5 s and 6 s.
    // People's waits: Ana's hand-off 10 min and her "hello?" 9 min, Carla's hand-off answered an
    // hour later (after the range), Duda's hand-off 20 min; unanswered: Bruno (his answer was
    // refused and no one wrote), Duda's thanks (the reply is still queued) and Ana's two messages
    // on the second number. Median (10 + 20) / 2 = 15 min; p90 at rank 2.7: 20 min + 0.7 × 40 min.
    const times = await firstResponseTimes(handle.db, range);
    expect(times.bot.answered).toBe(6);
    expect(times.bot.medianMs).toBeCloseTo(3_000, 6);
    expect(times.bot.p90Ms).toBeCloseTo(5_500, 6);
    expect(times.people.answered).toBe(4);
    expect(times.people.unanswered).toBe(4);
    expect(times.people.medianMs).toBeCloseTo(900_000, 6);
    expect(times.people.p90Ms).toBeCloseTo(2_880_000, 6);
  });

  it("leaves a tap on a rating request and the bot's thanks for it out of response times", async () => {
    const before = await firstResponseTimes(handle.db, range);
    const rated = await thread(
      handle.db,
      { workspaceId: range.workspaceId, channelId: shopChannelId },
      { waId: "5511900000099", name: "Rita" },
      local("2026-03-03T10:00:00"),
    );
    await rated.out("2026-03-03T10:00:00", { source: "human", status: "read" });
    const [tap] = await handle.db
      .insert(messages)
      .values({
        workspaceId: range.workspaceId,
        conversationId: rated.id,
        channelId: shopChannelId,
        direction: "inbound",
        type: "interactive",
        text: "Good",
        payload: {
          interactive: {
            type: "button_reply",
            button_reply: { id: `${RATING_ID_PREFIX}${randomUUID()}:3`, title: "Good" },
          },
        },
        status: "received",
        replyState: "handled",
        createdAt: local("2026-03-03T10:05:00"),
      })
      .returning({ id: messages.id });
    await handle.db.insert(messages).values({
      workspaceId: range.workspaceId,
      conversationId: rated.id,
      channelId: shopChannelId,
      direction: "outbound",
      type: "text",
      text: "Thank you for your rating!",
      replyKind: "rating_thanks",
      status: "read",
      source: "system",
      replyToId: tap?.id ?? null,
      createdAt: local("2026-03-03T10:05:01"),
    });
    expect(await firstResponseTimes(handle.db, range)).toEqual(before);
  });

  it("gives zeros and no rate or times for a range without activity", async () => {
    const quiet = {
      ...range,
      from: new Date("2025-06-01T12:00:00Z"),
      to: new Date("2025-06-01T12:00:00Z"),
    };
    expect(await answerSources(handle.db, quiet)).toEqual({
      days: [{ day: "2025-06-01", ...zero, faqHitRate: null }],
      total: { ...zero, faqHitRate: null },
    });
    expect(await unansweredQuestions(handle.db, { ...quiet, limit: 10 })).toEqual([]);
    expect(await firstResponseTimes(handle.db, quiet)).toEqual({
      bot: { answered: 0, medianMs: null, p90Ms: null },
      people: { answered: 0, unanswered: 0, medianMs: null, p90Ms: null },
    });
  });
});
