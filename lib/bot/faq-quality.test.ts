import { describe, expect, it } from "vitest";
import { precision, recall, scoreEval } from "@/bench/faq/eval/score";

// The labelled evaluation set (`bench/faq/eval`: five businesses, eleven languages) scored without
// AI, as `npm run bench -- faq` reports it. These are the figures the matcher reached; a change that
// loses answers or answers wrongly more often fails here.
describe("FAQ matching quality without AI", () => {
  it("holds its precision and recall on the tuning half", () => {
    const { overall } = scoreEval((q) => q.half === "tune");
    expect(precision(overall)).toBeGreaterThanOrEqual(0.97);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.64);
  });

  it("holds its precision and recall on the held-out half", () => {
    const { overall } = scoreEval((q) => q.half === "holdout");
    expect(precision(overall)).toBeGreaterThanOrEqual(0.97);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.64);
  });
});
