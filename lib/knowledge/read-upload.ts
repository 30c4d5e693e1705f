import { ApiError } from "@/lib/api/errors";
import { readBodyLimited } from "@/lib/api/read-body";
import { MAX_KNOWLEDGE_FILE_BYTES } from "./limits";
import { FILE_TOO_LARGE } from "./manage-sources";

// Room for the multipart envelope around the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/**
 * The file of a multipart upload (field `file`), read no further than the size limit allows.
 * Throws `ApiError` (413 past the limit, 400 without a file).
 */
export async function readKnowledgeUpload(
  req: Request,
): Promise<{ fileName: string; mimeType: string | null; bytes: Buffer }> {
  const body = await readBodyLimited(req, MAX_KNOWLEDGE_FILE_BYTES + ENVELOPE_BYTES);
  if (!body) throw new ApiError("payload_too_large", FILE_TOO_LARGE);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new ApiError(
      "bad_request",
      "Send the file as multipart/form-data in a field named `file`.",
    );
  }
  const file = form.get("file");
  if (!file || typeof file === "string") {
    throw new ApiError(
      "bad_request",
      "Send the file as multipart/form-data in a field named `file`.",
    );
  }
  if (file.size > MAX_KNOWLEDGE_FILE_BYTES) throw new ApiError("payload_too_large", FILE_TOO_LARGE);
  return {
    fileName: file.name || "document",
    mimeType: file.type || null,
    bytes: Buffer.from(await file.arrayBuffer()),
  };
}
