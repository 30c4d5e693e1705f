import { createHash } from "node:crypto";
import type { Db } from "@/db";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from "@/db/queries/api-requests";
import { ApiError, toErrorResponse } from "./errors";
import { readBodyLimited } from "./read-body";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
/** How long a key's answer is kept: a repeat after that runs as a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A first request unanswered this long is taken as abandoned (its server stopped). */
export const IDEMPOTENCY_STALE_MS = 2 * 60_000;
// The largest body a keyed request may have: the largest upload (a knowledge file) with room for
// its multipart framing.
const MAX_KEYED_BODY = 21 * 1024 * 1024;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The request's `Idempotency-Key`, or null when it has none or its method reads. */
export function idempotencyKeyOf(req: Request): string | null {
  if (!WRITES.has(req.method.toUpperCase())) return null;
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError(
      "bad_request",
      "The Idempotency-Key header must be 1 to 255 visible ASCII characters, such as a UUID.",
    );
  }
  return key;
}

function fingerprintOf(req: Request, body: Buffer): string {
  const url = new URL(req.url);
  return createHash("sha256")
    .update(`${req.method.toUpperCase()} ${url.pathname}${url.search}\n`)
    .update(body)
    .digest("hex");
}

// Answers worth repeating: successes and refusals of the request itself. A server error, or a
// limit that asks the client to come back, gives the key back so that a retry runs again.
const keeps = (status: number) => status < 500 && status !== 429;

/**
 * Answers a write sent with an `Idempotency-Key` once per workspace and key: the first request
 * runs `handler` and its answer is stored; a repeat gets that answer (with
 * `Idempotent-Replayed: true`); the same key with a different method, path or body → 422; a repeat
 * while the first is still being answered → 409. Keys are kept for 24 hours.
 */
export async function answerIdempotently(
  db: Db,
  p: { workspaceId: string; key: string; req: Request; now?: Date },
  handler: (req: Request) => Promise<Response>,
): Promise<Response> {
  const raw = await readBodyLimited(p.req, MAX_KEYED_BODY);
  if (raw === null) {
    throw new ApiError("payload_too_large", `The body is larger than ${MAX_KEYED_BODY} bytes.`);
  }
  const fingerprint = fingerprintOf(p.req, raw);
  const now = p.now ?? new Date();
  const claim = await claimIdempotencyKey(db, {
    workspaceId: p.workspaceId,
    key: p.key,
    fingerprint,
    now,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    staleBefore: new Date(now.getTime() - IDEMPOTENCY_STALE_MS),
  });
  if (claim.state === "mismatch") {
    throw new ApiError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different request (method, path or body). Use a new key for each new request.",
    );
  }
  if (claim.state === "in_flight") {
    throw new ApiError(
      "idempotency_key_in_use",
      "A request with this Idempotency-Key is still being answered. Repeat it in a moment to get its answer.",
      { "Retry-After": "1" },
    );
  }
  if (claim.state === "answered") {
    const { status, contentType, body } = claim.answer;
    const headers = new Headers({ [REPLAYED_HEADER]: "true" });
    if (contentType) headers.set("content-type", contentType);
    return new Response(body === "" ? null : body, { status, headers });
  }
  const ref = { workspaceId: p.workspaceId, key: p.key, fingerprint };
  let response: Response;
  try {
    response = await handler(
      new Request(p.req.url, {
        method: p.req.method,
        headers: p.req.headers,
        body: raw.length > 0 ? new Uint8Array(raw) : null,
      }),
    );
  } catch (error) {
    response = toErrorResponse(error);
  }
  if (!keeps(response.status)) {
    await releaseIdempotencyKey(db, ref);
    return response;
  }
  const body = await response.text();
  // Should storing fail, the key stays unanswered: a repeat gets 409 until it is taken as
  // abandoned, rather than running the write again at once.
  await completeIdempotencyKey(db, {
    ...ref,
    answer: { status: response.status, contentType: response.headers.get("content-type"), body },
  });
  return new Response(body === "" ? null : body, {
    status: response.status,
    headers: response.headers,
  });
}
