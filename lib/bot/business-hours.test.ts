import { describe, expect, it } from "vitest";
import { awayNote, nextOpening } from "./business-hours";
import { describeOpening } from "./describe-opening";
import { DEFAULT_SYSTEM_MESSAGES } from "./system-messages";

const BACK = DEFAULT_SYSTEM_MESSAGES.en.awayBack;

const WEEKDAYS_9_TO_6 = Object.fromEntries(
  ["1", "2", "3", "4", "5"].map((d) => [d, ["09:00-18:00"]]),
);

describe("when a person is back", () => {
  it("Sunday evening: back Monday at 9:00, in the workspace's own time zone", () => {
    // Sunday 6 December 2026, 20:30 in São Paulo (UTC-3).
    const sunday = new Date("2026-12-06T23:30:00Z");
    const note = awayNote("We're closed.", BACK, WEEKDAYS_9_TO_6, "America/Sao_Paulo", sunday);
    expect(note.text).toBe("We're closed. A person will be back tomorrow at 9:00.");
    expect(note.opening?.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    // The same instant is already Monday 08:30 in Tokyo: back today.
    expect(awayNote("Closed.", BACK, WEEKDAYS_9_TO_6, "Asia/Tokyo", sunday).text).toBe(
      "Closed. A person will be back today at 9:00.",
    );
  });

  it("names the weekday when the opening is two or more days away", () => {
    // Saturday 5 December 2026, 14:00 in Nairobi.
    const saturday = new Date("2026-12-05T11:00:00Z");
    const opening = nextOpening(WEEKDAYS_9_TO_6, "Africa/Nairobi", saturday);
    expect(opening?.toISOString()).toBe("2026-12-07T06:00:00.000Z");
    expect(describeOpening(opening as Date, "Africa/Nairobi", saturday)).toBe("Monday at 9:00");
    // Friday 18:05 in Los Angeles: back Monday, with minutes kept.
    const hours = { ...WEEKDAYS_9_TO_6, "1": ["08:30-12:00"] };
    const friday = new Date("2026-12-05T02:05:00Z");
    expect(awayNote("Bye.", BACK, hours, "America/Los_Angeles", friday).text).toBe(
      "Bye. A person will be back Monday at 8:30.",
    );
  });

  it("across a daylight-saving change the time stays the local opening time", () => {
    // Saturday 28 March 2026 in Berlin; clocks go forward on Sunday the 29th.
    const saturday = new Date("2026-03-28T12:00:00Z");
    const note = awayNote("Closed.", BACK, WEEKDAYS_9_TO_6, "Europe/Berlin", saturday);
    expect(note.text).toBe("Closed. A person will be back Monday at 9:00.");
    expect(note.opening?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("says nothing about coming back when the schedule never opens", () => {
    const never = { "1": ["not a range"] };
    expect(awayNote("Closed.", BACK, never, "UTC", new Date()).text).toBe("Closed.");
  });
});
