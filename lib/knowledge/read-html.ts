import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export type ReadablePage = {
  title: string;
  /** The page's readable text, headings marked as Markdown headings, paragraphs apart. */
  text: string;
  /** Every link on the page (before reduction), absolute, without fragments. */
  links: string[];
};

const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,td,th,dt,dd";

const clean = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** The text of reduced HTML, block by block, headings kept as headings. */
function blocksText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: string[] = [];
  for (const el of document.querySelectorAll(BLOCKS)) {
    // A block inside another block is read with its parent (a paragraph in a list item).
    if (el.parentElement?.closest(BLOCKS)) continue;
    const text = clean(el.textContent);
    if (!text) continue;
    const level = /^H([1-6])$/.exec(el.tagName)?.[1];
    out.push(
      level ? `${"#".repeat(Number(level))} ${text}` : el.tagName === "LI" ? `- ${text}` : text,
    );
  }
  return out.join("\n\n");
}

/**
 * A web page reduced to its readable text (navigation, footers and scripts dropped) by Mozilla's
 * Readability, and its links, for crawling. A page Readability finds no article in is read whole.
 */
export function readHtml(html: string, url: string): ReadablePage {
  const { document } = parseHTML(html);
  const links: string[] = [];
  for (const a of document.querySelectorAll("a[href]")) {
    try {
      const link = new URL(a.getAttribute("href") ?? "", url);
      link.hash = "";
      if (link.protocol === "http:" || link.protocol === "https:") links.push(link.href);
    } catch {
      // A malformed link is not followed.
    }
  }
  const pageTitle = clean(document.querySelector("title")?.textContent);
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(document as unknown as Document).parse();
  } catch {
    article = null;
  }
  const body = article?.content
    ? blocksText(article.content)
    : blocksText(document.body?.innerHTML ?? "");
  return { title: clean(article?.title) || pageTitle, text: body, links };
}
