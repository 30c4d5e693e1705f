import type { Db } from "@/db";
import { countApiRequest } from "@/db/queries/api-requests";
import { ApiError } from "./errors";

/** Requests one API key may make per minute, across every server answering it. */
export const API_REQUESTS_PER_MINUTE = 6_000;
const WINDOW_MS = 60_000;

export type RateLimit = { limit: number; windowMs: number };

export const API_KEY_RATE_LIMIT: RateLimit = {
  limit: API_REQUESTS_PER_MINUTE,
  windowMs: WINDOW_MS,
};

/** The error a client over a limit gets: 429 with the seconds to wait in `Retry-After`. */
export function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError("rate_limited", message, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
}

/**
 * Counts a request of `apiKeyId` in the current fixed window, and refuses it (429, with how long
 * until the window ends) once the window's count passes the limit.
 */
export async function checkApiKeyRate(
  db: Db,
  p: { apiKeyId: string; now: Date; limit?: RateLimit },
) {
  const { limit, windowMs } = p.limit ?? API_KEY_RATE_LIMIT;
  const windowStart = new Date(Math.floor(p.now.getTime() / windowMs) * windowMs);
  const count = await countApiRequest(db, { apiKeyId: p.apiKeyId, windowStart });
  if (count <= limit) return;
  const seconds = (windowStart.getTime() + windowMs - p.now.getTime()) / 1000;
  throw rateLimited(
    `This API key made more than ${limit} requests in ${windowMs / 1000} seconds. Wait ${Math.max(1, Math.ceil(seconds))} seconds before the next one.`,
    seconds,
  );
}
