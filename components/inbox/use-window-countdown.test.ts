import { describe, expect, it } from "vitest";
import { describeCountdown } from "./use-window-countdown";

const now = Date.parse("2026-11-21T12:00:00Z");
const at = (ms: number) => new Date(now + ms).toISOString();

describe("the 24-hour window countdown", () => {
  it("counts whole hours and minutes left, and is urgent under an hour", () => {
    expect(describeCountdown(at(23 * 3_600_000 + 59 * 60_000 + 30_000), now)).toEqual({
      open: true,
      urgent: false,
      label: "23 h 59 min",
    });
    expect(describeCountdown(at(45 * 60_000), now)).toEqual({
      open: true,
      urgent: true,
      label: "45 min",
    });
    expect(describeCountdown(at(20_000), now).label).toBe("less than a minute");
  });

  it("is closed once the time has passed, or when the customer never wrote", () => {
    expect(describeCountdown(at(0), now).open).toBe(false);
    expect(describeCountdown(at(-1), now).open).toBe(false);
    expect(describeCountdown(null, now).open).toBe(false);
  });
});
