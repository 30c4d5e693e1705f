import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFaqIndex,
  MAX_FUZZY_TERM,
  MAX_QUERY_TERMS,
  MAX_SEARCH_TERMS,
  type MatchableFaq,
  type MatchWork,
} from "./faq-match";
import { conceptualize } from "./synonyms";
import { boundText, DEFAULT_INPUT_CHARS, plainWords, words } from "./text";

const FAQS: MatchableFaq[] = [
  {
    id: "hours",
    question: "What are your opening hours?",
    answer: "Mon-Fri 9-18.",
    keywords: ["hours", "open"],
    priority: 0,
  },
  {
    id: "delivery",
    question: "How much does delivery cost?",
    answer: "Free over 50 EUR.",
    keywords: ["delivery", "shipping"],
    priority: 0,
  },
  {
    id: "refund",
    question: "Can I return an item and get a refund?",
    answer: "Within 30 days.",
    keywords: ["refund", "return policy"],
    priority: 1,
  },
  {
    id: "parking",
    question: "Is there parking near the Nairobi store?",
    answer: "Yes, behind the building.",
    keywords: ["parking"],
    priority: 0,
  },
  // Long words on the FAQ side as well: edit distance stays off for them too.
  {
    id: "warranty",
    question: "Does the Supercalifragilisticexpialidocious blender have a warranty?",
    answer: "Two years.",
    keywords: ["warranty", "guarantee"],
    priority: 0,
  },
];

// More than any FAQ has: every comparison is a query term against one FAQ term.
const FAQ_TERMS =
  Math.max(...FAQS.map((f) => words(`${f.question} ${f.keywords.join(" ")} ${f.answer}`).length)) +
  8;
const CANDIDATES = 12;

const meter = (): MatchWork => ({ chars: 0, terms: 0, searched: 0, comparisons: 0, editCells: 0 });

