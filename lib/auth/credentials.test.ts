import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createPasswordUser } from "@/db/queries/users";
import * as password from "@/lib/crypto/password";
import { createTestDatabase } from "@/lib/testing/databases";
import { authorizeCredentials } from "./credentials";

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const headers = () => new Headers({ "x-forwarded-for": "198.51.100.7" });

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
