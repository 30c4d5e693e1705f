import { describe, expect, it } from "vitest";
import { fromLocalInput, snoozeUntil } from "./snooze-presets";

describe("snooze presets", () => {
  // A Wednesday, 23:30 in Lisbon (winter, UTC+0) and already Thursday 08:30 in Tokyo.
  const now = new Date("2026-12-09T23:30:00Z");

  it("ends an hour later", () => {
    expect(snoozeUntil("hour", now, "Europe/Lisbon").toISOString()).toBe(
      "2026-12-10T00:30:00.000Z",
    );
  });

  it("wakes at 9:00 tomorrow in the workspace's time zone", () => {
    expect(snoozeUntil("tomorrow", now, "Europe/Lisbon").toISOString()).toBe(
      "2026-12-10T09:00:00.000Z",
    );
    expect(snoozeUntil("tomorrow", now, "Asia/Tokyo").toISOString()).toBe(
      "2026-12-11T00:00:00.000Z",
    );
    expect(snoozeUntil("tomorrow", now, "America/New_York").toISOString()).toBe(
      "2026-12-10T14:00:00.000Z",
    );
  });

  it("wakes next Monday at 9:00, a full week on from a Monday", () => {
    expect(snoozeUntil("next_week", now, "Europe/Lisbon").toISOString()).toBe(
      "2026-12-14T09:00:00.000Z",
    );
    const monday = new Date("2026-12-14T10:00:00Z");
    expect(snoozeUntil("next_week", monday, "Europe/Lisbon").toISOString()).toBe(
      "2026-12-21T09:00:00.000Z",
    );
  });

  it("reads a custom time in the workspace's time zone", () => {
    expect(fromLocalInput("2026-07-01T14:30", "Europe/Lisbon")?.toISOString()).toBe(
      "2026-07-01T13:30:00.000Z",
    );
    expect(fromLocalInput("tomorrow", "Europe/Lisbon")).toBeNull();
  });
});
