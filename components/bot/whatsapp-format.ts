// WhatsApp's text formatting, parsed into a tree the preview renders as React elements (never as
// HTML), so a customer-facing answer can be checked before it is sent.
//
// The inbox parses every message while rendering the thread on the server, so the parser must be
// linear in the text: a customer can send 65,536 characters of unclosed marks. Each character is
// read by one span only, and where a mark closes is looked up, never searched for.

export type WhatsAppNode =
  | { type: "text"; text: string }
  | { type: "link"; text: string }
  | { type: "mono"; text: string }
  | { type: "break" }
  | { type: "bold" | "italic" | "strike"; children: WhatsAppNode[] };

const MARKS = { "*": "bold", _: "italic", "~": "strike" } as const;
type Mark = keyof typeof MARKS;
const isMark = (c: string): c is Mark => c in MARKS;

// Links are shown as text, and nothing inside them is formatting: "a_b_c" in a URL stays as is.
const URL_START = /https?:\/\/|www\./iy;
const URL_END = /[\s<>]/;
const TRAILING = new Set(".,!?;:'\")]");

// Every character is classified a few times, so ASCII skips the Unicode regular expressions.
function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code >= 128) return /[\p{L}\p{N}]/u.test(c);
  const lower = code | 32;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122);
}

function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 128 ? /\s/.test(c) : code === 32 || (code >= 9 && code <= 13);
}

type Closers = Record<Mark, Int32Array>;

// For each mark and position, the first place at or after it where that mark can close. A closing
// mark follows a non-space and is not followed by a letter or digit, as in WhatsApp; both depend
// only on the neighbouring characters, so one backward pass over the whole text answers every
// opening mark in constant time.
function closers(s: string): Closers {
  const none = s.length + 2;
  const next = {} as Closers;
  for (const mark of Object.keys(MARKS) as Mark[]) {
    const at = new Int32Array(s.length + 3).fill(none);
    for (let j = s.length - 1; j >= 0; j--) {
      const closes = s[j] === mark && !isSpace(s[j - 1]) && !isWordChar(s[j + 1]);
      at[j] = closes ? j : (at[j + 1] as number);
    }
    next[mark] = at;
  }
  return next;
}

// Where a link starting at `i` ends, without its trailing punctuation; -1 when none starts there.
// A link never runs past the end of the style it is in.
function linkEnd(s: string, i: number, end: number): number {
  URL_START.lastIndex = i;
  if (!URL_START.test(s)) return -1;
  const body = URL_START.lastIndex;
  let j = body;
  while (j < end && !URL_END.test(s[j] as string)) j++;
  if (j === body) return -1;
  while (TRAILING.has(s[j - 1] as string)) j--;
  return j;
}

function pushText(nodes: WhatsAppNode[], s: string, from: number, to: number) {
  if (to > from) nodes.push({ type: "text", text: s.slice(from, to) });
}

// The styles and links of s[start, end), a stretch of one line. Each stretch is read as if it were
// a line of its own: a style starting there opens it, and neither a link nor a style runs past it.
function parseSpan(s: string, start: number, end: number, next: Closers): WhatsAppNode[] {
  const nodes: WhatsAppNode[] = [];
  let text = start;
  let i = start;
  while (i < end) {
    const c = s[i] as string;
    const boundary = i === start || !isWordChar(s[i - 1]);
    if (boundary && (c === "h" || c === "H" || c === "w" || c === "W")) {
      const link = linkEnd(s, i, end);
      if (link !== -1) {
        pushText(nodes, s, text, i);
        nodes.push({ type: "link", text: s.slice(i, link) });
        i = text = link;
        continue;
      }
    }
    if (boundary && isMark(c) && s[i + 1] !== c && !isSpace(s[i + 1])) {
      const close = next[c][i + 2] as number;
      if (close < end) {
        pushText(nodes, s, text, i);
        nodes.push({ type: MARKS[c], children: parseSpan(s, i + 1, close, next) });
        i = text = close + 1;
        continue;
      }
    }
    i += 1;
  }
  pushText(nodes, s, text, end);
  return nodes;
}

function parseLines(s: string, start: number, end: number, next: Closers, out: WhatsAppNode[]) {
  let line = start;
  for (let j = start; j <= end; j++) {
    if (j < end && s.charCodeAt(j) !== 10) continue;
    if (line > start) out.push({ type: "break" });
    for (const node of parseSpan(s, line, j, next)) out.push(node);
    line = j + 1;
  }
}

/** *bold*, _italic_, ~strikethrough~, ```monospace``` (which may span lines), line breaks, links. */
export function parseWhatsApp(input: string): WhatsAppNode[] {
  const s = input.replace(/\r\n?/g, "\n");
  const next = closers(s);
  const nodes: WhatsAppNode[] = [];
  let last = 0;
  for (const m of s.matchAll(/```([\s\S]+?)```/g)) {
    parseLines(s, last, m.index, next, nodes);
    nodes.push({ type: "mono", text: m[1] ?? "" });
    last = m.index + m[0].length;
  }
  parseLines(s, last, s.length, next, nodes);
  return nodes;
}
