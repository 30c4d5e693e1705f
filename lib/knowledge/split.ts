import { terms } from "@/lib/bot/text";

/** A run of text to split: a page of a PDF, a web page, a whole document. */
export type Section = { text: string; heading?: string | null; pageUrl?: string | null };

export type Passage = { heading: string | null; pageUrl: string | null; text: string };

// About a screenful: big enough to carry an answer with its context, small enough that a few fit
// in the model's prompt. Measured on real documents: most paragraphs are 100-600 characters.
export const PASSAGE_TARGET_CHARS = 900;
export const PASSAGE_MAX_CHARS = 1400;

const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;

/** A short line on its own that does not end like a sentence reads as a heading. */
function looksLikeHeading(paragraph: string): boolean {
  return (
    !paragraph.includes("\n") &&
    paragraph.length <= 70 &&
    /\p{L}/u.test(paragraph) &&
    !/[.,;:!?)]$/.test(paragraph) &&
    !/^[-*•]\s/.test(paragraph)
  );
}

type Block = { kind: "heading" | "text"; text: string };

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  const flush = () => {
    // A title line atop a paragraph with no blank line between (as PDFs give text): a short
    // capitalised line followed by a capitalised line. A wrapped sentence goes on in lower case.
    const [top, next] = lines;
    if (
      top &&
      next &&
      top.length <= 60 &&
      looksLikeHeading(top) &&
      /^\p{Lu}/u.test(top) &&
      /^[\p{Lu}\p{N}]/u.test(next)
    ) {
      blocks.push({ kind: "heading", text: top });
      lines.shift();
    }
    const paragraph = lines.join("\n").trim();
    lines = [];
    if (!paragraph) return;
    blocks.push({ kind: looksLikeHeading(paragraph) ? "heading" : "text", text: paragraph });
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/[ \t]+/g, " ").trim();
    const heading = MARKDOWN_HEADING.exec(line);
    if (heading?.[1]) {
      flush();
      blocks.push({ kind: "heading", text: heading[1] });
    } else if (line === "") flush();
    else lines.push(line);
  }
  flush();
  // A "heading" with no text after it before the next heading is text after all.
  return blocks.map((b, i) =>
    b.kind === "heading" && (blocks[i + 1] === undefined || blocks[i + 1]?.kind === "heading")
      ? { kind: "text", text: b.text }
      : b,
  );
}

/** Cuts an over-long paragraph at sentence ends, else at spaces, into pieces of at most `max`. */
function cut(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const sentences = paragraph.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = "";
  const push = (piece: string) => {
    if (piece.trim()) pieces.push(piece.trim());
  };
  for (const sentence of sentences) {
    if (sentence.length > max) {
      push(current);
      current = "";
      let rest = sentence;
      while (rest.length > max) {
        const space = rest.lastIndexOf(" ", max);
        const at = space > max / 2 ? space : max;
        push(rest.slice(0, at));
        rest = rest.slice(at);
      }
      current = rest;
    } else if (current.length + sentence.length > max) {
      push(current);
      current = sentence;
    } else current += sentence;
  }
  push(current);
  return pieces;
}

/**
 * Splits text into passages: paragraphs gathered under their heading up to about
 * `PASSAGE_TARGET_CHARS`, never over `PASSAGE_MAX_CHARS` (a longer paragraph is cut at sentence
 * ends). No overlap: each passage keeps its heading, which carries the context a neighbour would.
 */
export function splitIntoPassages(sections: readonly Section[]): Passage[] {
  const passages: Passage[] = [];
  for (const section of sections) {
    const pageUrl = section.pageUrl ?? null;
    const label = section.heading?.trim() || null;
    let heading: string | null = label;
    let parts: string[] = [];
    let size = 0;
    const flush = () => {
      if (parts.length > 0) passages.push({ heading, pageUrl, text: parts.join("\n\n") });
      parts = [];
      size = 0;
    };
    for (const block of blocksOf(section.text)) {
      if (block.kind === "heading") {
        flush();
        heading = label && label !== block.text ? `${label} · ${block.text}` : block.text;
        continue;
      }
      for (const piece of cut(block.text, PASSAGE_MAX_CHARS)) {
        if (size > 0 && size + piece.length > PASSAGE_TARGET_CHARS) flush();
        parts.push(piece);
        size += piece.length + 2;
      }
    }
    flush();
  }
  return passages;
}

/** What the search index reads of a passage: its heading and text as the bot's matcher reads them. */
export function searchTextOf(passage: { heading: string | null; text: string }): string {
  return terms(`${passage.heading ?? ""}\n${passage.text}`).join(" ");
}
