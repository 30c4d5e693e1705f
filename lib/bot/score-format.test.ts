import { describe, expect, it } from "vitest";
import { AI_DIRECT_THRESHOLD, DEFAULT_THRESHOLD } from "./faq-match";
import { formatScore, formatThreshold, scoreAgainst, thresholdExplanation } from "./score-format";

describe("FAQ scores for owners", () => {
  it("reads as a whole percent next to what is needed", () => {
    expect(scoreAgainst(0.953, 0.96)).toBe("95% (needs 96%)");
    expect(formatScore(1)).toBe("100%");
    expect(formatThreshold(0.96)).toBe("96%");
  });

  it("never shows a score that falls short as reaching the threshold", () => {
    expect(scoreAgainst(0.959, 0.96)).toBe("95% (needs 96%)");
    expect(scoreAgainst(0.962, 0.965)).toBe("96% (needs 97%)");
    expect(formatScore(0.96)).toBe("96%");
  });

  it("explains the bot's own threshold and how to make it answer", () => {
    const text = thresholdExplanation(DEFAULT_THRESHOLD);
    expect(text).toContain(`at least ${formatThreshold(DEFAULT_THRESHOLD)} sure`);
    expect(text).toContain("other wordings");
    expect(text).not.toContain("AI");
  });

  it("says that with AI answering, the AI takes what no entry is sure enough for", () => {
    const text = thresholdExplanation(AI_DIRECT_THRESHOLD, true);
    expect(text).toContain(`at least ${formatThreshold(AI_DIRECT_THRESHOLD)} sure`);
    expect(text).toContain("the AI reads your FAQ");
  });
});
