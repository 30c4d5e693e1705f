import { describe, expect, it } from "vitest";
import { describeProblem, parseFaqImport } from "./parse-import";

const HEADER = "question,answer,keywords,priority,active";
const messages = (text: string) => parseFaqImport(text).problems.map(describeProblem);
const faqs = (text: string) => {
  const parsed = parseFaqImport(text);
  expect(parsed.problems.map(describeProblem)).toEqual([]);
  return parsed.rows.map((r) => r.faq);
};

describe("FAQ import from CSV", () => {
  it("reads every column, with keywords split at ; or |, and defaults for empty cells", () => {
    const text = [
      HEADER,
      'What are your hours?,"Mon-Fri 9-18, Sat 10-16",hours; open | closing time,10,true',
      'Do you deliver?,"Yes.\nFree over 50 €.",,,',
      "Gift cards?,Sold in store,gift|card,-5,no",
    ].join("\r\n");
    expect(faqs(text)).toEqual([
      {
        question: "What are your hours?",
        answer: "Mon-Fri 9-18, Sat 10-16",
        keywords: ["hours", "open", "closing time"],
        examples: [],
        priority: 10,
        active: true,
      },
      {
        question: "Do you deliver?",
        answer: "Yes.\nFree over 50 €.",
        keywords: [],
        examples: [],
        priority: 0,
        active: true,
      },
      {
        question: "Gift cards?",
        answer: "Sold in store",
        keywords: ["gift", "card"],
        examples: [],
        priority: -5,
        active: false,
      },
    ]);
  });

  it("takes the columns in any order and case, with a BOM, and without the optional ones", () => {
    expect(faqs("\uFEFFAnswer,QUESTION\nWe open at 9,When do you open?")).toEqual([
      {
        question: "When do you open?",
        answer: "We open at 9",
        keywords: [],
        examples: [],
        priority: 0,
        active: true,
      },
    ]);
  });

  it("reads a spreadsheet's semicolon-separated export", () => {
    expect(
      faqs("question;answer;keywords\nWhere are you?;Main St. 1, Nairobi;address|map"),
    ).toEqual([
      {
        question: "Where are you?",
        answer: "Main St. 1, Nairobi",
        keywords: ["address", "map"],
        examples: [],
        priority: 0,
        active: true,
      },
    ]);
  });

  it("names each bad row and field, counting rows as a spreadsheet does", () => {
    const text = [
      HEADER,
      "Good question?,Good answer,,,",
      '"Multi-line answer?","line one\nline two",,,',
      "Empty answer?,,,,",
      "Bad priority?,Yes,,high,",
      "Too high?,Yes,,101,",
      "Fraction?,Yes,,1.5,",
      "Active?,Yes,,,maybe",
      "Q?,Too short a question,,,",
    ].join("\n");
    expect(messages(text)).toEqual([
      "Row 4: answer is empty",
      "Row 5: priority must be a whole number from -100 to 100",
      "Row 6: priority must be a whole number from -100 to 100",
      "Row 7: priority must be a whole number from -100 to 100",
      "Row 8: active must be yes or no (or true/false, 1/0)",
      "Row 9: question must have at least 3 characters",
    ]);
    const rows = parseFaqImport(text).rows;
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.filter((r) => r.faq).map((r) => r.row)).toEqual([2, 3]);
  });

  it("names every field wrong in one row", () => {
    expect(messages(`${HEADER}\n,,,x,x`)).toEqual([
      "Row 2: question is empty",
      "Row 2: answer is empty",
      "Row 2: priority must be a whole number from -100 to 100",
      "Row 2: active must be yes or no (or true/false, 1/0)",
    ]);
  });

  it("checks keywords: length, count and duplicates", () => {
    const long = "x".repeat(41);
    const many = Array.from({ length: 21 }, (_, i) => `k${i}`).join(";");
    expect(
      messages(`${HEADER}\nLong keyword?,Yes,ok;${long},,\nMany keywords?,Yes,${many},,`),
    ).toEqual([
      `Row 2: keyword “${long}” has more than 40 characters`,
      "Row 3: keywords: use at most 20",
    ]);
    expect(faqs(`${HEADER}\nSame keyword?,Yes,Open; open ;OPEN;hours,,`)[0]?.keywords).toEqual([
      "Open",
      "hours",
    ]);
  });

  it("refuses an answer longer than one WhatsApp message", () => {
    expect(messages(`question,answer\nLong?,${"a".repeat(4097)}`)).toEqual([
      "Row 2: answer must have at most 4096 characters",
    ]);
  });

  it("refuses a question asked twice in the file, whatever its case", () => {
    const text = `${HEADER}\nWhat are your hours?,9-18,,,\nOther?,Yes,,,\n  WHAT ARE YOUR HOURS? ,10-16,,,`;
    expect(messages(text)).toEqual(["Row 4: question repeats row 2"]);
  });

  it("refuses a header without the question or answer column, or with unknown ones", () => {
    expect(messages("question,keywords\nHi?,hello")).toEqual([
      "Row 1: the header row has no “answer” column (columns: question, answer, keywords, priority, active, examples)",
    ]);
    expect(messages("What are your hours?,9-18\nWhere?,Here")).toEqual([
      "Row 1: unknown column “What are your hours?”; the header row names question, answer, keywords, priority, active, examples",
      "Row 1: unknown column “9-18”; the header row names question, answer, keywords, priority, active, examples",
      "Row 1: the header row has no “question” column (columns: question, answer, keywords, priority, active, examples)",
      "Row 1: the header row has no “answer” column (columns: question, answer, keywords, priority, active, examples)",
    ]);
    expect(messages("question,answer,Answer\nA?,b,c")).toEqual([
      "Row 1: the column “answer” appears twice",
    ]);
  });

  it("refuses a row with more values than columns: an unquoted comma", () => {
    expect(messages("question,answer\nHours?,Mon-Fri, Sat too")).toEqual([
      "Row 2: has 3 values but the header has 2 columns; put quotes around a value that contains a comma",
    ]);
  });

  it("refuses an empty file, a header with no FAQs, and a broken quote", () => {
    expect(messages("")).toEqual(["The file is empty."]);
    expect(messages("\uFEFF \r\n ")).toEqual(["The file is empty."]);
    expect(messages(`${HEADER}\r\n`)).toEqual(["The file has a header row but no FAQs."]);
    expect(messages(`${HEADER}\nA?,"unclosed\n`)).toEqual([
      "Row 2: has a quoted value whose closing quote is missing",
    ]);
  });
});

