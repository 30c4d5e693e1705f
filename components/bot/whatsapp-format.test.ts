import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWhatsApp, type WhatsAppNode } from "./whatsapp-format";

const text = (t: string) => ({ type: "text", text: t });

describe("WhatsApp formatting", () => {
  it("reads bold, italic, strikethrough and monospace", () => {
    expect(parseWhatsApp("*Open* _daily_ ~not Sundays~ ```9-18```")).toEqual([
      { type: "bold", children: [text("Open")] },
      text(" "),
      { type: "italic", children: [text("daily")] },
      text(" "),
      { type: "strike", children: [text("not Sundays")] },
      text(" "),
      { type: "mono", text: "9-18" },
    ]);
  });

  it("nests styles and keeps line breaks", () => {
    expect(parseWhatsApp("*_both_*\nnext")).toEqual([
      { type: "bold", children: [{ type: "italic", children: [text("both")] }] },
      { type: "break" },
      text("next"),
    ]);
  });

  it("leaves marks that do not open or close a style as text", () => {
    for (const plain of [
      "2 * 3 * 4",
      "snake_case_name",
      "* not bold*",
      "*not bold *",
      "**",
      "a*b*",
    ])
      expect(parseWhatsApp(plain)).toEqual([text(plain)]);
    // A style does not run over a line break.
    expect(parseWhatsApp("*one\ntwo*")).toEqual([text("*one"), { type: "break" }, text("two*")]);
  });

  it("lets monospace span lines, with no styles inside", () => {
    expect(parseWhatsApp("```a *b*\nc```")).toEqual([{ type: "mono", text: "a *b*\nc" }]);
  });

  it("shows links as text, with no styles inside and without trailing punctuation", () => {
    expect(parseWhatsApp("See https://shop.test/a_b_c. Or www.shop.test/x!")).toEqual([
      text("See "),
      { type: "link", text: "https://shop.test/a_b_c" },
      text(". Or "),
      { type: "link", text: "www.shop.test/x" },
      text("!"),
    ]);
    expect(parseWhatsApp("*https://shop.test*")).toEqual([
      { type: "bold", children: [{ type: "link", text: "https://shop.test" }] },
    ]);
  });

  it("keeps markup-like text as text: it is never HTML", () => {
    expect(parseWhatsApp("<b>hi</b> & <script>")).toEqual([text("<b>hi</b> & <script>")]);
  });
});

// The first parser, kept as the reference for what the formatting means: it searched ahead for
// each mark's close, so it took quadratic time, but it is short enough to trust.
function reference(input: string): WhatsAppNode[] {
  const MARKS = { "*": "bold", _: "italic", "~": "strike" } as const;
  type Mark = keyof typeof MARKS;
  const URL = /(?:https?:\/\/|www\.)[^\s<>]+/iy;
  const TRAILING = /[.,!?;:'")\]]+$/;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const findClose = (line: string, open: number, mark: Mark) => {
    for (let j = open + 2; j < line.length; j++)
      if (line[j] === mark && !isSpace(line[j - 1]) && !isWordChar(line[j + 1])) return j;
    return -1;
  };
  const parseLine = (line: string): WhatsAppNode[] => {
    const nodes: WhatsAppNode[] = [];
    let text = "";
    const flush = () => {
      if (text) nodes.push({ type: "text", text });
      text = "";
    };
    let i = 0;
    while (i < line.length) {
      const c = line[i] as string;
      const boundary = !isWordChar(line[i - 1]);
      if (boundary && /[hw]/i.test(c)) {
        URL.lastIndex = i;
        const url = URL.exec(line)?.[0].replace(TRAILING, "");
        if (url) {
          flush();
          nodes.push({ type: "link", text: url });
          i += url.length;
          continue;
        }
      }
      if (boundary && c in MARKS && line[i + 1] !== c && !isSpace(line[i + 1])) {
        const close = findClose(line, i, c as Mark);
        if (close !== -1) {
          flush();
          nodes.push({ type: MARKS[c as Mark], children: parseLine(line.slice(i + 1, close)) });
          i = close + 1;
          continue;
        }
      }
      text += c;
      i += 1;
    }
    flush();
    return nodes;
  };
  const parseLines = (text: string): WhatsAppNode[] =>
    text
      .split("\n")
      .flatMap((line, i) => [...(i > 0 ? [{ type: "break" } as const] : []), ...parseLine(line)]);
  const text = input.replace(/\r\n?/g, "\n");
  const nodes: WhatsAppNode[] = [];
  let last = 0;
  for (const m of text.matchAll(/```([\s\S]+?)```/g)) {
    nodes.push(...parseLines(text.slice(last, m.index)));
    nodes.push({ type: "mono", text: m[1] ?? "" });
    last = m.index + m[0].length;
  }
  nodes.push(...parseLines(text.slice(last)));
  return nodes.filter((n) => n.type !== "text" || n.text !== "");
}

// What the nodes show, in order, with styles' marks left out.
const shown = (nodes: WhatsAppNode[]): string =>
  nodes
    .map((n) => {
      if (n.type === "break") return "\n";
      return "children" in n ? shown(n.children) : n.text;
    })
    .join("");

// A style never holds itself, however deep: same marks do not nest.
const nestsItself = (nodes: WhatsAppNode[], open = new Set<string>()): boolean =>
  nodes.some(
    (n) =>
      "children" in n && (open.has(n.type) || nestsItself(n.children, new Set([...open, n.type]))),
  );

describe("WhatsApp formatting of any text", () => {
  const pieces = ["*", "_", "~", "`", "```", " ", "\n", "\r\n", "a", "b", "1", "é", ".", ")", "<"];
  const words = ["http://", "https://", "www.", "HTTP://", "x.test", "ab", "a_b"];
  const message = fc
    .array(fc.constantFrom(...pieces, ...words), { maxLength: 40 })
    .map((parts) => parts.join(""));

  it("reads every message as the first, quadratic parser did", () => {
    fc.assert(
      fc.property(message, (text) => {
        expect(parseWhatsApp(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(parseWhatsApp(text)).toEqual(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("shows every character but the marks it uses, and never nests a style in itself", () => {
    fc.assert(
      fc.property(message, (text) => {
        const nodes = parseWhatsApp(text);
        expect(nestsItself(nodes)).toBe(false);
        expect(shown(nodes).replace(/[*_~`]/g, "")).toBe(
          text.replace(/\r\n?/g, "\n").replace(/[*_~`]/g, ""),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("reads 65,536 characters built to make a parser search ahead", () => {
    const fill = (unit: string) => unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536);
    for (const text of [
      fill("*_~"),
      fill("*"),
      fill("*a"),
      fill("*a _b ~c "),
      fill("a"),
      fill("```a"),
      fill("a\n"),
      `http://a${".".repeat(65_528)}`,
    ]) {
      const nodes = parseWhatsApp(text);
      expect(text).toHaveLength(65_536);
      expect(shown(nodes).replace(/[*_~`]/g, "")).toBe(text.replace(/[*_~`]/g, ""));
    }
    expect(parseWhatsApp(fill("a"))).toEqual([text(fill("a"))]);
    expect(parseWhatsApp(fill("*a _b ~c "))).toEqual([text(fill("*a _b ~c "))]);
    expect(parseWhatsApp(fill("*_~"))[0]).toEqual({ type: "bold", children: [text("_~")] });
  });
});
