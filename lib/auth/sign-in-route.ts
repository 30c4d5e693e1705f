import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { errorResponse } from "@/lib/api/errors";
import { HASH_RETRY_AFTER_SECONDS } from "@/lib/crypto/password";
import { clientAddress } from "./client-address";
import { formatWait, pendingDelay } from "./throttle";

type Handler = (request: NextRequest) => Promise<Response>;

/**
 * next-auth answers a throttled credentials sign-in, or one refused because the password-hash
 * queue is full, with a redirect to the sign-in page. A client posting to the route itself is a
 * script: it gets 429 and how long to wait in `Retry-After`.
 */
export function withSignInLimits(post: Handler): Handler {
  return async (request) => {
    if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return post(request);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const response = await post(request);
    const location = response.headers.get("location");
    const code = location ? new URL(location, request.url).searchParams.get("code") : null;
    if (code === "busy") {
      return errorResponse(
        "rate_limited",
        `The server is busy signing people in. Try again in ${formatWait(HASH_RETRY_AFTER_SECONDS)}.`,
        { headers: { "Retry-After": String(HASH_RETRY_AFTER_SECONDS) } },
      );
    }
    if (code !== "rate_limited") return response;
    const email = form?.get("email");
    const delay = await pendingDelay(await getDb(), {
      email: typeof email === "string" ? email : null,
      address: clientAddress(request.headers),
    });
    // Refused, yet no wait pending: the wait ran out meanwhile, so trying again soon is fine.
    const seconds = delay.limited ? delay.retryAfterSeconds : 1;
    return errorResponse(
      "rate_limited",
      `Too many sign-in attempts. Try again in ${formatWait(seconds)}.`,
      { headers: { "Retry-After": String(seconds) } },
    );
  };
}
