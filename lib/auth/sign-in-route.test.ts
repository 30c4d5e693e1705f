import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { HASH_RETRY_AFTER_SECONDS } from "@/lib/crypto/password";
import { withSignInLimits } from "./sign-in-route";

// next-auth's own answers to a credentials post, as the route handler receives them.
const redirect = (to: string) => new Response(null, { status: 302, headers: { location: to } });
const post = (path: string) =>
  new Request(`http://parley.test/api/auth${path}`, {
    method: "POST",
    body: new URLSearchParams({ email: "a@shop.test", password: "x" }),
  }) as unknown as NextRequest;

describe("the credentials sign-in route", () => {
  it("turns a refusal for a full password-hash queue into 429 with Retry-After", async () => {
    const route = withSignInLimits(async () =>
      redirect("/sign-in?error=CredentialsSignin&code=busy"),
    );
    const res = await route(post("/callback/credentials"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe(String(HASH_RETRY_AFTER_SECONDS));
    expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("leaves other answers and other auth routes as next-auth gave them", async () => {
    const wrong = withSignInLimits(async () =>
      redirect("/sign-in?error=CredentialsSignin&code=credentials"),
    );
    expect((await wrong(post("/callback/credentials"))).status).toBe(302);
    const signOut = withSignInLimits(async () => redirect("/sign-in?code=busy"));
    expect((await signOut(post("/signout"))).status).toBe(302);
  });
});
