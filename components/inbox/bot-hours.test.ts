import { describe, expect, it } from "vitest";
import { hoursNow } from "@/lib/bot/hours-now";
import { botActivity } from "./bot-hours";

const WEEKDAYS_9_TO_6 = Object.fromEntries(
  ["1", "2", "3", "4", "5"].map((d) => [d, ["09:00-18:00"]]),
);
// Sunday 6 December 2026, 20:30 in Nairobi.
const sunday = new Date("2026-12-06T17:30:00Z");
const tuesday = new Date("2026-12-08T08:00:00Z");
const shop = (outsideHours: "answer" | "closed_only") => ({
  businessHours: WEEKDAYS_9_TO_6,
  timezone: "Africa/Nairobi",
  outsideHours,
});

describe("what the inbox says the bot does", () => {
  it("open, or with no hours: the bot answers", () => {
    expect(botActivity(hoursNow(shop("closed_only"), tuesday))).toEqual({
      chip: "Bot is answering",
      sentence: "The bot still answers until someone takes over.",
    });
    const always = { ...shop("answer"), businessHours: null };
    expect(botActivity(hoursNow(always, sunday)).chip).toBe("Bot is answering");
  });

  it("closed, answering: says it answers what it can, and when a person is back", () => {
    expect(botActivity(hoursNow(shop("answer"), sunday))).toEqual({
      chip: "Closed now · bot is answering",
      sentence:
        "You're closed now: the bot answers what it can and tells the customer once when a person is back (tomorrow at 9:00). What it can't answer waits here for your team, without alerting anyone.",
    });
  });

  it("closed, only saying so: does not claim the bot answers", () => {
    const { chip, sentence } = botActivity(hoursNow(shop("closed_only"), sunday));
    expect(chip).toBe("Closed now · bot only says so");
    expect(sentence).toContain("only tells customers so");
    expect(sentence).toContain("Questions asked while closed wait here for your team");
    expect(sentence).toContain("answers new messages again from opening time (tomorrow at 9:00)");
    expect(sentence).not.toContain("still answers");
  });
});
