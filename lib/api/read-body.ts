import { ApiError } from "./errors";

/** The raw request body, or null once it grows past `limit` bytes (read no further). */
export async function readBodyLimited(req: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON request body of at most `limit` bytes; refuses anything else with the JSON error shape
 * (413 when too large, 400 when it is not JSON).
 */
export async function readJsonBody(req: Request, limit = 1_000_000): Promise<unknown> {
  const raw = await readBodyLimited(req, limit);
  if (raw === null) {
    throw new ApiError("payload_too_large", `The body is larger than ${limit} bytes.`);
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
}

/** An action's refusal as the API's error: a duplicate is a conflict, a missing record a 404. */
export function refusalToApiError(refusal: {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
}): ApiError {
  if (refusal.code === "not_found") return new ApiError("not_found", refusal.message);
  const fields = Object.values(refusal.fieldErrors ?? {});
  const message = fields.length > 0 ? fields.join("; ") : refusal.message;
  return new ApiError(refusal.code === "conflict" ? "conflict" : "unprocessable_entity", message);
}