// Customers' words, typos, long runs of letters, emoji, other scripts and whitespace, in any mix.
const piece = fc.oneof(
  fc.constantFrom(
    "opening",
    "hours",
    "delivery",
    "delivry",
    "refund",
    "parking",
    "Nairobi",
    "warranty",
    "supercalifragilisticexpialidocius",
    "pizza",
    "STOP",
    "¿cuánto cuesta el envío?",
    "😀",
    "\n",
    "  ",
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc
    .tuple(fc.constantFrom("a", "ab", "xyz", "é", "😀"), fc.integer({ min: 1, max: 3000 }))
    .map(([unit, n]) => unit.repeat(n)),
);
const longMessage = fc
  .array(piece, { minLength: 1, maxLength: 400 })
  .map((parts) => parts.join(" "))
  .filter((t) => t.length > 500);

describe("FAQ matching of long messages", () => {
  const work = meter();
  const index = createFaqIndex(FAQS, { work, inputChars: 300 });

  it("reads only the start of a message and does bounded work on it, whatever its length", () => {
    fc.assert(
      fc.property(longMessage, (text) => {
        Object.assign(work, meter());
        const long = index.lookup(text);
        const done = { ...work };
        expect(done.chars).toBeLessThanOrEqual(300);
        // The message is read once, its asking sentence's terms first.
        expect(done.terms).toBeLessThanOrEqual(2 * MAX_QUERY_TERMS);
        expect(done.searched).toBeLessThanOrEqual(2 * MAX_SEARCH_TERMS);
        expect(done.comparisons).toBeLessThanOrEqual(2 * MAX_QUERY_TERMS * CANDIDATES * FAQ_TERMS);
        expect(done.editCells).toBeLessThanOrEqual(done.comparisons * MAX_FUZZY_TERM ** 2);
        // The rest of the message changes nothing: the answer is the one for its start.
        expect(index.lookup(boundText(text, 300))).toEqual(long);
        expect(index.match(text)).toEqual(long.match);
      }),
      { numRuns: 150, seed: 16_1 },
    );
  });

  it("answers a 65,536-letter word at once instead of running out of memory", () => {
    const big = createFaqIndex(FAQS, { work: meter() });
    for (const text of ["a".repeat(65_536), `${"hours ".repeat(10_000)}${"z".repeat(5_536)}`]) {
      const started = process.cpuUsage();
      const found = big.lookup(text);
      const used = process.cpuUsage(started);
      expect(found.match?.faq.id ?? null).toBe(text.startsWith("hours") ? "hours" : null);
      // Seconds and a gigabyte before; a generous bound for a busy test machine.
      expect((used.user + used.system) / 1000).toBeLessThan(500);
    }
  });

  it("reads the default number of characters when none is configured", () => {
    const work = meter();
    const plain = createFaqIndex(FAQS, { work });
    plain.match(`opening hours ${"x ".repeat(5_000)}`);
    expect(work.chars).toBeLessThanOrEqual(DEFAULT_INPUT_CHARS);
    expect(work.chars).toBeGreaterThan(DEFAULT_INPUT_CHARS - 50);
  });

  it("still finds the FAQ for ordinary questions, typos included", () => {
    expect(index.match("when are you open?")?.faq.id).toBe("hours");
    expect(index.match("how much is delivry")?.faq.id).toBe("delivery");
    expect(index.match("how do I get a refund")?.faq.id).toBe("refund");
    expect(index.match("do you sell pizza")).toBeNull();
  });

  it("never compares a long term by edit distance, and only distinct terms up to the cap", () => {
    const work = meter();
    const counted = createFaqIndex(FAQS, { work });
    // One letter away from the FAQ's long word, but neither it nor a prefix of it.
    expect(counted.lookup("supercalifragilisticexpialidocius")).toEqual({
      match: null,
      related: [],
    });
    expect(work.editCells).toBe(0);
    expect(counted.match("supercalifragilisticexpialidocious blender warranty")?.faq.id).toBe(
      "warranty",
    );
    const distinct = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    Object.assign(work, meter());
    counted.match(distinct);
    expect(work.terms).toBe(MAX_QUERY_TERMS);
    expect(work.searched).toBe(MAX_SEARCH_TERMS);
  });
});

describe("FAQ matching of a question asked after a story", () => {
  const index = createFaqIndex([
    {
      id: "install",
      question: "Do you mount TVs on the wall?",
      answer: "Yes, our technician mounts any TV for KES 2,500.",
      keywords: ["mount", "installation"],
      priority: 0,
    },
    {
      id: "offers",
      question: "Do you have any offers?",
      answer: "This month: 10% off all headphones.",
      keywords: ["offer", "discount"],
      priority: 0,
    },
  ]);

  it("reads the asking sentence with the story around it, not alone", () => {
    const text =
      "Hi, I just bought a 55 inch TV from you and I have no idea how to mount it on the wall. Do you offer that?";
    // Alone, "Do you offer that?" is the offers entry's own question.
    expect(index.match("Do you offer that?")?.faq.id).toBe("offers");
    expect(index.match(text)?.faq.id).not.toBe("offers");
    expect(index.related(text, 1, 0)[0]?.faq.id).toBe("install");
  });

  it("answers an asking sentence that is an entry's own wording, whatever comes before it", () => {
    const text = "Order 1043: a 55 inch TV, paid. Do you mount TVs on the wall?";
    expect(index.match(text)).toMatchObject({ faq: { id: "install" }, score: 1 });
  });
});

describe("reading a customer's words", () => {
  it("keeps Hindi words whole, vowel signs included", () => {
    expect(words("क्या नाश्ता शामिल है?")).toEqual(["क्या", "नाश्ता", "शामिल", "है"]);
  });

  it("reads 'to' and Arabic 'an' as written, not as chat spelling of other words", () => {
    expect(plainWords("talk to someone")).toEqual(["talk", "to", "someone"]);
    expect(plainWords("ان")).toEqual(["ان"]);
  });

  it("never reads a function word as a concept because a concept word stems to it", () => {
    // "uñas" (nails) stems to "una", Spanish for "a"; "kamis" (Thursday) to "kami", Indonesian "we".
    expect(conceptualize(plainWords("quiero una pizza")).concepts).toEqual([]);
    expect(conceptualize(plainWords("kami mau booking")).concepts).toEqual(["~booking"]);
    expect(conceptualize(plainWords("uñas")).concepts).toEqual(["~manicure"]);
  });
});

describe("boundText", () => {
  it("keeps short text as it is", () => {
    expect(boundText("opening hours?", 20)).toBe("opening hours?");
    expect(boundText("x".repeat(20), 20)).toBe("x".repeat(20));
  });

  it("cuts at a word end within the limit and marks the cut", () => {
    const cut = boundText("what are your opening hours on sunday", 20);
    expect(cut).toBe("what are your…");
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it("cuts inside a word only when no space is near, and never through an emoji", () => {
    expect(boundText("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
    const emoji = boundText("😀".repeat(50), 10);
    expect(emoji.length).toBeLessThanOrEqual(10);
    expect(emoji).toBe(`${"😀".repeat(4)}…`);
  });

  it("stays within the limit for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (t, max) => {
        const cut = boundText(t, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (t.length <= max) expect(cut).toBe(t);
        else expect(t.startsWith(cut.slice(0, -1))).toBe(true);
      }),
    );
  });
});

describe("FAQ matching of the owner's wordings", () => {
  const index = createFaqIndex([
    ...FAQS,
    {
      id: "vegan",
      question: "Do you have vegan options?",
      answer: "Yes: oat milk and two vegan cakes.",
      keywords: [],
      examples: ["do you have oat milk", "anything without dairy?"],
      priority: 0,
    },
  ]);

  it("answers a question asked exactly as one of an entry's wordings, whatever the case and punctuation", () => {
    for (const asked of [
      "do you have oat milk",
      "Do you have OAT MILK?",
      "anything without dairy",
    ]) {
      expect(index.match(asked)).toMatchObject({ faq: { id: "vegan" }, score: 1 });
    }
  });

  it("does not answer a question that only shares a word with a wording", () => {
    expect(index.match("do you sell milk chocolate bars for a wedding?")).toBeNull();
  });
});
