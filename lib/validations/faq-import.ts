import { z } from "zod";
import {
  faqAnswer,
  faqExamples,
  faqKeywords,
  faqPriority,
  faqQuestion,
  splitExamples,
  splitKeywords,
  withoutQuestion,
} from "./faq";

// The file travels as text inside a server action, whose body limit is 2 MB (next.config.ts);
// JSON escaping can nearly double a file of quotes and line breaks, so it stays under half.
export const MAX_IMPORT_BYTES = 900_000;
export const MAX_IMPORT_ROWS = 5_000;

export const IMPORT_COLUMNS = [
  "question",
  "answer",
  "keywords",
  "priority",
  "active",
  "examples",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const YES = new Set(["true", "yes", "y", "1", "on", "active"]);
const NO = new Set(["false", "no", "n", "0", "off", "inactive"]);

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && !v.trim());

/**
 * One FAQ as a file gives it: CSV cells are all text, JSON values may be typed. Empty keywords,
 * priority and active take the form's defaults; keywords may be one text split at `;`, `|` or `,`,
 * and examples (other wordings of the question) one text split at `|`.
 */
export const faqImportRowSchema = z
  .object({
    question: faqQuestion,
    answer: faqAnswer,
    keywords: z.preprocess(
      (v) => (blank(v) ? [] : typeof v === "string" ? splitKeywords(v) : v),
      faqKeywords,
    ),
    priority: z.preprocess((v) => {
      if (blank(v)) return 0;
      if (typeof v === "string" && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v);
      return v;
    }, faqPriority),
    active: z.preprocess(
      (v) => {
        if (blank(v)) return true;
        if (typeof v !== "string") return v;
        const word = v.trim().toLowerCase();
        return YES.has(word) ? true : NO.has(word) ? false : v;
      },
      z.boolean({ error: "active must be yes or no (or true/false, 1/0)" }),
    ),
    examples: z.preprocess(
      (v) => (blank(v) ? [] : typeof v === "string" ? splitExamples(v) : v),
      faqExamples,
    ),
  })
  .transform((f) => ({ ...f, examples: withoutQuestion(f.examples, f.question) }));

export const faqImportSchema = z.object({
  text: z
    .string()
    .max(MAX_IMPORT_BYTES, "The file is too large: split it into files under 900 KB."),
});
