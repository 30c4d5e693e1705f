import { z } from "zod";
import type { Db } from "@/db";
import type { KnowledgeSource } from "@/db/queries/knowledge";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { knowledgeTextSchema, knowledgeWebsiteSchema } from "@/lib/validations/knowledge";
import { MAX_PASTED_CHARS } from "./limits";
import { addFileSource, addTextSource, addWebsiteSource } from "./manage-sources";
import { readKnowledgeUpload } from "./read-upload";

/** A knowledge source as the public API shows it. */
export function knowledgeResource(s: KnowledgeSource) {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    fileName: s.fileName,
    mimeType: s.mimeType,
    sizeBytes: s.sizeBytes,
    status: s.status,
    failureReason: s.failureReason,
    note: s.note,
    passageCount: s.passageCount,
    startUrl: s.startUrl,
    maxPages: s.maxPages,
    resyncHours: s.resyncHours,
    pagesCrawled: s.pagesCrawled,
    lastSyncedAt: s.lastSyncedAt?.toISOString() ?? null,
    nextSyncAt: s.nextSyncAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

/** The JSON bodies `POST /knowledge` takes: pasted text, or a website. */
export const knowledgeJsonSchema = z.union([knowledgeTextSchema, knowledgeWebsiteSchema]);

const WHAT_TO_SEND =
  'Send a file as multipart/form-data (field `file`), or JSON {"text","title"} or {"url"}.';

/** Adds the source a request describes (a file upload, pasted text or a website). */
export async function addSourceFromRequest(db: Db, workspaceId: string, req: Request) {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const added = await addFileSource(db, workspaceId, await readKnowledgeUpload(req));
    if (!added.ok && added.code === "payload_too_large") {
      throw new ApiError("payload_too_large", added.message);
    }
    if (!added.ok) throw refusalToApiError(added);
    return added.data;
  }
  if (!type.startsWith("application/json")) throw new ApiError("bad_request", WHAT_TO_SEND);
  const body = await readJsonBody(req, MAX_PASTED_CHARS * 4 + 10_000);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError("bad_request", WHAT_TO_SEND);
  }
  const added =
    "url" in body
      ? await addWebsiteSource(db, workspaceId, knowledgeWebsiteSchema.parse(body))
      : "text" in body
        ? await addTextSource(db, workspaceId, knowledgeTextSchema.parse(body))
        : null;
  if (!added) throw new ApiError("bad_request", WHAT_TO_SEND);
  if (!added.ok) throw refusalToApiError(added);
  return added.data;
}
