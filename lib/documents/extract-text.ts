import { hasBrand, setBrand } from "@/lib/errors/brand";

/** Why a document gave no text, in words an owner understands. */
export type UnreadableReason = "encrypted" | "no_text" | "unsupported" | "damaged" | "too_large";

const MESSAGES: Record<UnreadableReason, string> = {
  encrypted: "The PDF is protected by a password. Remove the password and upload it again.",
  no_text:
    "The document has no text to read: it may be a scan or photos of pages. Upload a version with selectable text, or paste the text.",
  unsupported:
    "This kind of file can't be read. Upload a PDF, a Word document (.docx), or a text or Markdown file.",
  damaged: "The file could not be opened: it may be damaged or not what its name says.",
  too_large: "The file is larger than the limit.",
};

export class UnreadableDocument extends Error {
  override name = "UnreadableDocument";
  constructor(readonly reason: UnreadableReason) {
    super(MESSAGES[reason]);
    setBrand(this, "UnreadableDocument");
  }
}

export const isUnreadableDocument = (error: unknown): error is UnreadableDocument =>
  hasBrand(error, "UnreadableDocument");

export type DocumentKind = "pdf" | "docx" | "text" | "markdown";

/** The kind of a file from its MIME type, else its name's extension; null when unsupported. */
export function documentKind(file: { mimeType?: string | null; fileName?: string | null }) {
  const mime = (file.mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const ext = /\.([a-z0-9]+)$/i.exec(file.fileName ?? "")?.[1]?.toLowerCase() ?? "";
  if (mime === "application/pdf" || ext === "pdf") return "pdf";
  if (
    mime === "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
    ext === "docx"
  )
    return "docx";
  if (mime === "text/markdown" || ext === "md" || ext === "markdown") return "markdown";
  if (mime === "text/plain" || ext === "txt") return "text";
  return null;
}

export type ExtractedText = {
  kind: DocumentKind;
  /** The text, one entry per page for a PDF, one entry otherwise. */
  pages: string[];
  /** Whether the text was cut at `maxChars`. */
  truncated: boolean;
};

const decodeText = (bytes: Uint8Array) => {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  try {
    // pdf.js takes ownership of the buffer it is given: a copy keeps the caller's bytes intact.
    const pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
    try {
      const { text } = await extractText(pdf, { mergePages: false });
      return text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === "PasswordException") throw new UnreadableDocument("encrypted");
    throw new UnreadableDocument("damaged");
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import("mammoth");
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch {
    throw new UnreadableDocument("damaged");
  }
}

/**
 * The text of an uploaded or received document (PDF, DOCX, plain text, Markdown), at most
 * `maxChars` characters in all. Throws `UnreadableDocument` with the reason when it has none.
 */
export async function extractDocumentText(
  bytes: Uint8Array,
  file: { mimeType?: string | null; fileName?: string | null },
  options: { maxChars?: number } = {},
): Promise<ExtractedText> {
  const kind = documentKind(file);
  if (!kind) throw new UnreadableDocument("unsupported");
  let pages: string[];
  if (kind === "pdf") pages = await pdfPages(bytes);
  else if (kind === "docx") pages = [await docxText(bytes)];
  else pages = [decodeText(bytes)];
  pages = pages.map((p) => p.replaceAll("\u0000", "").trim());
  if (!pages.some((p) => /\p{L}|\p{N}/u.test(p))) throw new UnreadableDocument("no_text");
  const max = options.maxChars ?? Number.POSITIVE_INFINITY;
  let left = max;
  const kept: string[] = [];
  for (const page of pages) {
    if (left <= 0) break;
    kept.push(page.length > left ? page.slice(0, left) : page);
    left -= page.length;
  }
  return { kind, pages: kept, truncated: left < 0 };
}
