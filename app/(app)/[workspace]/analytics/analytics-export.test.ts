import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { type AnalyticsReport, readAnalytics } from "@/db/queries/analytics/report";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { addMembership } from "@/db/queries/memberships";
import { workspaces } from "@/db/schema";
import { microsToUsd } from "@/lib/analytics/export-csv";
import { parseCsv } from "@/lib/faqs/csv";
import { RANGE, SAO_PAULO, seedAnalyticsFixture } from "@/lib/testing/analytics-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// The CSV export as a browser downloads it, through the real guard and database; only the
// session is a stand-in. The shop's history is the analytics fixture's (São Paulo time), whose
// figures the query tests count by hand; its neighbour writes on every day of the range.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { GET } = await import("./export/route");

type Csv = { about: string[]; sections: Map<string, string[][]> };

/**
 * The downloaded bytes, which start with the UTF-8 byte-order mark spreadsheets look for
 * (Response.text() would drop it).
 */
async function bodyOf(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** The file's first row and its titled sections (header row first), split at the blank rows. */
function readCsv(text: string): Csv {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const [first, ...rest] = parsed.records;
  const sections = new Map<string, string[][]>();
  let current: string[][] = [];
  let previousRow = first?.row ?? 0;
  for (const record of rest) {
    if (record.row !== previousRow + 1) {
      current = [];
      sections.set(record.fields[0] ?? "", current);
    } else current.push(record.fields);
    previousRow = record.row;
  }
  return { about: first?.fields ?? [], sections };
}

const section = (csv: Csv, title: string) => {
  const rows = csv.sections.get(title);
  if (!rows) throw new Error(`no section ${title}`);
  return rows;
};

const cells = (...values: (number | string | null)[]) =>
  values.map((v) => (v === null ? "" : String(v)));

describe.each(testDatabaseKinds)("analytics export on %s", (kind) => {
  let handle: DatabaseHandle;
  let team: Awaited<ReturnType<typeof seedTeam>>;
  let shop: { workspaceId: string; slug: string };
  let neighbour: { workspaceId: string; slug: string };

  const slugOf = async (id: string) => {
    const [row] = await handle.db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, id));
    if (!row) throw new Error("workspace missing");
    return row.slug;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    const fixture = await seedAnalyticsFixture(handle.db);
    team = await seedTeam(handle.db, "Analytics Team");
    shop = { workspaceId: fixture.shop.workspaceId, slug: await slugOf(fixture.shop.workspaceId) };
    neighbour = {
      workspaceId: fixture.other.workspaceId,
      slug: await slugOf(fixture.other.workspaceId),
    };
    for (const [user, role] of [
      [team.owner, "owner"],
      [team.admin, "admin"],
      [team.agent, "agent"],
    ] as const)
      await addMembership(handle.db, { workspaceId: shop.workspaceId, userId: user.id, role });
    await addMembership(handle.db, {
      workspaceId: neighbour.workspaceId,
      userId: team.outsider.id,
      role: "owner",
    });
    for (const workspaceId of [shop.workspaceId, team.workspace.id])
      await upsertBotSettings(handle.db, { workspaceId, timezone: SAO_PAULO });
  });
  afterAll(() => handle?.close());
  beforeEach(() => {
    signedIn.user = null;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const download = (slug: string, query = "") =>
    GET(new Request(`http://test/${slug}/analytics/export${query}`), {
      params: Promise.resolve({ workspace: slug }),
    });
  const csvOf = async (slug: string, query = "") => {
    const res = await download(slug, query);
    expect(res.status).toBe(200);
    return readCsv(await bodyOf(res));
  };
  const MARCH = "?from=2026-03-02&to=2026-03-04";

  it("refuses the signed-out (401), outsiders (404) and agents (403)", async () => {
    const refusal = async () => {
      const res = await download(shop.slug, MARCH);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await refusal()).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" } },
    });
    signedIn.user = team.outsider;
    expect(await refusal()).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    signedIn.user = team.agent;
    expect(await refusal()).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it("gives owners and admins a CSV attachment named after the workspace and the days", async () => {
    for (const user of [team.owner, team.admin]) {
      signedIn.user = user;
      const res = await download(shop.slug, MARCH);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="${shop.slug}-analytics-2026-03-02-2026-03-04.csv"`,
      );
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(readCsv(await bodyOf(res)).about).toEqual([
        "Parley analytics",
        "2026-03-02",
        "2026-03-04",
        SAO_PAULO,
      ]);
    }
  });

  describe("for the days asked", () => {
    let report: AnalyticsReport;
    let csv: Csv;

    beforeAll(async () => {
      report = await readAnalytics(handle.db, { ...RANGE, workspaceId: shop.workspaceId });
      signedIn.user = team.owner;
      csv = await csvOf(shop.slug, MARCH);
    });

    it("writes one row per local day, as the hand-counted figures of the fixture", () => {
      // In UTC the Monday and Wednesday evenings would move a day later and change these.
      expect(section(csv, "Activity per day")).toEqual([
        ["day", "messages in", "messages out", "conversations started", "active contacts"],
        ["2026-03-02", "7", "7", "3", "3"],
        ["2026-03-03", "0", "0", "0", "0"],
        ["2026-03-04", "5", "5", "1", "4"],
      ]);
      expect(section(csv, "Active contacts over the range")).toEqual([["contacts"], ["4"]]);
    });

    it("has the per-day rows and totals of readAnalytics for the same days", () => {
      const started = new Map(report.conversationsStarted.map((d) => [d.day, d.started]));
      const active = new Map(report.activeContacts.days.map((d) => [d.day, d.contacts]));
      expect(section(csv, "Activity per day").slice(1)).toEqual(
        report.messages.map((m) =>
          cells(m.day, m.inbound, m.outbound, started.get(m.day) ?? 0, active.get(m.day) ?? 0),
        ),
      );
      expect(section(csv, "Active contacts over the range")[1]).toEqual(
        cells(report.activeContacts.total),
      );

      const answers = (label: string, a: AnalyticsReport["answers"]["total"]) =>
        cells(
          label,
          a.faq,
          a.ai,
          a.fallback,
          a.system,
          a.human,
          a.questions,
          a.faqAnswered,
          a.faqHitRate,
        );
      expect(section(csv, "Replies by how they were written").slice(1)).toEqual([
        ...report.answers.days.map((d) => answers(d.day, d)),
        answers("total", report.answers.total),
      ]);
      expect(report.answers.days.map((d) => d.day)).toEqual([
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
      ]);

      const ai = (label: string, u: AnalyticsReport["aiUsage"]["total"]) =>
        cells(label, u.replies, u.promptTokens, u.completionTokens, microsToUsd(u.costMicros));
      expect(section(csv, "AI usage per day").slice(1)).toEqual([
        ...report.aiUsage.days.map((d) => ai(d.day, d)),
        ai("total", report.aiUsage.total),
      ]);
      expect(section(csv, "AI usage per day").at(-1)).toEqual(
        cells("total", 2, 300, 70, "0.001500"),
      );

      const d = report.delivery;
      expect(section(csv, "Delivery of outbound messages").slice(1)).toEqual([
        cells("outbound", d.outbound),
        cells("pending", d.pending),
        cells("sent", d.sent),
        cells("delivered", d.delivered),
        cells("read", d.read),
        cells("failed", d.failed),
      ]);
      const h = report.handoffs;
      expect(section(csv, "Hand-offs to people").at(-1)).toEqual(
        cells(
          "total",
          h.count,
          h.notified,
          h.notifiedByWhatsapp,
          h.notifiedByEmail,
          h.notifyFailed,
        ),
      );
      expect(section(csv, "People and contacts").slice(1)).toEqual([
        cells("conversations taken over", h.takenOver),
        cells("opt-outs (STOP)", report.optOuts.optedOut),
        cells("opt-ins (START)", report.optOuts.optedIn),
      ]);
      const inbound = section(csv, "Customer messages by weekday and hour")
        .slice(1)
        .flatMap((row) => row.slice(1).map(Number));
      expect(inbound.reduce((a, b) => a + b, 0)).toBe(
        report.messages.reduce((n, m) => n + m.inbound, 0),
      );
    });

    it("never shows another workspace's messages", async () => {
      // The neighbour's AI answers failed with 131000 on every day, Tuesday included, and cost
      // 9999 millionths each; none of it is the shop's.
      expect(
        section(csv, "Failures by error code")
          .slice(1)
          .map((r) => r[0]),
      ).not.toContain("131000");
      expect(section(csv, "AI usage per model").slice(1)).toEqual([
        cells("gpt-4.1", 1, 200, 50, "0.001200"),
        cells("gpt-4o-mini", 1, 100, 20, "0.000300"),
      ]);

      // The neighbour keeps UTC days; Zoe's conversation started on the Tuesday.
      signedIn.user = team.outsider;
      const theirs = await csvOf(neighbour.slug, MARCH);
      expect(section(theirs, "Activity per day")[2]).toEqual(cells("2026-03-03", 2, 3, 1, 1));
      expect(section(theirs, "Failures by error code").slice(1)).toEqual([cells(131000, 3)]);

      // The same owner's other workspace has no messages at all.
      signedIn.user = team.owner;
      const empty = await csvOf(team.workspace.slug, MARCH);
      expect(section(empty, "Activity per day").slice(1)).toEqual([
        cells("2026-03-02", 0, 0, 0, 0),
        cells("2026-03-03", 0, 0, 0, 0),
        cells("2026-03-04", 0, 0, 0, 0),
      ]);
      expect(section(empty, "Delivery of outbound messages")[1]).toEqual(cells("outbound", 0));
      expect(section(empty, "AI usage per day").at(-1)).toEqual(
        cells("total", 0, 0, 0, "0.000000"),
      );
    });
  });

  it("swaps a reversed range and replaces a date that does not exist", async () => {
    signedIn.user = team.owner;
    const forward = await bodyOf(await download(shop.slug, MARCH));
    expect(await bodyOf(await download(shop.slug, "?from=2026-03-04&to=2026-03-02"))).toBe(forward);
    for (const from of ["2026-02-31", "2026-13-45", "0099-01-01"]) {
      const res = await download(shop.slug, `?from=${from}&to=2026-03-04`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toContain(
        `${shop.slug}-analytics-2026-02-03-2026-03-04.csv`,
      );
      const days = section(readCsv(await bodyOf(res)), "Activity per day").slice(1);
      expect(days).toHaveLength(30);
      expect(days.slice(-3)).toEqual(section(readCsv(forward), "Activity per day").slice(1));
    }
  });

  it("without a range, covers the 30 days up to today in the workspace's time zone", async () => {
    // 02:00 UTC on 5 March is still 4 March, 23:00, in São Paulo.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-05T02:00:00Z"));
    signedIn.user = team.owner;
    const res = await download(shop.slug);
    expect(res.headers.get("content-disposition")).toContain(
      `${shop.slug}-analytics-2026-02-03-2026-03-04.csv`,
    );
    const days = section(readCsv(await bodyOf(res)), "Activity per day").slice(1);
    expect(days.map((d) => d[0])).toEqual(
      Array.from({ length: 30 }, (_, i) =>
        new Date(Date.UTC(2026, 1, 3 + i)).toISOString().slice(0, 10),
      ),
    );
    expect(days.at(-1)).toEqual(cells("2026-03-04", 5, 5, 1, 4));
  });
});
