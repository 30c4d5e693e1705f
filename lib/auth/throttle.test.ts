import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { authThrottle } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { checkThrottle, clearEmailFailures, clientAddress, recordFailure } from "./throttle";

describe.each(testDatabaseKinds)("sign-in throttle (%s)", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("locks an e-mail after 5 failures, whatever its case, and not its neighbours", async () => {
    const db = handle.db;
    for (let i = 0; i < 4; i++) await recordFailure(db, { email: "Sam@Shop.test" });
    expect(await checkThrottle(db, { email: "sam@shop.test" })).toEqual({ limited: false });
    await recordFailure(db, { email: "sam@shop.test" });
    expect(await checkThrottle(db, { email: "SAM@shop.test" })).toMatchObject({
      limited: true,
      minutes: 15,
    });
    expect(await checkThrottle(db, { email: "other@shop.test" })).toEqual({ limited: false });
  });

  it("counts concurrent failures, and starts over once the window has passed", async () => {
    const db = handle.db;
    await Promise.all(
      Array.from({ length: 30 }, () => recordFailure(db, { address: "203.0.113.9" })),
    );
    expect(await checkThrottle(db, { address: "203.0.113.9" })).toMatchObject({ limited: true });
    await db.execute(
      sql`update auth_throttle set window_started_at = now() - interval '16 minutes' where key = 'address:203.0.113.9'`,
    );
    expect(await checkThrottle(db, { address: "203.0.113.9" })).toEqual({ limited: false });
    await recordFailure(db, { address: "203.0.113.9" });
    const [row] = await db
      .select()
      .from(authThrottle)
      .where(eq(authThrottle.key, "address:203.0.113.9"));
    expect(row?.attempts).toBe(1);
  });

  it("a successful sign-in clears the e-mail's count", async () => {
    const db = handle.db;
    for (let i = 0; i < 5; i++) await recordFailure(db, { email: "kim@shop.test" });
    await clearEmailFailures(db, "Kim@shop.test");
    expect(await checkThrottle(db, { email: "kim@shop.test" })).toEqual({ limited: false });
  });

  it("reads the client address from the nearest proxy's header", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.4, 10.0.0.1" }))).toBe(
      "198.51.100.4",
    );
    expect(clientAddress(new Headers())).toBeNull();
  });
});
