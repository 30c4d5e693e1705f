import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { messageVolume } from "@/db/queries/analytics/message-volume";
import { type AnalyticsReport, readAnalytics } from "@/db/queries/analytics/report";
import { parseCsv } from "@/lib/faqs/csv";
import { RANGE, seedAnalyticsFixture } from "@/lib/testing/analytics-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { analyticsToCsv, microsToUsd } from "./export-csv";

const ABOUT = { from: "2026-03-02", to: "2026-03-04", timeZone: RANGE.timeZone };

/** The lines of one titled section, header first, without the title and the blank line after. */
function section(csv: string, title: string): string[] {
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
  const start = lines.indexOf(title);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end);
}

describe.each(testDatabaseKinds)("analytics CSV export on %s", (kind) => {
  let handle: DatabaseHandle;
  let report: AnalyticsReport;
  let csv: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const { shop } = await seedAnalyticsFixture(handle.db);
    const range = { ...RANGE, workspaceId: shop.workspaceId };
    report = await readAnalytics(handle.db, range);
    expect(report.messages).toEqual(await messageVolume(handle.db, range));
    csv = analyticsToCsv(report, ABOUT);
  });

  afterAll(async () => {
    await handle?.close();
  });

  // The same figures as the query tests, which count them by hand from the fixture.
  it("writes the activity and reply figures as the queries give them", () => {
    expect(section(csv, "Activity per day")).toEqual([
      "day,messages in,messages out,conversations started,active contacts",
      "2026-03-02,7,7,3,3",
      "2026-03-03,0,0,0,0",
      "2026-03-04,5,5,1,4",
    ]);
    expect(section(csv, "Active contacts over the range")).toEqual(["contacts", "4"]);
    expect(section(csv, "Replies by how they were written")).toEqual([
      "day,faq,ai,fallback,bot notices,people,questions,answered from faq,faq hit rate",
      "2026-03-02,2,2,1,0,2,5,2,0.4",
      "2026-03-03,0,0,0,0,0,0,0,",
      "2026-03-04,0,0,1,2,2,1,0,0",
      `total,2,2,2,2,4,6,2,${1 / 3}`,
    ]);
    expect(section(csv, "Unanswered questions")).toEqual([
      "question,grouped as,times asked,last asked",
      "Do you deliver to Niteroi,do you deliver to niteroi,2,2026-03-05T02:30:00.000Z",
      "Is the store open on Sunday?,is the store open on sunday,1,2026-03-02T02:50:00.000Z",
    ]);
    const { bot, people } = report.responseTimes;
    expect(section(csv, "First response time")).toEqual([
      "by,answered,unanswered,median ms,p90 ms",
      `bot,6,,${bot.medianMs},${bot.p90Ms}`,
      `people,4,4,${people.medianMs},${people.p90Ms}`,
    ]);
  });

  it("writes AI usage, delivery, hand-offs and busiest hours as the queries give them", () => {
    expect(section(csv, "AI usage per day")).toEqual([
      "day,ai answers,prompt tokens,completion tokens,cost usd",
      "2026-03-02,2,300,70,0.001500",
      "2026-03-03,0,0,0,0.000000",
      "2026-03-04,0,0,0,0.000000",
      "total,2,300,70,0.001500",
    ]);
    expect(section(csv, "AI usage per model")).toEqual([
      "model,ai answers,prompt tokens,completion tokens,cost usd",
      "gpt-4.1,1,200,50,0.001200",
      "gpt-4o-mini,1,100,20,0.000300",
    ]);
    expect(section(csv, "Costliest conversations").map((l) => l.split(",").slice(1))).toEqual([
      ["contact", "phone", "cost usd", "ai answers", "messages"],
      ["Bruno", "5511900000002", "0.001200", "1", "4"],
      ["Ana", "5511900000001", "0.000300", "1", "9"],
    ]);
    expect(section(csv, "Delivery of outbound messages")).toEqual([
      "stage,messages",
      "outbound,12",
      "pending,1",
      "sent,10",
      "delivered,8",
      "read,4",
      "failed,2",
    ]);
    expect(section(csv, "Failures by error code")).toEqual([
      "error code,messages",
      "131026,1",
      "131047,1",
    ]);
    expect(section(csv, "Hand-offs to people")).toEqual([
      "reason,hand-offs,alerts delivered,delivered by whatsapp,e-mailed,alert not delivered",
      "requested,1,1,1,0,1",
      "reply_failed,1,1,0,1,0",
      "rate_limited,0,0,0,0,0",
      "window_closed,0,0,0,0,0",
      "outside_hours,0,0,0,0,0",
      "channel_unavailable,0,0,0,0,0",
      "unanswered,3,2,1,1,0",
      "order,0,0,0,0,0",
      "total,5,4,2,2,1",
    ]);
    expect(section(csv, "People and contacts")).toEqual([
      "figure,count",
      "conversations taken over,1",
      "opt-outs (STOP),1",
      "opt-ins (START),1",
    ]);
    const hours = section(csv, "Customer messages by weekday and hour").map((l) => l.split(","));
    expect(hours).toHaveLength(8);
    expect(hours[1]?.slice(0, 12)).toEqual(["Monday", "1", ...Array(8).fill("0"), "4", "1"]);
    expect(hours[3]?.[11]).toBe("1");
    expect(hours[3]?.slice(23)).toEqual(["2", "1"]);
    const total = hours.slice(1).flatMap((r) => r.slice(1).map(Number));
    expect(total.reduce((a, b) => a + b, 0)).toBe(12);
  });

  it("is a file a spreadsheet reads back", () => {
    const parsed = parseCsv(csv);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.records[0]?.fields).toEqual(["Parley analytics", ...Object.values(ABOUT)]);
  });
});

