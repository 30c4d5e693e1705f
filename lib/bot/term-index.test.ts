import { describe, expect, it } from "vitest";
import { createTermIndex } from "./term-index";

const index = createTermIndex(
  [
    { strong: ["delivery", "cost"], weak: ["free", "over"] },
    { strong: ["opening", "~hours"], weak: ["monday"] },
    { strong: ["parking"], weak: ["delivery"] },
  ],
  { weakBoost: 0.3, exactOnly: (t) => t.startsWith("~") },
);

describe("term index", () => {
  it("finds entries by exact terms, a question's terms weighing more than an answer's", () => {
    expect(index.search(["delivery"], 5)).toEqual([0, 2]);
    expect(index.search(["monday"], 5)).toEqual([1]);
  });

  it("finds a term one typo away and one it begins or that begins it", () => {
    expect(index.search(["delivry"], 5)[0]).toBe(0);
    expect(index.search(["parkign"], 5)).toEqual([2]);
    expect(index.search(["deliv"], 5)[0]).toBe(0);
    expect(index.search(["openings"], 5)).toEqual([1]);
  });

  it("finds concept ids only exactly", () => {
    expect(index.search(["~hours"], 5)).toEqual([1]);
    expect(index.search(["~hour"], 5)).toEqual([]);
    expect(index.search(["hours"], 5)).toEqual([]);
  });

  it("returns at most the limit, and nothing for unknown terms", () => {
    expect(index.search(["delivery", "parking", "opening"], 2)).toHaveLength(2);
    expect(index.search(["bicycle"], 5)).toEqual([]);
  });
});
