import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { apiKeys, auditLog, messages } from "@/db/schema";
import { apiCaller } from "@/lib/testing/api-call";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";

const BASE = "http://localhost/api/v1/contacts";

type ContactJson = { id: string; phone: string | null; name: string | null } & Record<
  string,
  unknown
>;
type Body = {
  data: ContactJson & ContactJson[];
  nextCursor?: string | null;
  error: { code: string; message: string };
};

const call = apiCaller<Body>(BASE);

describe.each(testDatabaseKinds)("Contacts API on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shop = await seedWorkspace(handle.db, "API Music");
    other = await seedWorkspace(handle.db, "Other Music");
  });
  afterAll(() => handle.close());

  it("adds, reads, changes and erases a contact, audited as the key", async () => {
    const created = await call(POST, shop.apiKey, {
      method: "POST",
      body: {
        phone: "+254 700 555 001",
        name: "Amina",
        tags: ["VIP", "guitar"],
        attributes: { city: "Nairobi" },
        optIn: { status: "opted_in", source: "website form" },
      },
    });
    expect(created.status).toBe(201);
    const c = created.body?.data as ContactJson;
    expect(c).toMatchObject({
      phone: "+254700555001",
      name: "Amina",
      tags: ["vip", "guitar"],
      attributes: { city: "Nairobi" },
      optIn: { status: "opted_in", source: "website form" },
      businessScopedUserId: null,
      lastMessageAt: null,
    });
    const one = { url: `${BASE}/${c.id}`, params: { id: c.id } };
    expect((await call(getOne, shop.apiKey, one)).body?.data).toEqual(c);

    const patched = await call(PATCH, shop.apiKey, {
      ...one,
      method: "PATCH",
      body: { tags: ["piano"], optIn: { status: "opted_out" } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body?.data).toMatchObject({
      name: "Amina",
      tags: ["piano"],
      attributes: { city: "Nairobi" },
      optIn: { status: "opted_out", source: null },
    });

    const duplicate = await call(POST, shop.apiKey, {
      method: "POST",
      body: { phone: "00254700555001" },
    });
    expect(duplicate.status).toBe(409);

    expect((await call(DELETE, shop.apiKey, { ...one, method: "DELETE" })).status).toBe(204);
    expect((await call(getOne, shop.apiKey, one)).status).toBe(404);
    expect((await call(DELETE, shop.apiKey, { ...one, method: "DELETE" })).status).toBe(404);

    const audit = await handle.db
      .select({ action: auditLog.action, actorType: auditLog.actorType, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, shop.workspaceId), eq(auditLog.target, c.id)));
    const [key] = await handle.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, shop.workspaceId));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "contact.created",
      "contact.erased",
      "contact.updated",
    ]);
    expect(new Set(audit.map((a) => `${a.actorType}:${a.actorId}`))).toEqual(
      new Set([`api_key:${key?.id}`]),
    );
  });

  it("DELETE erases the customer's messages too", async () => {
    const conversation = await seedConversation(handle.db, shop, {
      waId: "254700555009",
      name: "Wrote In",
      start: new Date(Date.now() - 60_000),
      count: 3,
    });
    const found = await call(list, shop.apiKey, { url: `${BASE}?q=Wrote` });
    const id = found.body?.data[0]?.id as string;
    expect(found.body?.data[0]).toMatchObject({
      phone: "+254700555009",
      conversationId: conversation.id,
    });
    expect(
      (await call(DELETE, shop.apiKey, { url: `${BASE}/${id}`, params: { id }, method: "DELETE" }))
        .status,
    ).toBe(204);
    expect(await handle.db.$count(messages, eq(messages.conversationId, conversation.id))).toBe(0);
  });

  it("refuses bad input with the error shape and changes nothing", async () => {
    const noCountry = await call(POST, shop.apiKey, {
      method: "POST",
      body: { phone: "0700 555 002" },
    });
    expect(noCountry.status).toBe(422);
    expect(noCountry.body?.error.message).toMatch(/no country code/);
    const optInWithoutSource = await call(POST, shop.apiKey, {
      method: "POST",
      body: { phone: "+254700555003", optIn: { status: "opted_in" } },
    });
    expect(optInWithoutSource).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request" } },
    });
    expect(optInWithoutSource.body?.error.message).toMatch(/opt-in source is needed/);
    const made = await call(POST, shop.apiKey, {
      method: "POST",
      body: { phone: "+254700555004" },
    });
    const id = made.body?.data.id as string;
    const phoneChange = await call(PATCH, shop.apiKey, {
      url: `${BASE}/${id}`,
      params: { id },
      method: "PATCH",
      body: { phone: "+254700555005" },
    });
    expect(phoneChange.status).toBe(400);
    expect(phoneChange.body?.error.message).toMatch(/Unknown field “phone”/);
    const badAttr = await call(PATCH, shop.apiKey, {
      url: `${BASE}/${id}`,
      params: { id },
      method: "PATCH",
      body: { attributes: { "Bad Name": "x" } },
    });
    expect(badAttr.status).toBe(400);
    expect(badAttr.body?.error.message).toMatch(/attribute name “Bad Name”/);
    const got = await call(getOne, shop.apiKey, { url: `${BASE}/${id}`, params: { id } });
    expect(got.body?.data).toMatchObject({ phone: "+254700555004", attributes: {} });
  });

  it("pages and filters the list and never shows another workspace's contacts", async () => {
    for (let i = 0; i < 5; i++) {
      await call(POST, other.apiKey, {
        method: "POST",
        body: { phone: `+25470055510${i}`, tags: i % 2 ? ["odd"] : ["even"] },
      });
    }
    const seen: string[] = [];
    let url = `${BASE}?limit=2`;
    for (;;) {
      const page = await call(list, other.apiKey, { url });
      expect(page.status).toBe(200);
      seen.push(...(page.body?.data ?? []).map((c) => c.phone ?? ""));
      if (!page.body?.nextCursor) break;
      url = `${BASE}?limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `+25470055510${i}`));
    const odd = await call(list, other.apiKey, { url: `${BASE}?tag=odd` });
    expect(odd.body?.data.map((c) => c.phone)).toEqual(["+254700555101", "+254700555103"]);
    expect((await call(list, other.apiKey, { url: `${BASE}?optIn=maybe` })).status).toBe(400);
    const someId = odd.body?.data[0]?.id as string;
    const asShop = { url: `${BASE}/${someId}`, params: { id: someId } };
    expect((await call(getOne, shop.apiKey, asShop)).status).toBe(404);
    expect(
      (await call(PATCH, shop.apiKey, { ...asShop, method: "PATCH", body: { name: "x" } })).status,
    ).toBe(404);
    expect((await call(DELETE, shop.apiKey, { ...asShop, method: "DELETE" })).status).toBe(404);
    expect((await call(getOne, other.apiKey, asShop)).status).toBe(200);
    const shopList = await call(list, shop.apiKey);
    expect(shopList.body?.data.some((c) => c.id === someId)).toBe(false);
  });

  it("answers 401 without a key and 403 to a read-only key on the write routes", async () => {
    expect((await call(list, "pk_nope")).status).toBe(401);
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["read"] })
      .where(eq(apiKeys.workspaceId, other.workspaceId));
    const refused = await call(POST, other.apiKey, {
      method: "POST",
      body: { phone: "+254700555200" },
    });
    expect(refused.status).toBe(403);
    const someId = (await call(list, other.apiKey)).body?.data[0]?.id as string;
    const one = { url: `${BASE}/${someId}`, params: { id: someId } };
    expect((await call(DELETE, other.apiKey, { ...one, method: "DELETE" })).status).toBe(403);
    expect((await call(getOne, other.apiKey, one)).status).toBe(200);
  });
});
