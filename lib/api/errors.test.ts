import { describe, expect, it } from "vitest";
import { createHashLimiter, PasswordHashBusy } from "@/lib/crypto/password";
import { toErrorResponse } from "./errors";

describe("route errors", () => {
  it("answers a full password-hash queue with 429, Retry-After and the rate_limited body", async () => {
    // A route handler's catch, as with every JSON route: the refusal from a full queue.
    const limiter = createHashLimiter(1, 0);
    const hold = limiter.run(() => new Promise<void>((r) => setTimeout(r, 5)));
    const refused = await limiter.run(async () => "x").catch((e: unknown) => e);
    await hold;
    expect(refused).toBeInstanceOf(PasswordHashBusy);

    const response = toErrorResponse(refused);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({
      error: {
        code: "rate_limited",
        message: "Too many sign-in attempts right now; try again in a few seconds",
      },
    });
  });
});
