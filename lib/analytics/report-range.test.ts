import { describe, expect, it } from "vitest";
import {
  analyticsRangeQuery,
  instantInDay,
  localDay,
  MAX_RANGE_DAYS,
  resolveRange,
  shiftDay,
} from "./report-range";

// 10:30 UTC on Tuesday 10 March 2026 is already Wednesday on Kiritimati (+14) and still Monday
// in Pago Pago (−11): three zones, three different todays.
const NOW = new Date("2026-03-10T10:30:00Z");

const everyDayOf = (year: number) => {
  const days: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = shiftDay(d, 1)) days.push(d);
  return days;
};

describe("resolveRange", () => {
  it("defaults to the last 30 days ending today in the workspace's time zone", () => {
    expect(resolveRange({}, "UTC", NOW)).toEqual({
      from: "2026-02-09",
      to: "2026-03-10",
      days: 30,
      adjusted: null,
    });
    expect(resolveRange({}, "Pacific/Kiritimati", NOW)).toEqual({
      from: "2026-02-10",
      to: "2026-03-11",
      days: 30,
      adjusted: null,
    });
    expect(resolveRange({}, "Pacific/Pago_Pago", NOW)).toEqual({
      from: "2026-02-08",
      to: "2026-03-09",
      days: 30,
      adjusted: null,
    });
  });

  it("fills a missing end with today and a missing start with 30 days before the end", () => {
    expect(resolveRange({ from: "2026-03-01" }, "Pacific/Kiritimati", NOW)).toEqual({
      from: "2026-03-01",
      to: "2026-03-11",
      days: 11,
      adjusted: null,
    });
    expect(resolveRange({ to: "2024-03-01" }, "UTC", NOW)).toEqual({
      from: "2024-02-01",
      to: "2024-03-01",
      days: 30,
      adjusted: null,
    });
  });

  it("keeps a valid range as asked, a single day and a whole leap year included", () => {
    expect(resolveRange({ from: "2026-03-02", to: "2026-03-04" }, "UTC", NOW)).toEqual({
      from: "2026-03-02",
      to: "2026-03-04",
      days: 3,
      adjusted: null,
    });
    expect(resolveRange({ from: "2026-03-04", to: "2026-03-04" }, "UTC", NOW)).toEqual({
      from: "2026-03-04",
      to: "2026-03-04",
      days: 1,
      adjusted: null,
    });
    expect(resolveRange({ from: "2024-01-01", to: "2024-12-31" }, "UTC", NOW)).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
      days: MAX_RANGE_DAYS,
      adjusted: null,
    });
  });

  it("swaps a reversed range and says so", () => {
    expect(resolveRange({ from: "2026-03-09", to: "2026-03-01" }, "UTC", NOW)).toEqual({
      from: "2026-03-01",
      to: "2026-03-09",
      days: 9,
      adjusted: "The start was after the end, so the two were swapped.",
    });
  });

  it("cuts a range longer than 366 days to the 366 ending on its last day, and says so", () => {
    expect(resolveRange({ from: "2023-12-31", to: "2024-12-31" }, "UTC", NOW)).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
      days: 366,
      adjusted: "A report covers at most 366 days, so it starts on 2024-01-01.",
    });
    expect(resolveRange({ from: "2020-01-01", to: "2026-03-05" }, "UTC", NOW)).toMatchObject({
      from: "2025-03-05",
      to: "2026-03-05",
      days: 366,
    });
  });

  it("says both when a reversed range is also too long", () => {
    expect(resolveRange({ from: "2026-03-05", to: "2020-01-01" }, "UTC", NOW)).toEqual({
      from: "2025-03-05",
      to: "2026-03-05",
      days: 366,
      adjusted:
        "The start was after the end, so the two were swapped. A report covers at most 366 days, so it starts on 2025-03-05.",
    });
  });
});

