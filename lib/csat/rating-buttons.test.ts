import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES, type Language } from "@/lib/bot/languages";
import {
  RATING_TITLES,
  RATINGS,
  ratingButtonId,
  ratingInteractive,
  ratingTapLanguage,
  readRatingReply,
} from "./rating-buttons";

const ID = "0b5c8a52-3f7e-4c1e-9a55-2d8f0c7a1b11";
const tap = (id: unknown) => ({ interactive: { type: "button_reply", button_reply: { id } } });

describe("rating buttons", () => {
  it.each(LANGUAGE_CODES)("offers three reply buttons within WhatsApp's limits in %s", (lang) => {
    const interactive = ratingInteractive(ID, "How did we do?", lang);
    expect(interactive.action.buttons).toHaveLength(3);
    for (const b of interactive.action.buttons) {
      expect([...b.reply.title].length).toBeGreaterThan(0);
      expect([...b.reply.title].length).toBeLessThanOrEqual(20);
      expect(b.reply.id.length).toBeLessThanOrEqual(256);
    }
    expect(new Set(interactive.action.buttons.map((b) => b.reply.title)).size).toBe(3);
    expect(new Set(RATINGS.map((r) => r.title)).size).toBe(3);
  });

  it("titles the buttons in the customer's language, best first", () => {
    const titles = (lang: Language) =>
      ratingInteractive(ID, "?", lang).action.buttons.map((b) => b.reply.title);
    expect(titles("en")).toEqual(["Great", "OK", "Poor"]);
    expect(titles("es")).toEqual(["Excelente", "Regular", "Mal"]);
    expect(titles("sw")).toEqual(["Vizuri sana", "Sawa", "Vibaya"]);
    expect(ratingInteractive(ID, "?").action.buttons[0]?.reply.title).toBe("Great");
  });

  it("reads the request and score back from a tap", () => {
    expect(readRatingReply(tap(ratingButtonId(ID, 3)))).toEqual({ requestId: ID, score: 3 });
    expect(readRatingReply(tap(ratingButtonId(ID, 1)))).toEqual({ requestId: ID, score: 1 });
  });

  it("ignores every other message and any id it did not make", () => {
    expect(readRatingReply(null)).toBeNull();
    expect(readRatingReply({ text: { body: "csat:x:3" } })).toBeNull();
    expect(readRatingReply(tap("order:42"))).toBeNull();
    expect(readRatingReply(tap(`csat:${ID}:5`))).toBeNull();
    expect(readRatingReply(tap("csat:not-a-uuid:3"))).toBeNull();
    expect(readRatingReply(tap(42))).toBeNull();
  });
});

describe("ratingTapLanguage", () => {
  const tapped = (title: unknown) => ({
    interactive: { type: "button_reply", button_reply: { id: "csat:x:3", title } },
  });
  it("reads the language of the buttons from the title tapped", () => {
    expect(ratingTapLanguage(tapped("Great"))).toBe("en");
    expect(ratingTapLanguage(tapped("Mal"))).toBe("es");
    expect(ratingTapLanguage(tapped("İdare eder"))).toBe("tr");
  });
  it("knows no language for a title it did not write", () => {
    expect(ratingTapLanguage(tapped("Superb"))).toBeNull();
    expect(ratingTapLanguage(tapped(3))).toBeNull();
    expect(ratingTapLanguage(null)).toBeNull();
  });
  it("gives every title to one language only", () => {
    const all = Object.values(RATING_TITLES).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
