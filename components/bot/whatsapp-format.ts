// WhatsApp's text formatting, parsed into a tree the preview renders as React elements (never as
// HTML), so a customer-facing answer can be checked before it is sent.

export type WhatsAppNode =
  | { type: "text"; text: string }
  | { type: "link"; text: string }
  | { type: "mono"; text: string }
  | { type: "break" }
  | { type: "bold" | "italic" | "strike"; children: WhatsAppNode[] };

const MARKS = { "*": "bold", _: "italic", "~": "strike" } as const;
type Mark = keyof typeof MARKS;

// Links are shown as text, and nothing inside them is formatting: "a_b_c" in a URL stays as is.
const URL = /(?:https?:\/\/|www\.)[^\s<>]+/iy;
const TRAILING = /[.,!?;:'")\]]+$/;

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

// A closing mark follows a non-space and is not followed by a letter or digit, as in WhatsApp.
function findClose(line: string, open: number, mark: Mark): number {
  for (let j = open + 2; j < line.length; j++) {
    if (line[j] === mark && !isSpace(line[j - 1]) && !isWordChar(line[j + 1])) return j;
  }
  return -1;
}

function parseLine(line: string): WhatsAppNode[] {
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
    if (boundary && (c === "h" || c === "H" || c === "w" || c === "W")) {
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
      const mark = c as Mark;
      const close = findClose(line, i, mark);
      if (close !== -1) {
        flush();
        nodes.push({ type: MARKS[mark], children: parseLine(line.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return nodes;
}

function parseLines(text: string): WhatsAppNode[] {
  return text
    .split("\n")
    .flatMap((line, i) => [...(i > 0 ? [{ type: "break" } as const] : []), ...parseLine(line)]);
}

/** *bold*, _italic_, ~strikethrough~, ```monospace``` (which may span lines), line breaks, links. */
export function parseWhatsApp(input: string): WhatsAppNode[] {
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
