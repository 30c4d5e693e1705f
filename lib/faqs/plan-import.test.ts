import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FAQ_LIMITS, type FaqFields } from "@/lib/validations/faq";
import { faqsToCsv } from "./export-csv";
import { describeProblem, parseFaqImport } from "./parse-import";
import { planFaqImport, type SavedFaq } from "./plan-import";

const saved: SavedFaq[] = [
  {
    id: "11111111-1111-4111-8111-111111111111",
    question: "What are your hours?",
    answer: "Mon-Fri 9-18",
    keywords: ["hours"],
    examples: ["when are you open?"],
    priority: 1,
    active: true,
  },
  {
    id: "22222222-2222-4222-8222-222222222222",
    question: "Do you deliver?",
    answer: "Yes, *free* over 50 €.\nAsk us for *express* delivery.",
    keywords: ["delivery", "shipping", "express"],
    examples: [],
    priority: -3,
    active: false,
  },
];

describe("planning an import", () => {
  it("keeps saved keywords, priority and on/off for columns the file leaves out", () => {
    const plan = planFaqImport(
      parseFaqImport('question,answer\nDo you deliver?,"Yes, free over 40 €."'),
      saved,
    );
    expect(plan.rows[0]).toMatchObject({
      action: "update",
      faq: { keywords: ["delivery", "shipping", "express"], priority: -3, active: false },
    });
    const json = planFaqImport(
      parseFaqImport(
        JSON.stringify([{ question: "Do you deliver?", answer: "Yes.", active: true }]),
      ),
      saved,
    );
    expect(json.rows[0]?.faq).toMatchObject({ priority: -3, active: true });
  });

  it("creates new questions, updates known ones whatever their case, and skips equal ones", () => {
    const csv = [
      "question,answer,keywords,priority,active",
      "what are your HOURS?,Mon-Sat 9-18,hours,1,true",
      'Do you deliver?,"Yes, *free* over 50 €.\nAsk us for *express* delivery.",delivery; shipping; express,-3,false',
      "Where are you?,Main St. 1,,,",
    ].join("\n");
    const plan = planFaqImport(parseFaqImport(csv), saved);
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((r) => [r.row, r.action, r.id])).toEqual([
      [2, "update", saved[0]?.id],
      [3, "unchanged", saved[1]?.id],
      [4, "create", null],
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1 });
  });

  it("keeps saved examples without an examples column, and updates when the column changes them", () => {
    const plain = planFaqImport(
      parseFaqImport(
        "question,answer,keywords,priority,active\nWhat are your hours?,Mon-Fri 9-18,hours,1,true",
      ),
      saved,
    );
    expect(plain.rows[0]).toMatchObject({
      action: "unchanged",
      faq: { examples: ["when are you open?"] },
    });
    const changed = planFaqImport(
      parseFaqImport(
        "question,answer,examples\nWhat are your hours?,Mon-Fri 9-18,when are you open? | open sunday?",
      ),
      saved,
    );
    expect(changed.rows[0]).toMatchObject({
      action: "update",
      faq: { examples: ["when are you open?", "open sunday?"] },
    });
  });

  it("refuses a row that matches two saved FAQs differing only in case", () => {
    const twins = [
      ...saved,
      { ...(saved[0] as SavedFaq), id: "3", question: "WHAT ARE YOUR HOURS?" },
    ];
    const plan = planFaqImport(parseFaqImport("question,answer\nWhat are your hours?,9-18"), twins);
    expect(plan.problems.map(describeProblem)).toEqual([
      "Row 2: question matches 2 saved FAQs that differ only in capital letters; rename or delete one of them first",
    ]);
    expect(plan.rows[0]?.action).toBe("error");
  });
});

describe("export", () => {
  it("writes the importer's columns and re-imports as exactly the same FAQs", () => {
    const csv = faqsToCsv(saved);
    expect(csv.startsWith("\uFEFFquestion,answer,keywords,priority,active,examples\r\n")).toBe(
      true,
    );
    const parsed = parseFaqImport(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.faq)).toEqual(saved.map(({ id: _id, ...faq }) => faq));
    expect(planFaqImport(parsed, saved).counts).toEqual({ create: 0, update: 0, unchanged: 2 });
  });

  it("round-trips any valid FAQ unchanged", () => {
    const text = (min: number, max: number) =>
      fc
        .string({ unit: "grapheme", minLength: min, maxLength: max })
        .map((s) => s.replace(/\r\n?/g, "\n").trim())
        // Limits count code points (as zod does), and a grapheme may take several.
        .filter((s) => [...s].length >= min && [...s].length <= max);
    const keyword = text(1, FAQ_LIMITS.keywordMax).filter((k) => !/[,;|]/.test(k));
    // Examples are stored with their spaces collapsed, and a line break in a cell separates two.
    const example = text(1, 60).filter((e) => !e.includes("|") && e === e.replace(/\s+/g, " "));
    const faq: fc.Arbitrary<FaqFields> = fc
      .record({
        question: text(FAQ_LIMITS.questionMin, 60),
        answer: text(1, 200),
        keywords: fc.uniqueArray(keyword, {
          maxLength: 5,
          selector: (k) => k.toLowerCase(),
        }),
        examples: fc.uniqueArray(example, { maxLength: 3, selector: (e) => e.toLowerCase() }),
        priority: fc.integer({ min: FAQ_LIMITS.priorityMin, max: FAQ_LIMITS.priorityMax }),
        active: fc.boolean(),
      })
      .map((f) => ({
        ...f,
        examples: f.examples.filter((e) => e.toLowerCase() !== f.question.toLowerCase()),
      }));
    const list = fc.uniqueArray(faq, {
      minLength: 1,
      maxLength: 6,
      selector: (f) => f.question.trim().toLowerCase(),
    });
    fc.assert(
      fc.property(list, (faqs) => {
        const parsed = parseFaqImport(faqsToCsv(faqs));
        expect(parsed.problems).toEqual([]);
        expect(parsed.rows.map((r) => r.faq)).toEqual(faqs);
      }),
      { numRuns: 300 },
    );
  });
});
