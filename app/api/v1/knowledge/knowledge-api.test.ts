import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { apiKeys, knowledgePassages } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import { MAX_KNOWLEDGE_FILE_BYTES } from "@/lib/knowledge/limits";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { startTestSite } from "@/lib/testing/knowledge-site";
import { makePdf } from "@/lib/testing/test-pdf";
import { DELETE, GET as getOne } from "./[id]/route";
import { GET as list, POST } from "./route";

const BASE = "http://localhost/api/v1/knowledge";

type Source = { id: string; status: string; title: string } & Record<string, unknown>;
type Body = { data: Source & Source[]; error: { code: string; message: string } };
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(
  handler: Handler,
  key: string,
  init: { method?: string; body?: BodyInit; json?: unknown; id?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(init.id ? `${BASE}/${init.id}` : BASE, {
      method: init.method ?? "GET",
      headers,
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
      ...(init.body !== undefined && { body: init.body }),
    }),
    { params: Promise.resolve((init.id ? { id: init.id } : {}) as never) },
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Body) : null };
}

// Jobs are queued after the response (setImmediate), then run by the in-process runner.
async function jobsDone() {
  await new Promise((resolve) => setImmediate(resolve));
  await inlineRunner().idle();
}

const upload = (bytes: Uint8Array, name: string, type: string) => {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
};

describe.each(testDatabaseKinds)("knowledge API on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  let site: Awaited<ReturnType<typeof startTestSite>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shop = await seedWorkspace(handle.db, "API Bikes");
    other = await seedWorkspace(handle.db, "Other Bikes");
    site = await startTestSite();
  });
  afterAll(async () => {
    await site.close();
    await handle.close();
  });

  it("adds a PDF, pasted text and a website with 202, and reads them in the background", async () => {
    const pdf = await makePdf([
      ["Warranty", "", "Every bicycle has a two year warranty on the frame."],
    ]);
    const file = await call(POST, shop.apiKey, {
      method: "POST",
      body: upload(pdf, "warranty.pdf", "application/pdf"),
    });
    expect(file.status).toBe(202);
    expect(file.body?.data).toMatchObject({
      kind: "file",
      title: "warranty",
      status: "processing",
    });
    const text = await call(POST, shop.apiKey, {
      method: "POST",
      json: { title: "Hours", text: "Open Monday to Saturday, 8 to 6." },
    });
    expect(text.status).toBe(202);
    const web = await call(POST, shop.apiKey, {
      method: "POST",
      json: { url: `${site.origin}/`, maxPages: 5 },
    });
    expect(web.status).toBe(202);
    expect(web.body?.data).toMatchObject({
      kind: "website",
      startUrl: `${site.origin}/`,
      maxPages: 5,
    });

    await jobsDone();
    const listed = await call(list, shop.apiKey);
    expect(listed.status).toBe(200);
    const byTitle = new Map(listed.body?.data.map((s) => [s.title, s]));
    expect(byTitle.get("warranty")).toMatchObject({ status: "ready", passageCount: 1 });
    expect(byTitle.get("Hours")).toMatchObject({ status: "ready", passageCount: 1 });
    // A website is titled by its start page once read.
    expect(byTitle.get("Juniper Bikes")).toMatchObject({
      status: "ready",
      pagesCrawled: 3,
    });
  });

  it("refuses what it cannot take, in the contract's error shape", async () => {
    const exe = await call(POST, shop.apiKey, {
      method: "POST",
      body: upload(new Uint8Array([77, 90, 0, 1]), "setup.exe", "application/octet-stream"),
    });
    expect(exe.status).toBe(422);
    expect(exe.body?.error).toEqual({
      code: "unprocessable_entity",
      message: expect.stringContaining("PDF"),
    });
    const big = await call(POST, shop.apiKey, {
      method: "POST",
      body: upload(new Uint8Array(MAX_KNOWLEDGE_FILE_BYTES + 1), "big.pdf", "application/pdf"),
    });
    expect(big.status).toBe(413);
    expect(big.body?.error.message).toMatch(/larger than 20 MB/);
    const nothing = await call(POST, shop.apiKey, { method: "POST", json: { hello: 1 } });
    expect(nothing.status).toBe(400);
    expect(nothing.body?.error.message).toMatch(/multipart/);
    const badUrl = await call(POST, shop.apiKey, { method: "POST", json: { url: "ftp://x" } });
    expect(badUrl.status).toBe(400);
    const untitled = await call(POST, shop.apiKey, {
      method: "POST",
      json: { text: "x", title: "" },
    });
    expect(untitled.status).toBe(400);
    expect(untitled.body?.error.message).toMatch(/title/);
  });

  it("reports a site that blocks us as failed, with the reason", async () => {
    const added = await call(POST, shop.apiKey, {
      method: "POST",
      json: { url: `${site.origin}/private/prices` },
    });
    await jobsDone();
    const one = await call(getOne, shop.apiKey, { id: added.body?.data.id as string });
    expect(one.body?.data).toMatchObject({
      status: "failed",
      failureReason: expect.stringContaining("robots.txt"),
    });
  });

  it("deletes a source and its passages; another workspace's key sees and deletes nothing", async () => {
    const listed = await call(list, shop.apiKey);
    const target = listed.body?.data.find((s) => s.title === "Hours") as Source;
    expect((await call(list, other.apiKey)).body?.data).toEqual([]);
    expect((await call(getOne, other.apiKey, { id: target.id })).status).toBe(404);
    expect((await call(DELETE, other.apiKey, { method: "DELETE", id: target.id })).status).toBe(
      404,
    );
    const removed = await call(DELETE, shop.apiKey, { method: "DELETE", id: target.id });
    expect(removed.status).toBe(204);
    const left = await handle.db
      .select()
      .from(knowledgePassages)
      .where(eq(knowledgePassages.sourceId, target.id));
    expect(left).toEqual([]);
    expect((await call(getOne, shop.apiKey, { id: target.id })).status).toBe(404);
    expect((await call(getOne, shop.apiKey, { id: "not-a-uuid" })).status).toBe(404);
  });

  it("answers 401 without a key and 403 to a read-only key on the write routes", async () => {
    expect((await call(list, "prl_nope")).status).toBe(401);
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["read"] })
      .where(eq(apiKeys.workspaceId, other.workspaceId));
    const refused = await call(POST, other.apiKey, {
      method: "POST",
      json: { title: "Read only", text: "No." },
    });
    expect(refused.status).toBe(403);
    expect((await call(list, other.apiKey)).status).toBe(200);
  });
});
