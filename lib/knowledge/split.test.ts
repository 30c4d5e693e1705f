import { describe, expect, it } from "vitest";
import { PASSAGE_MAX_CHARS, searchTextOf, splitIntoPassages } from "./split";

const para = (words: number, seed = "word") =>
  `${Array.from({ length: words }, (_, i) => `${seed}${i}`).join(" ")}.`;

describe("splitting text into passages", () => {
  it("keeps each passage under its heading, Markdown or a short line on its own", () => {
    const text = [
      "# Returns",
      "You can return any item within 30 days with the receipt.",
      "",
      "Refunds go back to the card you paid with.",
      "",
      "Delivery times",
      "",
      "We deliver in Nairobi within 2 days.",
    ].join("\n");
    expect(splitIntoPassages([{ text }])).toEqual([
      {
        heading: "Returns",
        pageUrl: null,
        text: "You can return any item within 30 days with the receipt.\n\nRefunds go back to the card you paid with.",
      },
      { heading: "Delivery times", pageUrl: null, text: "We deliver in Nairobi within 2 days." },
    ]);
  });

  it("gathers paragraphs up to the target size and cuts a long paragraph at sentence ends", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => para(20, `p${i}w`)).join("\n\n");
    const long = Array.from(
      { length: 40 },
      (_, i) => `Sentence number ${i} says something useful.`,
    ).join(" ");
    const passages = splitIntoPassages([{ text: `${paragraphs}\n\n${long}` }]);
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(PASSAGE_MAX_CHARS);
    // Nothing is lost or repeated: every sentence is in exactly one passage.
    const all = passages.map((p) => p.text).join(" ");
    for (let i = 0; i < 40; i++) {
      expect(all.split(`Sentence number ${i} says`).length).toBe(2);
    }
    // Long sentences end where a sentence ends, not mid-word.
    const cutOnes = passages.filter((p) => p.text.startsWith("Sentence"));
    for (const p of cutOnes) expect(p.text.endsWith(".")).toBe(true);
  });

  it("labels a section's passages with its page and the headings inside it", () => {
    const passages = splitIntoPassages([
      { text: "Opening hours\n\nMonday to Friday 9 to 5.", heading: "Page 2" },
      {
        text: "Free parking behind the shop.",
        heading: "Visit us",
        pageUrl: "http://x.test/visit",
      },
    ]);
    expect(passages).toEqual([
      { heading: "Page 2 · Opening hours", pageUrl: null, text: "Monday to Friday 9 to 5." },
      {
        heading: "Visit us",
        pageUrl: "http://x.test/visit",
        text: "Free parking behind the shop.",
      },
    ]);
  });

  it("cuts a paragraph without sentence ends at spaces", () => {
    const [first, ...rest] = splitIntoPassages([{ text: para(600) }]);
    expect(rest.length).toBeGreaterThan(0);
    expect(first?.text.length).toBeLessThanOrEqual(PASSAGE_MAX_CHARS);
    expect(first?.text.endsWith(" ")).toBe(false);
  });

  it("indexes content words only, folded and stemmed as the matcher reads them", () => {
    expect(
      searchTextOf({ heading: "Políticas", text: "What is the warranty on our headphones?" }),
    ).toBe("politica warranty headphone");
  });
});
