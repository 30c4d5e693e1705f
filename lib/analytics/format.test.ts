import { describe, expect, it } from "vitest";
import { formatDuration, formatPercent, formatUsd } from "./format";

describe("analytics figures in words", () => {
  it("shows costs small and large without hiding them in rounding", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(1)).toBe("$0.000001");
    expect(formatUsd(41)).toBe("$0.000041");
    expect(formatUsd(1234)).toBe("$0.0012");
    expect(formatUsd(12_345)).toBe("$0.0123");
    expect(formatUsd(250_000)).toBe("$0.25");
    expect(formatUsd(1_234_567)).toBe("$1.23");
  });

  it("shows durations in seconds, minutes and hours, and a dash for nothing measured", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(400)).toBe("under 1 s");
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(185_000)).toBe("3 min");
    expect(formatDuration(2 * 3_600_000)).toBe("2 h");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
  });

  it("shows rates as whole percentages", () => {
    expect(formatPercent(null)).toBe("–");
    expect(formatPercent(1 / 3)).toBe("33%");
    expect(formatPercent(1)).toBe("100%");
  });
});
