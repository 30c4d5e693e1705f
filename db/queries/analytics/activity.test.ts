import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { RANGE, seedAnalyticsFixture } from "@/lib/testing/analytics-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { activeContacts } from "./active-contacts";
import { busiestHours } from "./busiest-hours";
import { conversationsStarted } from "./conversations-started";
import { messageVolume } from "./message-volume";

// The figures below are counted by hand from lib/testing/analytics-fixture.ts.
describe.each(testDatabaseKinds)("analytics activity on %s", (kind) => {
  let handle: DatabaseHandle;
  let range: typeof RANGE & { workspaceId: string };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const { shop } = await seedAnalyticsFixture(handle.db);
    range = { ...RANGE, workspaceId: shop.workspaceId };
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("counts messages per local day, the empty Tuesday included", async () => {
    // Monday: Ana's four questions and five replies, her note on the second number, Bruno's
    // 23:30 question and its reply, Carla's 00:10 question and its answer. Carla's Sunday 23:50
    // question and the reply after Wednesday's end are outside.
    expect(await messageVolume(handle.db, range)).toEqual([
      { day: "2026-03-02", inbound: 7, outbound: 7 },
      { day: "2026-03-03", inbound: 0, outbound: 0 },
      { day: "2026-03-04", inbound: 5, outbound: 5 },
    ]);
  });

  it("puts messages on the days of the time zone asked for", async () => {
    // In UTC, Carla's Sunday 23:50 (02:50 UTC) falls on Monday, Bruno's Monday 23:30 on Tuesday,
    // and Wednesday's evening messages after 21:00 local on Thursday, past the range.
    expect(await messageVolume(handle.db, { ...range, timeZone: "UTC" })).toEqual([
      { day: "2026-03-02", inbound: 7, outbound: 6 },
      { day: "2026-03-03", inbound: 1, outbound: 1 },
      { day: "2026-03-04", inbound: 2, outbound: 1 },
    ]);
  });

  it("covers whole local days whatever the times of from and to", async () => {
    const rows = await messageVolume(handle.db, {
      ...range,
      from: new Date("2026-03-02T03:00:00Z"),
      to: new Date("2026-03-05T02:59:59.999Z"),
    });
    expect(rows.map((r) => r.day)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(rows.reduce((n, r) => n + r.inbound, 0)).toBe(12);
  });

  it("counts conversations started per local day", async () => {
    // Ana's two conversations and Bruno's on Monday, Duda's at 22:00 Wednesday; Carla's is older.
    expect(await conversationsStarted(handle.db, range)).toEqual([
      { day: "2026-03-02", started: 3 },
      { day: "2026-03-03", started: 0 },
      { day: "2026-03-04", started: 1 },
    ]);
  });

  it("counts contacts who wrote, once each whatever their conversations", async () => {
    // Monday: Ana (on both numbers), Bruno, Carla. Wednesday: Bruno, Carla, Duda, Ana.
    expect(await activeContacts(handle.db, range)).toEqual({
      days: [
        { day: "2026-03-02", contacts: 3 },
        { day: "2026-03-03", contacts: 0 },
        { day: "2026-03-04", contacts: 4 },
      ],
      total: 4,
    });
  });

  it("counts customer messages by local weekday and hour", async () => {
    const cells = await busiestHours(handle.db, range);
    expect(cells).toHaveLength(168);
    expect(cells[0]).toEqual({ weekday: 0, hour: 0, inbound: 1 });
    expect(cells[167]).toEqual({ weekday: 6, hour: 23, inbound: 0 });
    // Monday is weekday 0 and Wednesday 2.
    expect(cells.filter((c) => c.inbound > 0)).toEqual([
      { weekday: 0, hour: 0, inbound: 1 },
      { weekday: 0, hour: 9, inbound: 4 },
      { weekday: 0, hour: 10, inbound: 1 },
      { weekday: 0, hour: 23, inbound: 1 },
      { weekday: 2, hour: 10, inbound: 1 },
      { weekday: 2, hour: 12, inbound: 1 },
      { weekday: 2, hour: 22, inbound: 2 },
      { weekday: 2, hour: 23, inbound: 1 },
    ]);
  });

  it("gives zeros for a range without activity", async () => {
    const quiet = {
      ...range,
      from: new Date("2025-06-01T12:00:00Z"),
      to: new Date("2025-06-01T12:00:00Z"),
    };
    expect(await messageVolume(handle.db, quiet)).toEqual([
      { day: "2025-06-01", inbound: 0, outbound: 0 },
    ]);
    expect(await activeContacts(handle.db, quiet)).toEqual({
      days: [{ day: "2025-06-01", contacts: 0 }],
      total: 0,
    });
    expect((await busiestHours(handle.db, quiet)).every((c) => c.inbound === 0)).toBe(true);
  });
});