describe("localDay and instantInDay", () => {
  it("localDay is the calendar day on the zone's clock", () => {
    expect(localDay(NOW, "UTC")).toBe("2026-03-10");
    expect(localDay(NOW, "Pacific/Kiritimati")).toBe("2026-03-11");
    expect(localDay(NOW, "Pacific/Pago_Pago")).toBe("2026-03-09");
    expect(localDay(NOW, "Asia/Kathmandu")).toBe("2026-03-10");
  });

  it("instantInDay is local noon, far from either midnight, at both ends of the clock", () => {
    expect(instantInDay("2026-03-10", "UTC").toISOString()).toBe("2026-03-10T12:00:00.000Z");
    expect(instantInDay("2026-03-10", "Pacific/Kiritimati").toISOString()).toBe(
      "2026-03-09T22:00:00.000Z",
    );
    expect(instantInDay("2026-03-10", "Pacific/Pago_Pago").toISOString()).toBe(
      "2026-03-10T23:00:00.000Z",
    );
    expect(instantInDay("2026-03-10", "Etc/GMT+12").toISOString()).toBe("2026-03-11T00:00:00.000Z");
    expect(instantInDay("2026-03-10", "Asia/Kathmandu").toISOString()).toBe(
      "2026-03-10T06:15:00.000Z",
    );
  });

  it("lands on the same local day around daylight-saving changes", () => {
    // Lisbon moves from +0 to +1 at 01:00 UTC on the last Sunday of March 2026, and back on the
    // last Sunday of October. São Paulo (−3/−2 until 2019) changed at local midnight, so
    // 4 November 2018 began at 01:00 and 17 February 2018 ended twice.
    expect(instantInDay("2026-03-29", "Europe/Lisbon").toISOString()).toBe(
      "2026-03-29T11:00:00.000Z",
    );
    expect(instantInDay("2026-10-25", "Europe/Lisbon").toISOString()).toBe(
      "2026-10-25T12:00:00.000Z",
    );
    expect(instantInDay("2018-11-04", "America/Sao_Paulo").toISOString()).toBe(
      "2018-11-04T14:00:00.000Z",
    );
    expect(instantInDay("2018-02-17", "America/Sao_Paulo").toISOString()).toBe(
      "2018-02-17T14:00:00.000Z",
    );
  });

  const zones = [
    "Pacific/Pago_Pago",
    "Etc/GMT+12",
    "America/Sao_Paulo",
    "America/St_Johns",
    "Europe/Lisbon",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
  ];
  it.each(zones)("every day of 2018 and 2026 round-trips in %s", (zone) => {
    const wrong = [...everyDayOf(2018), ...everyDayOf(2026)].filter(
      (d) => localDay(instantInDay(d, zone), zone) !== d,
    );
    expect(wrong).toEqual([]);
  });

  it("walks whole years", () => {
    expect(everyDayOf(2018)).toHaveLength(365);
    expect(everyDayOf(2024)).toHaveLength(366);
  });
});

describe("analyticsRangeQuery", () => {
  it("keeps well-formed days, leap days included", () => {
    expect(analyticsRangeQuery.parse({ from: "2024-02-29", to: "2026-12-31" })).toEqual({
      from: "2024-02-29",
      to: "2026-12-31",
    });
  });

  it.each([
    "2026-3-2",
    "02/03/2026",
    "yesterday",
    "2026-03-02T00:00",
    " 2026-03-02",
    "2026-13-01",
    "2026-00-10",
    "2026-02-31",
    "2025-02-29",
    "2026-04-31",
    "0050-01-01",
    "0000-01-01",
    "",
  ])("drops %j and reports the default range instead of failing", (bad) => {
    const query = analyticsRangeQuery.parse({ from: bad, to: bad });
    expect(query).toEqual({ from: undefined, to: undefined });
    expect(resolveRange(query, "Pacific/Pago_Pago", NOW)).toMatchObject({
      from: "2026-02-08",
      to: "2026-03-09",
      adjusted: null,
    });
  });

  it("drops values that are not one string, keeping the other field", () => {
    expect(
      analyticsRangeQuery.parse({ from: ["2026-03-01", "2026-03-02"], to: "2026-03-04" }),
    ).toEqual({ from: undefined, to: "2026-03-04" });
    expect(analyticsRangeQuery.parse({ from: 20260301, to: null, other: "x" })).toEqual({
      from: undefined,
      to: undefined,
    });
  });
});
