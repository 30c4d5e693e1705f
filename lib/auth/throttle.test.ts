import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { authThrottle } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { clearEmailAttempts, clientAddress, takeAttempt } from "./throttle";

describe.each(testDatabaseKinds)("sign-in throttle (%s)", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("allows 5 attempts per e-mail, whatever its case, then refuses; neighbours unaffected", async () => {
    const db = handle.db;
    for (let i = 0; i < 5; i++)
      expect(await takeAttempt(db, { email: i % 2 ? "Sam@Shop.test" : "sam@shop.test" })).toEqual({
        limited: false,
      });
    expect(await takeAttempt(db, { email: "SAM@shop.test" })).toEqual({
      limited: true,
      minutes: 15,
    });
    expect(await takeAttempt(db, { email: "other@shop.test" })).toEqual({ limited: false });
  });

  it("counts parallel attempts before any password is checked", async () => {
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () => takeAttempt(handle.db, { email: "burst@shop.test" })),
    );
    expect(verdicts.filter((v) => !v.limited)).toHaveLength(5);
  });

  it("starts over once the window has passed", async () => {
    const db = handle.db;
    for (let i = 0; i < 11; i++) await takeAttempt(db, { signup: "203.0.113.9" });
    expect(await takeAttempt(db, { signup: "203.0.113.9" })).toMatchObject({ limited: true });
    await db
      .update(authThrottle)
      .set({ windowStartedAt: sql`now() - interval '16 minutes'` })
      .where(eq(authThrottle.key, "signup:203.0.113.9"));
    expect(await takeAttempt(db, { signup: "203.0.113.9" })).toEqual({ limited: false });
    const [row] = await db
      .select()
      .from(authThrottle)
      .where(eq(authThrottle.key, "signup:203.0.113.9"));
    expect(row?.attempts).toBe(1);
  });

  it("a successful sign-in forgives the e-mail's attempts", async () => {
    const db = handle.db;
    for (let i = 0; i < 6; i++) await takeAttempt(db, { email: "kim@shop.test" });
    await clearEmailAttempts(db, "Kim@shop.test");
    expect(await takeAttempt(db, { email: "kim@shop.test" })).toEqual({ limited: false });
  });

  it("reads the address the nearest proxy wrote, and groups unknown clients", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe(
      "198.51.100.4",
    );
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.5" }))).toBe("198.51.100.5");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
