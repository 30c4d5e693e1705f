import { describe, expect, it } from "vitest";
import { outboundMessage, threadMessage } from "@/lib/testing/thread-message";
import { attachReactions } from "./reactions";

const react = (target: string, emoji: string | null) =>
  threadMessage({ type: "reaction", text: emoji, contextWaMessageId: target });

describe("attachReactions", () => {
  it("puts the customer's latest reaction on the message and drops the reaction rows", () => {
    const reply = outboundMessage({ text: "Your order ships today", waMessageId: "wamid.out" });
    const question = threadMessage({ text: "Where is my order?", waMessageId: "wamid.in" });
    const result = attachReactions([
      question,
      reply,
      react("wamid.out", "👍"),
      react("wamid.out", "❤️"),
      react("wamid.in", "😮"),
    ]);
    expect(result.messages).toEqual([question, reply]);
    expect(result.reactions.get("wamid.out")).toBe("❤️");
    expect(result.reactions.get("wamid.in")).toBe("😮");
  });

  it("takes a reaction back when the latest one is empty", () => {
    const reply = outboundMessage({ text: "Done", waMessageId: "wamid.done" });
    const result = attachReactions([reply, react("wamid.done", "👍"), react("wamid.done", null)]);
    expect(result.messages).toEqual([reply]);
    expect(result.reactions.has("wamid.done")).toBe(false);
    const again = attachReactions([reply, react("wamid.done", null), react("wamid.done", "🙏")]);
    expect(again.reactions.get("wamid.done")).toBe("🙏");
  });

  it("keeps only the latest reaction to a message before the page, in its place", () => {
    const first = react("wamid.old", "👍");
    const latest = react("wamid.old", "😂");
    const after = threadMessage({ text: "Thanks" });
    const result = attachReactions([first, latest, after]);
    expect(result.messages).toEqual([latest, after]);
    expect(result.reactions.get("wamid.old")).toBe("😂");
    expect(attachReactions([first, react("wamid.old", null)]).messages).toEqual([]);
  });

  it("leaves other messages, and reactions without a target, untouched", () => {
    const orphan = threadMessage({ type: "reaction", text: "👍", contextWaMessageId: null });
    const text = threadMessage({ text: "hi" });
    const result = attachReactions([text, orphan]);
    expect(result.messages).toEqual([text, orphan]);
    expect(result.reactions.size).toBe(0);
    expect(attachReactions([]).messages).toEqual([]);
  });
});
