import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { revokeAllApiKeys } from "@/db/queries/api-keys";
import { insertMessage } from "@/db/queries/messages";
import { apiKeys } from "@/db/schema";
import { withApiKey } from "@/lib/api/with-api-key";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { GET as getMessages } from "./conversations/[id]/messages/route";
import { GET as listConversations } from "./conversations/route";

const BASE = "http://localhost/api/v1";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

function call(handler: Handler, url: string, key?: string, params: object = {}) {
  const headers = key ? { authorization: `Bearer ${key}` } : undefined;
  return handler(new Request(url, { headers }), { params: Promise.resolve(params as never) });
}

async function json(res: Response) {
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { data: Record<string, unknown>[] },
  };
}

describe.each(testDatabaseKinds)("public API v1 on %s", (kind) => {
  let handle: DatabaseHandle;
  let shopA: Awaited<ReturnType<typeof seedWorkspace>>;
  let shopB: Awaited<ReturnType<typeof seedWorkspace>>;
  let convB: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shopA = await seedWorkspace(handle.db, "Shop A");
    shopB = await seedWorkspace(handle.db, "Shop B");
    const start = new Date("2026-11-01T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      await seedConversation(handle.db, shopA, {
        waId: `25470000000${i}`,
        name: `Customer ${i}`,
        start: new Date(start.getTime() + i * 60_000),
        count: 1,
      });
    }
    convB = await seedConversation(handle.db, shopB, { waId: "254711111111", start, count: 3 });
  });
  afterAll(() => handle.close());

  it.each([
    ["no header", undefined],
    ["a malformed key", "hello"],
    ["an unknown key", `prl_${"A".repeat(32)}`],
  ])("answers 401 with %s", async (_label, key) => {
    const { status, body } = await json(
      await call(listConversations, `${BASE}/conversations`, key),
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("lists the workspace's conversations newest first, and only its own", async () => {
    const { status, body } = await json(
      await call(listConversations, `${BASE}/conversations`, shopA.apiKey),
    );
    expect(status).toBe(200);
    expect(body.data.map((c) => (c.contact as { waId: string }).waId)).toEqual([
      "254700000004",
      "254700000003",
      "254700000002",
      "254700000001",
      "254700000000",
    ]);
    expect(body.data[0]).toEqual({
      id: expect.any(String),
      contact: { waId: "254700000004", name: "Customer 4" },
      status: "bot",
      lastMessageAt: "2026-11-01T10:04:00.000Z",
    });
    expect(body.nextCursor).toBeNull();
    expect(JSON.stringify(body)).not.toContain(convB.id);
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const seen: string[] = [];
    let url = `${BASE}/conversations?limit=2`;
    for (let page = 0; page < 5; page++) {
      const { body } = await json(await call(listConversations, url, shopA.apiKey));
      seen.push(...body.data.map((c) => c.id as string));
      if (!body.nextCursor) break;
      url = `${BASE}/conversations?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("refuses a bad cursor or limit with the error shape", async () => {
    const bad = await json(
      await call(listConversations, `${BASE}/conversations?cursor=nope`, shopA.apiKey),
    );
    expect(bad).toEqual({
      status: 400,
      body: { error: { code: "invalid_cursor", message: expect.any(String) } },
    });
    const limit = await json(
      await call(listConversations, `${BASE}/conversations?limit=1000`, shopA.apiKey),
    );
    expect(limit.status).toBe(400);
    expect(limit.body.error).toMatchObject({ code: "bad_request" });
  });

  it("lists a conversation's messages oldest first, paginated", async () => {
    const url = `${BASE}/conversations/${convB.id}/messages`;
    const first = await json(
      await call(getMessages, `${url}?limit=2`, shopB.apiKey, { id: convB.id }),
    );
    expect(first.status).toBe(200);
    expect(first.body.data.map((m) => m.text)).toEqual(["message 1", "message 2"]);
    expect(first.body.data[0]).toEqual({
      id: expect.any(String),
      direction: "inbound",
      type: "text",
      text: "message 1",
      status: "received",
      source: null,
      waMessageId: expect.stringMatching(/^wamid\./),
      createdAt: "2026-11-01T10:00:00.000Z",
    });
    const next = await json(
      await call(getMessages, `${url}?limit=2&cursor=${first.body.nextCursor}`, shopB.apiKey, {
        id: convB.id,
      }),
    );
    expect(next.body.data.map((m) => m.text)).toEqual(["message 3"]);
    expect(next.body.nextCursor).toBeNull();
  });

  it("refuses a cursor of the other list's kind with 400, not a server error", async () => {
    const list = await json(
      await call(listConversations, `${BASE}/conversations?limit=1`, shopA.apiKey),
    );
    const url = `${BASE}/conversations/${convB.id}/messages`;
    const messagesPage = await json(
      await call(getMessages, `${url}?limit=1`, shopB.apiKey, { id: convB.id }),
    );
    expect(list.body.nextCursor).toEqual(expect.any(String));
    expect(messagesPage.body.nextCursor).toEqual(expect.any(String));
    const wrongForMessages = await json(
      await call(getMessages, `${url}?cursor=${list.body.nextCursor}`, shopB.apiKey, {
        id: convB.id,
      }),
    );
    expect(wrongForMessages).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_cursor" } },
    });
    const wrongForList = await json(
      await call(
        listConversations,
        `${BASE}/conversations?cursor=${messagesPage.body.nextCursor}`,
        shopB.apiKey,
      ),
    );
    expect(wrongForList).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_cursor" } },
    });
  });

  it("keeps messages of the same second in arrival order, across pages", async () => {
    const conv = await seedConversation(handle.db, shopA, {
      waId: "254700000777",
      start: new Date("2026-11-02T09:00:00Z"),
      count: 1,
    });
    const same = new Date("2026-11-02T09:00:05Z");
    for (const text of ["first", "second", "third"]) {
      await insertMessage(handle.db, {
        workspaceId: shopA.workspaceId,
        conversationId: conv.id,
        channelId: shopA.channelId,
        direction: "inbound",
        waMessageId: `wamid.same.${text}`,
        type: "text",
        text,
        status: "received",
        createdAt: same,
      });
    }
    const texts: unknown[] = [];
    let url = `${BASE}/conversations/${conv.id}/messages?limit=1`;
    for (let page = 0; page < 6; page++) {
      const { body } = await json(await call(getMessages, url, shopA.apiKey, { id: conv.id }));
      texts.push(...body.data.map((m) => m.text));
      if (!body.nextCursor) break;
      url = `${BASE}/conversations/${conv.id}/messages?limit=1&cursor=${body.nextCursor}`;
    }
    expect(texts).toEqual(["message 1", "first", "second", "third"]);
  });

  it("answers 404 for another workspace's conversation, and for ids that are not ids", async () => {
    for (const id of [convB.id, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const res = await json(
        await call(getMessages, `${BASE}/conversations/${id}/messages`, shopA.apiKey, { id }),
      );
      expect(res).toEqual({
        status: 404,
        body: { error: { code: "not_found", message: expect.any(String) } },
      });
    }
  });

  it("records when a key was last used, at most once a minute", async () => {
    const shopD = await seedWorkspace(handle.db, "Shop D");
    const usedAt = async () =>
      (
        await handle.db.query.apiKeys.findFirst({
          where: (k, { eq }) => eq(k.workspaceId, shopD.workspaceId),
        })
      )?.lastUsedAt;
    expect(await usedAt()).toBeNull();
    await call(listConversations, `${BASE}/conversations`, shopD.apiKey);
    const first = await usedAt();
    expect(first).toBeInstanceOf(Date);
    await call(listConversations, `${BASE}/conversations`, shopD.apiKey);
    expect(await usedAt()).toEqual(first);
  });

  it("stops accepting a revoked key", async () => {
    const shopC = await seedWorkspace(handle.db, "Shop C");
    expect((await call(listConversations, `${BASE}/conversations`, shopC.apiKey)).status).toBe(200);
    await revokeAllApiKeys(handle.db, { workspaceId: shopC.workspaceId });
    expect((await call(listConversations, `${BASE}/conversations`, shopC.apiKey)).status).toBe(401);
  });

  it("answers 403 when the key lacks the route's scope", async () => {
    const shopE = await seedWorkspace(handle.db, "Shop E");
    const writeRoute = withApiKey(async () => Response.json({ ok: true }), { scope: "write" });
    expect((await call(writeRoute, `${BASE}/anything`, shopE.apiKey)).status).toBe(200);
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["read"] })
      .where(eq(apiKeys.workspaceId, shopE.workspaceId));
    const { status, body } = await json(await call(writeRoute, `${BASE}/anything`, shopE.apiKey));
    expect(status).toBe(403);
    expect(body).toEqual({
      error: { code: "forbidden", message: expect.stringContaining("read-only") },
    });
    expect((await call(listConversations, `${BASE}/conversations`, shopE.apiKey)).status).toBe(200);
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["write"] })
      .where(eq(apiKeys.workspaceId, shopE.workspaceId));
    expect((await call(listConversations, `${BASE}/conversations`, shopE.apiKey)).status).toBe(403);
  });
});
