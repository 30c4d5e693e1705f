import type { Db } from "@/db";
import {
  createKnowledgeSource,
  deleteKnowledgeSource,
  type KnowledgeSource,
  requestKnowledgeSync,
} from "@/db/queries/knowledge";
import { dispatchKnowledgeSyncs } from "@/inngest/dispatch";
import type { ActionResult } from "@/lib/auth/workspace";
import { documentKind } from "@/lib/documents/extract-text";
import { log } from "@/lib/log";
import type { KnowledgeTextInput, KnowledgeWebsiteInput } from "@/lib/validations/knowledge";
import { DEFAULT_MAX_PAGES, MAX_KNOWLEDGE_FILE_BYTES } from "./limits";
import { websiteTitle } from "./titles";

type Result = ActionResult<KnowledgeSource>;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export const FILE_TOO_LARGE = `The file is larger than ${megabytes(MAX_KNOWLEDGE_FILE_BYTES)}. Split it into smaller files, or remove images from it.`;
export const FILE_UNSUPPORTED =
  "This kind of file can't be read. Upload a PDF, a Word document (.docx), or a text or Markdown file.";

/** The source's read is queued; when it cannot be, the sweep for stuck sources asks again. */
async function queue(source: KnowledgeSource, workspaceId: string) {
  try {
    await dispatchKnowledgeSyncs([
      { workspaceId, sourceId: source.id, requestedAt: source.syncRequestedAt.toISOString() },
    ]);
  } catch (err) {
    log.error({ sourceId: source.id, err }, "Could not queue reading a knowledge source");
  }
}

const titleOf = (fileName: string) => fileName.replace(/\.[a-z0-9]+$/i, "").trim() || fileName;

/** Adds an uploaded document (PDF, DOCX, TXT, Markdown), read in the background. */
export async function addFileSource(
  db: Db,
  workspaceId: string,
  file: { fileName: string; mimeType: string | null; bytes: Buffer },
): Promise<Result> {
  if (file.bytes.byteLength > MAX_KNOWLEDGE_FILE_BYTES) {
    return { ok: false, code: "payload_too_large", message: FILE_TOO_LARGE };
  }
  if (file.bytes.byteLength === 0) {
    return { ok: false, code: "invalid", message: "The file is empty." };
  }
  if (!documentKind(file)) return { ok: false, code: "invalid", message: FILE_UNSUPPORTED };
  const source = await createKnowledgeSource(db, {
    workspaceId,
    kind: "file",
    title: titleOf(file.fileName).slice(0, 200),
    fileName: file.fileName.slice(0, 255),
    mimeType: file.mimeType,
    sizeBytes: file.bytes.byteLength,
    content: file.bytes,
  });
  await queue(source, workspaceId);
  return { ok: true, data: source };
}

/** Adds pasted text, read in the background. */
export async function addTextSource(
  db: Db,
  workspaceId: string,
  input: KnowledgeTextInput,
): Promise<Result> {
  const content = Buffer.from(input.text, "utf8");
  const source = await createKnowledgeSource(db, {
    workspaceId,
    kind: "text",
    title: input.title,
    sizeBytes: content.byteLength,
    content,
  });
  await queue(source, workspaceId);
  return { ok: true, data: source };
}

/** Adds a website, crawled in the background (and again on its schedule, when it has one). */
export async function addWebsiteSource(
  db: Db,
  workspaceId: string,
  input: KnowledgeWebsiteInput,
): Promise<Result> {
  const url = new URL(input.url);
  url.hash = "";
  const source = await createKnowledgeSource(db, {
    workspaceId,
    kind: "website",
    title: websiteTitle(url.href),
    startUrl: url.href,
    maxPages: input.maxPages ?? DEFAULT_MAX_PAGES,
    resyncHours: input.resyncHours ?? null,
  });
  await queue(source, workspaceId);
  return { ok: true, data: source };
}

const GONE = {
  ok: false,
  code: "not_found",
  message: "This source does not exist any more. Reload the page.",
} as const;

/** Reads a source again now (a website's pages, or a document after a failure). */
export async function resyncSource(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ActionResult<{ id: string }>> {
  const requestedAt = await requestKnowledgeSync(db, { workspaceId, id });
  if (!requestedAt) return GONE;
  try {
    await dispatchKnowledgeSyncs([
      { workspaceId, sourceId: id, requestedAt: requestedAt.toISOString() },
    ]);
  } catch (err) {
    log.error({ sourceId: id, err }, "Could not queue reading a knowledge source");
  }
  return { ok: true, data: { id } };
}

/** Removes a source with all its passages. */
export async function removeSource(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<ActionResult<{ id: string }>> {
  return (await deleteKnowledgeSource(db, { workspaceId, id })) ? { ok: true, data: { id } } : GONE;
}
