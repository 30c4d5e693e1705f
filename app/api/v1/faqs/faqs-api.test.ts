import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { apiKeys, auditLog } from "@/db/schema";
import { apiCaller } from "@/lib/testing/api-call";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";

const BASE = "http://localhost/api/v1/faqs";

type FaqJson = { id: string; question: string; answer: string } & Record<string, unknown>;
type Body = {
  data: FaqJson & FaqJson[];
  nextCursor?: string | null;
  error: { code: string; message: string };
};

const call = apiCaller<Body>(BASE);

describe.each(testDatabaseKinds)("FAQ API on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shop = await seedWorkspace(handle.db, "API Bakery");
    other = await seedWorkspace(handle.db, "Other Bakery");
  });
  afterAll(() => handle.close());

  it("creates, reads, changes and deletes an entry, audited as the key", async () => {
    const created = await call(POST, shop.apiKey, {
      method: "POST",
      body: {
        question: "Do you bake gluten-free bread?",
        answer: "Yes, on Fridays.",
        keywords: ["gluten"],
      },
    });
    expect(created.status).toBe(201);
    const faq = created.body?.data as FaqJson;
    expect(faq).toMatchObject({
      question: "Do you bake gluten-free bread?",
      answer: "Yes, on Fridays.",
      keywords: ["gluten"],
      examples: [],
      priority: 0,
      active: true,
      hitCount: 0,
    });
    const one = { url: `${BASE}/${faq.id}`, params: { id: faq.id } };
    expect((await call(getOne, shop.apiKey, one)).body?.data).toEqual(faq);

    const patched = await call(PATCH, shop.apiKey, {
      ...one,
      method: "PATCH",
      body: { answer: "Yes, every day.", examples: ["gluten free?"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body?.data).toMatchObject({
      question: "Do you bake gluten-free bread?",
      answer: "Yes, every day.",
      keywords: ["gluten"],
      examples: ["gluten free?"],
    });

    expect((await call(DELETE, shop.apiKey, { ...one, method: "DELETE" })).status).toBe(204);
    expect((await call(getOne, shop.apiKey, one)).status).toBe(404);
    expect((await call(DELETE, shop.apiKey, { ...one, method: "DELETE" })).status).toBe(404);

    const audit = await handle.db
      .select({ action: auditLog.action, actorType: auditLog.actorType, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, shop.workspaceId), eq(auditLog.target, faq.id)));
    const [key] = await handle.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, shop.workspaceId));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "faq.created",
      "faq.deleted",
      "faq.updated",
    ]);
    expect(new Set(audit.map((a) => `${a.actorType}:${a.actorId}`))).toEqual(
      new Set([`api_key:${key?.id}`]),
    );
  });

  it("refuses bad input with the error shape and changes nothing", async () => {
    const bad = await call(POST, shop.apiKey, { method: "POST", body: { question: "Hi?" } });
    expect(bad).toEqual({
      status: 400,
      body: { error: { code: "bad_request", message: "answer: answer is missing" } },
    });
    expect((await call(POST, shop.apiKey, { method: "POST", body: "{not json" })).body).toEqual({
      error: { code: "bad_request", message: "The body is not valid JSON." },
    });
    const first = await call(POST, shop.apiKey, {
      method: "POST",
      body: { question: "Where are you?", answer: "Main street 1." },
    });
    const dup = await call(POST, shop.apiKey, {
      method: "POST",
      body: { question: "WHERE are you?", answer: "Elsewhere." },
    });
    expect(dup.status).toBe(409);
    expect(dup.body?.error.message).toMatch(/already asked/);
    const id = first.body?.data.id as string;
    const typo = await call(PATCH, shop.apiKey, {
      url: `${BASE}/${id}`,
      params: { id },
      method: "PATCH",
      body: { anwser: "Moved." },
    });
    expect(typo.status).toBe(400);
    expect(typo.body?.error.message).toMatch(/Unknown field “anwser”/);
    const got = await call(getOne, shop.apiKey, { url: `${BASE}/${id}`, params: { id } });
    expect(got.body?.data.answer).toBe("Main street 1.");
  });

  it("pages through the list and never shows another workspace's entries", async () => {
    for (let i = 0; i < 5; i++) {
      await call(POST, other.apiKey, {
        method: "POST",
        body: { question: `Question number ${i}?`, answer: `Answer ${i}.` },
      });
    }
    const seen: string[] = [];
    let url = `${BASE}?limit=2`;
    for (;;) {
      const page = await call(list, other.apiKey, { url });
      expect(page.status).toBe(200);
      seen.push(...(page.body?.data ?? []).map((f) => f.question));
      if (!page.body?.nextCursor) break;
      url = `${BASE}?limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Question number ${i}?`));
    const someId = (await call(list, other.apiKey)).body?.data[0]?.id as string;
    const asShop = { url: `${BASE}/${someId}`, params: { id: someId } };
    expect((await call(getOne, shop.apiKey, asShop)).status).toBe(404);
    expect((await call(DELETE, shop.apiKey, { ...asShop, method: "DELETE" })).status).toBe(404);
    expect((await call(getOne, other.apiKey, asShop)).status).toBe(200);
  });

  it("answers 403 to a read-only key on the write routes", async () => {
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["read"] })
      .where(eq(apiKeys.workspaceId, other.workspaceId));
    const refused = await call(POST, other.apiKey, {
      method: "POST",
      body: { question: "Read only?", answer: "No." },
    });
    expect(refused.status).toBe(403);
    expect((await call(list, other.apiKey)).status).toBe(200);
  });
});
