import type { FaqFields } from "@/lib/validations/faq";
import { type ImportProblem, type ParsedImport, questionKey } from "./parse-import";

export type SavedFaq = FaqFields & { id: string };

export type PlannedRow = {
  row: number;
  question: string;
  action: "create" | "update" | "unchanged" | "error";
  /** The values to write; absent on rows with errors. */
  faq: FaqFields | null;
  /** The saved FAQ an update overwrites. */
  id: string | null;
  errors: string[];
};

export type ImportPlan = {
  format: ParsedImport["format"];
  rows: PlannedRow[];
  problems: ImportProblem[];
  counts: { create: number; update: number; unchanged: number };
};

const same = (a: FaqFields, b: FaqFields) =>
  a.question === b.question &&
  a.answer === b.answer &&
  a.priority === b.priority &&
  a.active === b.active &&
  a.keywords.length === b.keywords.length &&
  a.keywords.every((k, i) => k === b.keywords[i]) &&
  a.examples.length === b.examples.length &&
  a.examples.every((e, i) => e === b.examples[i]);

/**
 * What importing the file would do to the saved FAQs: each valid row creates an FAQ or updates the
 * one with the same question (whatever its case), or changes nothing. FAQs the file does not name
 * are kept.
 */
export function planFaqImport(parsed: ParsedImport, saved: readonly SavedFaq[]): ImportPlan {
  const byQuestion = new Map<string, SavedFaq[]>();
  for (const faq of saved) {
    const key = questionKey(faq.question);
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), faq]);
  }
  const problems = [...parsed.problems];
  const counts = { create: 0, update: 0, unchanged: 0 };
  const rows = parsed.rows.map((r): PlannedRow => {
    if (!r.faq) return { ...r, action: "error", id: null };
    const matches = byQuestion.get(questionKey(r.faq.question)) ?? [];
    if (matches.length > 1) {
      // Saved before matching ignored case; which one the row means cannot be told.
      const message = `question matches ${matches.length} saved FAQs that differ only in capital letters; rename or delete one of them first`;
      problems.push({ row: r.row, message });
      return { ...r, faq: null, action: "error", id: null, errors: [message] };
    }
    const match = matches[0];
    // A column the file left out keeps the saved FAQ's value, so fixing wording in a
    // question,answer file does not clear keywords, examples, priorities or turned-off FAQs.
    const faq: FaqFields = match
      ? {
          ...r.faq,
          ...(!r.given.includes("keywords") && { keywords: match.keywords }),
          ...(!r.given.includes("priority") && { priority: match.priority }),
          ...(!r.given.includes("active") && { active: match.active }),
          ...(!r.given.includes("examples") && { examples: match.examples }),
        }
      : r.faq;
    const action = !match ? "create" : same(match, faq) ? "unchanged" : "update";
    counts[action] += 1;
    return { ...r, faq, action, id: match?.id ?? null };
  });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { format: parsed.format, rows, problems, counts };
}
