import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import * as password from "@/lib/crypto/password";
import { createTestDatabase } from "@/lib/testing/databases";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { authorizeCredentials } from "./credentials";

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const headers = (address = "198.51.100.7") => new Headers({ [CLIENT_ADDRESS_HEADER]: address });

describe("credentials sign-in when the password hash queue is full", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    await createPasswordUser(handle.db, {
      email: "real@shop.test",
      name: "Real",
      passwordHash: await password.hashPassword("the real password", cheap),
    });
  });
  afterAll(() => handle.close());

  it("refuses with the rate-limited 'busy' code, then serves the same sign-in once it clears", async () => {
    const spy = vi
      .spyOn(password, "verifyPassword")
      .mockRejectedValueOnce(new password.PasswordHashBusy());
    const raw = { email: "real@shop.test", password: "the real password" };
    await expect(authorizeCredentials(handle.db, raw, headers())).rejects.toMatchObject({
      code: "busy",
      type: "CredentialsSignin",
    });
    spy.mockRestore();
    await expect(authorizeCredentials(handle.db, raw, headers())).resolves.toMatchObject({
      email: "real@shop.test",
    });
  });

  it("still says a wrong password is wrong", async () => {
    await expect(
      authorizeCredentials(
        handle.db,
        { email: "real@shop.test", password: "not the password" },
        headers(),
      ),
    ).rejects.toMatchObject({ code: "invalid_credentials" });
  });
});

describe("credentials sign-in after wrong passwords", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    await createPasswordUser(handle.db, {
      email: "owner@shop.test",
      name: "Owner",
      passwordHash: await password.hashPassword("the real password", cheap),
    });
  });
  afterAll(() => handle.close());

  it("makes the next try wait instead of locking the account, for every address", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-01T12:00:00Z") });
    try {
      const wrong = { email: "owner@shop.test", password: "a guess" };
      // A second apart: the fifth would otherwise come inside the 1 s wait after the fourth.
      for (let i = 0; i < 5; i++) {
        vi.setSystemTime(new Date(`2026-03-01T12:00:0${i}Z`));
        await expect(
          authorizeCredentials(handle.db, wrong, headers(`203.0.113.${i}`)),
        ).rejects.toMatchObject({ code: "invalid_credentials" });
      }
      const right = { email: "owner@shop.test", password: "the real password" };
      await expect(
        authorizeCredentials(handle.db, right, headers("198.51.100.50")),
      ).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 2 });
      vi.setSystemTime(new Date("2026-03-01T12:00:06Z"));
      await expect(
        authorizeCredentials(handle.db, right, headers("198.51.100.50")),
      ).resolves.toMatchObject({ email: "owner@shop.test" });
      // Signing in wiped the slate: a slip right after costs no wait.
      await expect(
        authorizeCredentials(handle.db, wrong, headers("198.51.100.50")),
      ).rejects.toMatchObject({ code: "invalid_credentials" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a request the server did not stamp with a client address", async () => {
    await expect(
      authorizeCredentials(
        handle.db,
        { email: "owner@shop.test", password: "the real password" },
        new Headers({ "x-forwarded-for": "6.6.6.6" }),
      ),
    ).rejects.toThrow(/no client address/);
  });
});
