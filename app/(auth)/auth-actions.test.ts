import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import * as password from "@/lib/crypto/password";
import { createTestDatabase } from "@/lib/testing/databases";

// The sign-in and sign-up actions through the real credentials check and database; next-auth's
// signIn is a stand-in that calls the same authorize the Credentials provider does.
let handle: DatabaseHandle;
vi.mock("server-only", () => ({}));
vi.mock("next-auth", async () => ({ AuthError: (await import("@auth/core/errors")).AuthError }));
// What the server stamps on a request from 192.0.2.44 (lib/auth/client-address.ts).
const requestHeaders = () => new Headers({ "x-parley-client-address": "192.0.2.44" });
vi.mock("next/headers", () => ({ headers: async () => requestHeaders() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));
vi.mock("@/lib/auth/next-auth", () => ({
  signOut: async () => {},
  signIn: async (_provider: string, credentials: Record<string, string>) => {
    const { authorizeCredentials } = await import("@/lib/auth/credentials");
    await authorizeCredentials(handle.db, credentials, requestHeaders());
    throw Object.assign(new Error("NEXT_REDIRECT"), { to: credentials.redirectTo });
  },
}));

const { signInAction, signUpAction } = await import("./actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const BUSY = "Too many sign-in attempts right now; try again in a few seconds";

describe("auth actions while the password hash queue is full", () => {
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    provideDatabase(handle);
    await createPasswordUser(handle.db, {
      email: "busy@shop.test",
      name: "Busy",
      passwordHash: await password.hashPassword("the real password", { N: 2 ** 10, r: 8, p: 1 }),
    });
  });
  afterAll(() => handle.close());

  it("sign-in shows the rate-limited message, and a later try goes through", async () => {
    const spy = vi
      .spyOn(password, "verifyPassword")
      .mockRejectedValueOnce(new password.PasswordHashBusy());
    const fields = { email: "busy@shop.test", password: "the real password", next: "/app" };
    expect(await signInAction({}, form(fields))).toEqual({
      message: BUSY,
      values: { email: "busy@shop.test" },
    });
    spy.mockRestore();
    await expect(signInAction({}, form(fields))).rejects.toMatchObject({ to: "/app" });
  });

  it("sign-up (also through an invitation) shows the same message and keeps the form", async () => {
    const spy = vi
      .spyOn(password, "hashPassword")
      .mockRejectedValueOnce(new password.PasswordHashBusy());
    const state = await signUpAction(
      {},
      form({
        name: "New Person",
        email: "new@shop.test",
        password: "a long and fine password",
        next: "/invite/abc",
      }),
    );
    spy.mockRestore();
    expect(state).toEqual({
      message: BUSY,
      values: { name: "New Person", email: "new@shop.test", workspaceName: "" },
    });
  });
});

describe("sign-in after wrong passwords", () => {
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    provideDatabase(handle);
    await createPasswordUser(handle.db, {
      email: "slow@shop.test",
      name: "Slow",
      passwordHash: await password.hashPassword("the real password", { N: 2 ** 10, r: 8, p: 1 }),
    });
  });
  afterAll(() => handle.close());

  it("says how long to wait before the next try, and takes the right password after it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-01T12:00:00Z") });
    try {
      const wrong = { email: "slow@shop.test", password: "not the password", next: "/app" };
      // A second apart: the fifth would otherwise come inside the 1 s wait after the fourth.
      for (let i = 0; i < 5; i++) {
        vi.setSystemTime(new Date(`2026-03-01T12:00:0${i}Z`));
        expect((await signInAction({}, form(wrong))).message).toBe(
          "The e-mail or password is not correct.",
        );
      }
      const right = { ...wrong, password: "the real password" };
      expect(await signInAction({}, form(right))).toEqual({
        message: "Too many attempts. Try again in 2 seconds.",
        values: { email: "slow@shop.test" },
      });
      vi.setSystemTime(new Date("2026-03-01T12:00:06Z"));
      await expect(signInAction({}, form(right))).rejects.toMatchObject({ to: "/app" });
    } finally {
      vi.useRealTimers();
    }
  });
});
