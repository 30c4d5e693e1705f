import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { inlineRunner } from "@/inngest/dispatch";
import { provideReplyDeps } from "@/lib/bot/deps";
import { apiCaller } from "@/lib/testing/api-call";
import { scriptedGraph, seedBroadcastShop, seedContacts } from "@/lib/testing/broadcast-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { GET } from "./[id]/route";
import { POST } from "./route";

const BASE = "http://localhost/api/v1/broadcasts";

type Json = Record<string, unknown>;
type Body = { data: Json; nextCursor?: string | null; error: { code: string; message: string } };
const call = apiCaller<Body>(BASE);

const body = {
  name: "Winter sale",
  template: { name: "summer_sale", language: "en_US" },
  parameters: {
    "body.1": { kind: "field", field: "name", fallback: "there" },
    "body.2": { kind: "fixed", value: "Lisbon" },
  },
  audience: { tags: ["vip"] },
};

describe.each(testDatabaseKinds)("broadcasts API on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedBroadcastShop>>;
  let other: Awaited<ReturnType<typeof seedBroadcastShop>>;
  let sent: ReturnType<typeof scriptedGraph>["calls"];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    const graph = scriptedGraph(handle.db);
    sent = graph.calls;
    // The job the API hands the broadcast to runs in-process, against Meta's stand-in.
    provideReplyDeps({ ...graph.deps, ai: { fallbacks: [] }, smtp: null });
    shop = await seedBroadcastShop(handle.db);
    other = await seedBroadcastShop(handle.db, "Other Shop");
    await seedContacts(handle.db, shop.workspaceId, 5, { tags: ["vip"] });
    await seedContacts(handle.db, shop.workspaceId, 2, { tags: ["vip"], optIn: "opted_out" });
  });
  afterAll(async () => {
    await inlineRunner().idle();
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("sends a template to the audience's opted-in contacts, and reports progress per recipient", async () => {
    const created = await call(POST, shop.apiKey, { method: "POST", body });
    expect(created.status).toBe(201);
    const b = created.body?.data as Json & { id: string };
    expect(b).toMatchObject({
      name: "Winter sale",
      status: "scheduled",
      template: { name: "summer_sale", language: "en_US", category: "MARKETING" },
      audience: { tags: ["vip"], tagMatch: "any", attributes: [] },
    });
    // The job is queued once the response is out, then runs to the end.
    await new Promise((resolve) => setImmediate(resolve));
    await inlineRunner().idle();
    expect(sent).toHaveLength(5);

    const one = { url: `${BASE}/${b.id}?limit=3`, params: { id: b.id } };
    const first = await call(GET, shop.apiKey, one);
    expect(first.status).toBe(200);
    expect(first.body?.data).toMatchObject({
      status: "completed",
      progress: { total: 5, sent: 5, pending: 0, failed: 0, skipped: 0 },
    });
    const recipients = first.body?.data.recipients as Json[];
    expect(recipients).toHaveLength(3);
    expect(recipients[0]).toMatchObject({ status: "sent", error: null, name: expect.any(String) });
    const next = await call(GET, shop.apiKey, {
      url: `${BASE}/${b.id}?limit=3&cursor=${first.body?.nextCursor}`,
      params: { id: b.id },
    });
    expect(next.body?.data.recipients).toHaveLength(2);
    expect(next.body?.nextCursor).toBeNull();

    // Another workspace's key sees nothing of it.
    expect((await call(GET, other.apiKey, one)).status).toBe(404);
    expect(
      (await call(GET, shop.apiKey, { ...one, url: `${BASE}/nope`, params: { id: "nope" } }))
        .status,
    ).toBe(404);
    const badCursor = await call(GET, shop.apiKey, { ...one, url: `${BASE}/${b.id}?cursor=xyz` });
    expect(badCursor.body?.error.code).toBe("invalid_cursor");
  });

  it("refuses bad input with the contract's errors", async () => {
    const missing = await call(POST, shop.apiKey, { method: "POST", body: { name: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.body?.error.code).toBeTruthy();
    const pending = await call(POST, shop.apiKey, {
      method: "POST",
      body: { ...body, template: { name: "pending_news", language: "en_US" } },
    });
    expect(pending.status).toBe(422);
    expect(pending.body?.error.message).toContain("approved");
    const unmapped = await call(POST, shop.apiKey, {
      method: "POST",
      body: { ...body, parameters: {} },
    });
    expect(unmapped.status).toBe(422);
    expect(unmapped.body?.error.message).toContain("body.1");
  });
});