describe("analytics CSV cells", () => {
  it("writes costs in dollars exactly", () => {
    expect([0, 1, 1500, 999_999, 12_345_678].map(microsToUsd)).toEqual([
      "0.000000",
      "0.000001",
      "0.001500",
      "0.999999",
      "12.345678",
    ]);
  });

  it("guards text customers wrote against spreadsheet formulas and quotes it where needed", () => {
    const empty = { faq: 0, ai: 0, fallback: 0, system: 0, human: 0, questions: 0, faqAnswered: 0 };
    const report: AnalyticsReport = {
      messages: [],
      conversationsStarted: [],
      activeContacts: { days: [], total: 0 },
      answers: { days: [], total: { ...empty, faqHitRate: null } },
      unansweredQuestions: [
        {
          normalized: "hyperlink x",
          count: 1,
          lastAskedAt: new Date("2026-03-02T12:00:00Z"),
          example: '=HYPERLINK("x")',
        },
      ],
      responseTimes: {
        bot: { answered: 0, medianMs: null, p90Ms: null },
        people: { answered: 0, unanswered: 0, medianMs: null, p90Ms: null },
      },
      aiUsage: {
        days: [],
        models: [],
        total: { replies: 0, helpCalls: 0, promptTokens: 0, completionTokens: 0, costMicros: 0 },
      },
      transcription: { models: [], total: { notes: 0, seconds: 0, costMicros: 0 } },
      metaMessaging: { totalMicros: 0, charged: 0, free: 0, categories: [], rateSource: "default" },
      costlyConversations: [
        {
          conversationId: "c1",
          contactName: "Silva, Ana",
          contactWaId: null,
          costMicros: 5,
          aiReplies: 1,
          messages: 2,
        },
      ],
      delivery: {
        outbound: 0,
        pending: 0,
        sent: 0,
        delivered: 0,
        read: 0,
        failed: 0,
        failures: [],
      },
      handoffs: {
        count: 0,
        notified: 0,
        notifiedByWhatsapp: 0,
        notifiedByEmail: 0,
        notifyFailed: 0,
        byReason: [],
        takenOver: 0,
      },
      optOuts: { optedOut: 0, optedIn: 0 },
      csat: {
        asked: 2,
        rated: 1,
        good: 1,
        goodShare: 1,
        responseRate: 0.5,
        notSent: 0,
        byScore: [],
        byAgent: [
          {
            agentId: "u1",
            name: "=cmd",
            asked: 2,
            rated: 1,
            good: 1,
            goodShare: 1,
            responseRate: 0.5,
          },
        ],
      },
      busiestHours: [],
    };
    const csv = analyticsToCsv(report, ABOUT);
    expect(section(csv, "Unanswered questions")[1]).toBe(
      `"'=HYPERLINK(""x"")",hyperlink x,1,2026-03-02T12:00:00.000Z`,
    );
    expect(section(csv, "Costliest conversations")[1]).toBe('c1,"Silva, Ana",,0.000005,1,2');
    expect(section(csv, "First response time")[1]).toBe("bot,0,,,");
    expect(section(csv, "Customer ratings (CSAT)").slice(1)).toEqual([
      "'=cmd,2,1,1,1,0.5,",
      "total,2,1,1,1,0.5,0",
    ]);
  });
});