describe("other wordings of the question", () => {
  it("reads an examples column split at |, trimmed, without empties, repeats or the question", () => {
    const text = [
      "question,answer,examples",
      'When do you open?,9-18,"  open on saturday? |  | what time do u open | WHAT TIME DO U OPEN|when do you open?"',
      "Do you deliver?,Yes,",
    ].join("\n");
    expect(faqs(text).map((f) => f?.examples)).toEqual([
      ["open on saturday?", "what time do u open"],
      [],
    ]);
  });

  it("takes examples as a JSON list too, and refuses too many or too long ones", () => {
    expect(
      faqs(
        JSON.stringify([{ question: "Hours?", answer: "9-18", examples: [" hrs? ", "open?"] }]),
      )[0]?.examples,
    ).toEqual(["hrs?", "open?"]);
    const many = Array.from({ length: 21 }, (_, i) => `wording ${i}`);
    const long = "x".repeat(301);
    expect(
      messages(
        JSON.stringify([
          { question: "Hours?", answer: "9-18", examples: many },
          { question: "Open?", answer: "9-18", examples: [long] },
          { question: "Late?", answer: "No", examples: "fine" },
          { question: "Early?", answer: "No", examples: [3] },
        ]),
      ),
    ).toEqual([
      "Row 1: examples: use at most 20 other wordings",
      `Row 2: example question “${"x".repeat(40)}…” has more than 300 characters`,
      "Row 4: examples must be text",
    ]);
  });
});

describe("FAQ import from JSON", () => {
  it("reads a list or {faqs: [...]}, with typed or text values", () => {
    const list = [
      {
        question: "Hours?",
        answer: "9-18",
        keywords: ["hours", "open"],
        examples: [],
        priority: 3,
        active: false,
      },
      {
        question: "Delivery?",
        answer: "Yes",
        keywords: "delivery; shipping",
        priority: "2",
        active: "yes",
      },
      { question: "Returns?", answer: "30 days" },
    ];
    const expected = [
      {
        question: "Hours?",
        answer: "9-18",
        keywords: ["hours", "open"],
        examples: [],
        priority: 3,
        active: false,
      },
      {
        question: "Delivery?",
        answer: "Yes",
        keywords: ["delivery", "shipping"],
        examples: [],
        priority: 2,
        active: true,
      },
      {
        question: "Returns?",
        answer: "30 days",
        keywords: [],
        examples: [],
        priority: 0,
        active: true,
      },
    ];
    expect(faqs(JSON.stringify(list))).toEqual(expected);
    expect(faqs(`\uFEFF${JSON.stringify({ faqs: list }, null, 2)}`)).toEqual(expected);
    expect(parseFaqImport("[]").format).toBe("json");
  });

  it("names each bad item by its place in the list", () => {
    const list = [
      { question: "Fine?", answer: "Yes" },
      { question: "No answer?" },
      { question: "Typo?", answr: "x", answer: "y" },
      "just text",
      { question: "Fine?", answer: "Again" },
      { question: "Priority?", answer: "x", priority: 2.5, keywords: [1] },
    ];
    expect(messages(JSON.stringify(list))).toEqual([
      "Row 2: answer is missing",
      "Row 3: unknown field “answr” (fields: question, answer, keywords, priority, active, examples)",
      "Row 4: must be an object with a question and an answer",
      "Row 5: question repeats row 1",
      "Row 6: keywords must be text",
      "Row 6: priority must be a whole number from -100 to 100",
    ]);
  });

  it("refuses broken JSON, the wrong shape and an empty list", () => {
    expect(messages('[{"question": "Hi?",}]')[0]).toMatch(/^This is not valid JSON: /);
    expect(messages('{"questions": []}')).toEqual([
      'JSON must be a list of FAQs, or {"faqs": [ … ]}.',
    ]);
    expect(messages("[]")).toEqual(["The file has no FAQs."]);
  });
});
