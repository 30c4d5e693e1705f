import { describe, expect, it } from "vitest";
import type { UnansweredQuestion } from "@/db/queries/analytics/unanswered-questions";
import { groupByVectors, groupLexically, topicTerms } from "./group-questions";

const asked = (example: string, count = 1, day = 1): UnansweredQuestion => ({
  normalized: example
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim(),
  example,
  count,
  lastAskedAt: new Date(Date.UTC(2026, 2, day)),
});
const wordings = (groups: { questions: UnansweredQuestion[] }[]) =>
  groups.map((g) => g.questions.map((q) => q.example));

describe("grouping unanswered questions by their words", () => {
  it("puts questions that share most topic words together, the most asked group and wording first", () => {
    const groups = groupLexically([
      asked("Do you sell gift cards?"),
      asked("are you open on public holidays", 2),
      asked("public holiday opening", 3),
      asked("gift cards available?"),
      asked("Can I bring my dog?"),
    ]);
    expect(wordings(groups)).toEqual([
      ["public holiday opening", "are you open on public holidays"],
      ["Do you sell gift cards?", "gift cards available?"],
      ["Can I bring my dog?"],
    ]);
    expect(groups.map((g) => g.count)).toEqual([5, 2, 1]);
  });

  it("keeps apart questions that share only a word, and those with no topic words at all", () => {
    expect(
      wordings(groupLexically([asked("gift cards?"), asked("gift wrapping for birthdays?")])),
    ).toHaveLength(2);
    expect(topicTerms("is it?").size).toBe(0);
    expect(wordings(groupLexically([asked("is it?"), asked("and you?")]))).toHaveLength(2);
  });
});

describe("grouping unanswered questions by meaning", () => {
  it("joins questions whose vectors are close, whatever their words", () => {
    const q = [asked("¿abren el domingo?"), asked("open on sunday?", 2), asked("dogs allowed?")];
    const vectors = new Map([
      [q[0]?.normalized ?? "", [1, 0.1, 0]],
      [q[1]?.normalized ?? "", [1, 0, 0]],
      [q[2]?.normalized ?? "", [0, 0, 1]],
    ]);
    expect(wordings(groupByVectors(q, vectors))).toEqual([
      ["open on sunday?", "¿abren el domingo?"],
      ["dogs allowed?"],
    ]);
  });

  it("leaves a question without a vector on its own", () => {
    const q = [asked("open on sunday?"), asked("sunday opening?")];
    const vectors = new Map([[q[0]?.normalized ?? "", [1, 0]]]);
    expect(wordings(groupByVectors(q, vectors))).toEqual([
      ["open on sunday?"],
      ["sunday opening?"],
    ]);
  });
});
