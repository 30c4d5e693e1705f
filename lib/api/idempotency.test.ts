import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { countApiRequest, pruneIdempotencyKeys } from "@/db/queries/api-requests";
import { apiIdempotencyKeys, apiKeys } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { isApiError } from "./errors";
import { answerIdempotently, IDEMPOTENCY_TTL_MS, REPLAYED_HEADER } from "./idempotency";
import { checkApiKeyRate } from "./rate-limit";

const URL_ = "http://localhost/api/v1/faqs";

const post = (body: unknown, url = URL_) =>
  new Request(url, { method: "POST", body: JSON.stringify(body) });

/** What a refused call threw, as the API answers it. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error))
      return { code: error.code, status: error.status, headers: error.headers };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(testDatabaseKinds)("idempotency keys and rate limits on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Keyed Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
  });
  afterAll(() => handle.close());

  /** A handler that counts its runs and answers 201 with the body it read. */
  function counting(status = 201) {
    const seen: unknown[] = [];
    const handler = async (req: Request) => {
      const body = await req.json();
      seen.push(body);
      return Response.json({ data: { run: seen.length, body } }, { status });
    };
    return { seen, handler };
  }

  it("runs a keyed request once and replays its answer, per workspace", async () => {
    const { seen, handler } = counting();
    const key = { workspaceId: shop.workspaceId, key: "order-1" };
    const first = await answerIdempotently(handle.db, { ...key, req: post({ q: 1 }) }, handler);
    expect(first.status).toBe(201);
    expect(first.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(await first.json()).toEqual({ data: { run: 1, body: { q: 1 } } });
    const again = await answerIdempotently(handle.db, { ...key, req: post({ q: 1 }) }, handler);
    expect(again.status).toBe(201);
    expect(again.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(again.headers.get("content-type")).toContain("application/json");
    expect(await again.json()).toEqual({ data: { run: 1, body: { q: 1 } } });
    expect(seen).toHaveLength(1);
    // The same key in another workspace is another request.
    const elsewhere = await answerIdempotently(
      handle.db,
      { workspaceId: other.workspaceId, key: "order-1", req: post({ q: 1 }) },
      handler,
    );
    expect(elsewhere.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(seen).toHaveLength(2);
  });

  it("refuses the key for a different body, path or method with 422", async () => {
    const { seen, handler } = counting();
    const key = { workspaceId: shop.workspaceId, key: "order-2" };
    await answerIdempotently(handle.db, { ...key, req: post({ q: 2 }) }, handler);
    for (const req of [
      post({ q: 3 }),
      post({ q: 2 }, `${URL_}/other`),
      new Request(URL_, { method: "PATCH", body: JSON.stringify({ q: 2 }) }),
    ]) {
      expect(await refusal(answerIdempotently(handle.db, { ...key, req }, handler))).toMatchObject({
        code: "idempotency_key_reused",
        status: 422,
      });
    }
    expect(seen).toHaveLength(1);
  });

  it("answers 409 to a repeat while the first is still running, then replays", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const slow = async () => {
      runs++;
      await gate;
      return Response.json({ data: { ok: true } }, { status: 202 });
    };
    const key = { workspaceId: shop.workspaceId, key: "slow-1" };
    const first = answerIdempotently(handle.db, { ...key, req: post({ q: 4 }) }, slow);
    // Let the first claim the key.
    for (let i = 0; i < 50 && runs === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(
      await refusal(answerIdempotently(handle.db, { ...key, req: post({ q: 4 }) }, slow)),
    ).toMatchObject({
      code: "idempotency_key_in_use",
      status: 409,
      headers: { "Retry-After": "1" },
    });
    release();
    expect((await first).status).toBe(202);
    const replay = await answerIdempotently(handle.db, { ...key, req: post({ q: 4 }) }, slow);
    expect(replay.status).toBe(202);
    expect(replay.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(runs).toBe(1);
  });

  it("lets exactly one of many simultaneous duplicates run", async () => {
    let runs = 0;
    const handler = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return Response.json({ data: { run: runs } }, { status: 201 });
    };
    const key = { workspaceId: shop.workspaceId, key: "burst-1" };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        answerIdempotently(handle.db, { ...key, req: post({ q: 5 }) }, handler),
      ),
    );
    expect(runs).toBe(1);
    const answered = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    // Each duplicate either waited out the first (a replay) or was told it is in flight.
    expect(answered.length + refused.length).toBe(12);
    for (const r of refused) {
      expect(isApiError(r.reason) && r.reason.code).toBe("idempotency_key_in_use");
    }
    const fresh = answered.filter((o) => o.value.headers.get(REPLAYED_HEADER) === null);
    expect(fresh).toHaveLength(1);
  });

  it("gives the key back when the request fails on our side, and keeps refusals", async () => {
    let runs = 0;
    const failing = async () => {
      runs++;
      if (runs === 1) throw new Error("database hiccup");
      return Response.json({ error: { code: "bad_request", message: "no" } }, { status: 400 });
    };
    const key = { workspaceId: shop.workspaceId, key: "flaky-1" };
    const first = await answerIdempotently(handle.db, { ...key, req: post({ q: 6 }) }, failing);
    expect(first.status).toBe(500);
    const second = await answerIdempotently(handle.db, { ...key, req: post({ q: 6 }) }, failing);
    expect(second.status).toBe(400);
    const third = await answerIdempotently(handle.db, { ...key, req: post({ q: 6 }) }, failing);
    expect(third.status).toBe(400);
    expect(third.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(runs).toBe(2);
  });

  it("forgets keys after 24 hours and prunes them", async () => {
    const { seen, handler } = counting();
    const key = { workspaceId: shop.workspaceId, key: "old-1" };
    const then = new Date("2026-11-01T10:00:00Z");
    await answerIdempotently(handle.db, { ...key, req: post({ q: 7 }), now: then }, handler);
    const later = new Date(then.getTime() + IDEMPOTENCY_TTL_MS + 1000);
    const again = await answerIdempotently(
      handle.db,
      { ...key, req: post({ q: 8 }), now: later },
      handler,
    );
    expect(again.status).toBe(201);
    expect(seen).toHaveLength(2);
    await answerIdempotently(
      handle.db,
      { workspaceId: shop.workspaceId, key: "old-2", req: post({ q: 9 }), now: then },
      handler,
    );
    expect(
      await pruneIdempotencyKeys(handle.db, { now: later, limit: 100 }),
    ).toBeGreaterThanOrEqual(1);
    const left = await handle.db
      .select({ key: apiIdempotencyKeys.key })
      .from(apiIdempotencyKeys)
      .where(eq(apiIdempotencyKeys.key, "old-2"));
    expect(left).toEqual([]);
  });

  it("answers 429 with Retry-After past a key's limit, and counts afresh each window", async () => {
    const [row] = await handle.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, shop.workspaceId));
    const apiKeyId = row?.id ?? "";
    const limit = { limit: 3, windowMs: 60_000 };
    const start = new Date("2026-11-01T10:00:15Z");
    for (let i = 0; i < 3; i++) await checkApiKeyRate(handle.db, { apiKeyId, now: start, limit });
    expect(await refusal(checkApiKeyRate(handle.db, { apiKeyId, now: start, limit }))).toEqual({
      code: "rate_limited",
      status: 429,
      headers: { "Retry-After": "45" },
    });
    const next = new Date("2026-11-01T10:01:00Z");
    await checkApiKeyRate(handle.db, { apiKeyId, now: next, limit });
    // A request that began in the earlier window still counts in the current one.
    expect(
      await countApiRequest(handle.db, { apiKeyId, windowStart: new Date("2026-11-01T10:00:00Z") }),
    ).toBe(2);
  });

  it("counts simultaneous requests exactly, as from several servers", async () => {
    const [row] = await handle.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, other.workspaceId));
    const apiKeyId = row?.id ?? "";
    const limit = { limit: 20, windowMs: 60_000 };
    const now = new Date("2026-11-02T10:00:00Z");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => checkApiKeyRate(handle.db, { apiKeyId, now, limit })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(20);
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(10);
  });
});
