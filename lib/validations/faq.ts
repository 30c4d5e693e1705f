import { z } from "zod";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";

// Messages name their field ("answer is empty"), so the same text reads right under a form field
// (capitalised) and in an import report ("Row 4: answer is empty").

export const FAQ_LIMITS = {
  questionMin: 3,
  questionMax: 500,
  answerMax: MAX_TEXT,
  keywords: 20,
  keywordMax: 40,
  examples: 20,
  exampleMax: 300,
  priorityMin: -100,
  priorityMax: 100,
} as const;

/** Keywords are written as one text separated by these in forms and CSV, so none may hold one. */
export const KEYWORD_SEPARATORS = /[,;|]/;

export const splitKeywords = (text: string) =>
  text
    .split(KEYWORD_SEPARATORS)
    .map((k) => k.trim())
    .filter((k) => k !== "");

const textOf = (field: string) =>
  z.string({
    error: (iss) => (iss.input === undefined ? `${field} is missing` : `${field} must be text`),
  });

export const faqQuestion = textOf("question")
  .trim()
  .min(1, "question is empty")
  .min(FAQ_LIMITS.questionMin, `question must have at least ${FAQ_LIMITS.questionMin} characters`)
  .max(FAQ_LIMITS.questionMax, `question must have at most ${FAQ_LIMITS.questionMax} characters`);

// Line ends are stored as "\n" whatever the browser or spreadsheet sent, so an export re-imports
// as the same text.
export const faqAnswer = textOf("answer")
  .overwrite((s) => s.replace(/\r\n?/g, "\n").trim())
  .min(1, "answer is empty")
  .max(FAQ_LIMITS.answerMax, `answer must have at most ${FAQ_LIMITS.answerMax} characters`);

const keyword = z
  .string({ error: "keywords must be text" })
  .trim()
  .min(1, "keywords must not be empty")
  .max(FAQ_LIMITS.keywordMax, {
    error: (iss) =>
      `keyword “${String(iss.input)}” has more than ${FAQ_LIMITS.keywordMax} characters`,
  })
  .refine((k) => !KEYWORD_SEPARATORS.test(k), {
    error: (iss) => `keyword “${String(iss.input)}” may not contain , ; or |`,
  });

/** Keywords, each once whatever its case, in the order given. */
export const faqKeywords = z
  .array(keyword, { error: "keywords must be a list of words" })
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((k) => {
      const key = k.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .refine((list) => list.length <= FAQ_LIMITS.keywords, {
    error: `keywords: use at most ${FAQ_LIMITS.keywords}`,
  });

/** Example questions are written one per line in forms, and separated by this in CSV. */
export const EXAMPLE_SEPARATOR = "|";

export const splitExamples = (text: string) =>
  text
    .split(/\r?\n|\|/)
    .map((e) => e.trim())
    .filter((e) => e !== "");

const example = z
  .string({ error: "examples must be text" })
  .transform((e) => e.replace(/\s+/g, " ").trim())
  .refine((e) => e.length <= FAQ_LIMITS.exampleMax, {
    error: (iss) =>
      `example question “${String(iss.input).trim().slice(0, 40)}…” has more than ${FAQ_LIMITS.exampleMax} characters`,
  })
  .refine((e) => !e.includes(EXAMPLE_SEPARATOR), {
    error: (iss) => `example question “${String(iss.input).trim()}” may not contain |`,
  });

/**
 * Other wordings of the question: trimmed, empty ones dropped, each once whatever its case, and
 * none equal to the question itself (checked by the FAQ schema).
 */
export const faqExamples = z
  .array(example, { error: "examples must be a list of questions" })
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((e) => {
      const key = e.toLowerCase();
      if (e === "" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .refine((list) => list.length <= FAQ_LIMITS.examples, {
    error: `examples: use at most ${FAQ_LIMITS.examples} other wordings`,
  });

/** The examples without the question itself, which needs no second wording. */
export const withoutQuestion = (examples: string[], question: string) =>
  examples.filter((e) => e.toLowerCase() !== question.trim().toLowerCase());

const priorityRange = `priority must be a whole number from ${FAQ_LIMITS.priorityMin} to ${FAQ_LIMITS.priorityMax}`;

export const faqPriority = z
  .number({ error: priorityRange })
  .int(priorityRange)
  .min(FAQ_LIMITS.priorityMin, priorityRange)
  .max(FAQ_LIMITS.priorityMax, priorityRange);

/** One FAQ as the form edits it and the database stores it. */
const faqFieldsObject = z.object({
  question: faqQuestion,
  answer: faqAnswer,
  keywords: faqKeywords.default([]),
  examples: faqExamples.default([]),
  priority: faqPriority.default(0),
  active: z.boolean({ error: "active must be yes or no" }).default(true),
});

const dropQuestion = <F extends { question: string; examples: string[] }>(f: F): F => ({
  ...f,
  examples: withoutQuestion(f.examples, f.question),
});

export const faqFieldsSchema = faqFieldsObject.transform(dropQuestion);

export type FaqFields = z.output<typeof faqFieldsSchema>;

const faqId = z.uuid("This FAQ does not exist.");

export const createFaqSchema = faqFieldsSchema;
export const updateFaqSchema = faqFieldsObject.extend({ id: faqId }).transform(dropQuestion);
export const faqIdSchema = z.object({ id: faqId });
export const setFaqActiveSchema = z.object({ id: faqId, active: z.boolean() });
/** Wordings customers used, added to an entry as other wordings of its question. */
export const addFaqExamplesSchema = z.object({
  id: faqId,
  examples: faqExamples.refine((list) => list.length > 0, {
    error: "examples: give at least one wording",
  }),
});

export const FAQ_SORTS = ["priority", "hits", "matched", "newest", "az"] as const;
export type FaqSort = (typeof FAQ_SORTS)[number];

/** The list's search, sort and page as the address gives them; anything odd falls back. */
export const faqListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(FAQ_SORTS).catch("priority"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  // Links from elsewhere ("Try it") open the form: to edit an FAQ, or to add a question.
  edit: z.uuid().optional().catch(undefined),
  new: z.string().trim().max(FAQ_LIMITS.questionMax).optional().catch(undefined),
  // With `new`, a draft answer to start from (a passage of the workspace's knowledge).
  answer: z.string().trim().max(FAQ_LIMITS.answerMax).optional().catch(undefined),
  // With `new`, other wordings to start with (`&example=…`, repeated).
  example: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().trim().min(1).max(FAQ_LIMITS.exampleMax)).max(FAQ_LIMITS.examples),
    )
    .catch([]),
});

/** A form error as a sentence: "Answer is empty." */
export const faqErrorSentence = (message: string) =>
  `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? "" : "."}`;
