import { describe, expect, it } from "vitest";
import { RATINGS, ratingButtonId, ratingInteractive, readRatingReply } from "./rating-buttons";

const ID = "0b5c8a52-3f7e-4c1e-9a55-2d8f0c7a1b11";
const tap = (id: unknown) => ({ interactive: { type: "button_reply", button_reply: { id } } });

describe("rating buttons", () => {
  it("offers three reply buttons within WhatsApp's limits", () => {
    const interactive = ratingInteractive(ID, "How did we do?");
    expect(interactive.action.buttons).toHaveLength(3);
    for (const b of interactive.action.buttons) {
      expect(b.reply.title.length).toBeLessThanOrEqual(20);
      expect(b.reply.id.length).toBeLessThanOrEqual(256);
    }
    expect(new Set(RATINGS.map((r) => r.title)).size).toBe(3);
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
