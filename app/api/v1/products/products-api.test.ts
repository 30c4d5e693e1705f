import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import {
  deleteProduct,
  listProducts,
  markProductsPending,
  productNames,
  recordSyncResults,
  updateProduct,
} from "@/db/queries/products";
import { apiKeys } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { GET, POST } from "./route";

const URL_ = "http://localhost/api/v1/products";
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, key: string, body?: unknown, url = URL_) {
  const res = await handler(
    new Request(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
    { params: Promise.resolve({} as never) },
  );
  // biome-ignore lint/suspicious/noExplicitAny: test reads JSON loosely
  return { status: res.status, body: (await res.json()) as any };
}

const mug = {
  retailerId: "MUG-1",
  name: "Coffee mug",
  description: "Stoneware",
  price: "1250.50",
  currency: "kes",
  availability: "in stock",
  imageUrl: "https://shop.test/mug.jpg",
  link: "https://shop.test/mug",
};

describe.each(testDatabaseKinds)("Products API on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shop = await seedWorkspace(handle.db, "API Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
  });
  afterAll(() => handle.close());

  it("creates, then updates by retailer id; unchanged products are counted, not touched", async () => {
    const first = await call(POST, shop.apiKey, [
      mug,
      { ...mug, retailerId: "TEA", name: "Tea", price: 300 },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.body.data[0]).toMatchObject({
      retailerId: "MUG-1",
      price: "1250.50",
      priceMinor: 125050,
      currency: "KES",
      availability: "in_stock",
      syncStatus: "not_synced",
    });
    const second = await call(POST, shop.apiKey, [
      { ...mug, price: 1300 },
      { ...mug, retailerId: "TEA", name: "Tea", price: 300 },
    ]);
    expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const listed = await call(GET, shop.apiKey);
    expect(
      listed.body.data
        .map((p: { retailerId: string; price: string }) => [p.retailerId, p.price])
        .sort(),
    ).toEqual([
      ["MUG-1", "1300.00"],
      ["TEA", "300.00"],
    ]);
    expect(listed.body.nextCursor).toBeNull();
  });

  it("refuses a list with problems whole, naming each item by index", async () => {
    const res = await call(POST, shop.apiKey, [
      { ...mug, retailerId: "NEW-1" },
      { ...mug, retailerId: "", price: "12.345", currency: "USD" },
      { name: "No id" },
      { ...mug, retailerId: "NEW-1" },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "bad_request",
      message: "6 problems in the list; nothing was saved.",
      problems: [
        { index: 1, retailerId: null, message: "retailer id is empty" },
        { index: 1, retailerId: null, message: 'price "12.345" has more than 2 decimals for USD' },
        { index: 2, retailerId: null, message: "retailer id is missing" },
        { index: 2, retailerId: null, message: "price is missing" },
        { index: 2, retailerId: null, message: "currency is missing" },
        { index: 3, retailerId: "NEW-1", message: "retailer id is already at index 0" },
      ],
    });
    const names = (await listProducts(handle.db, { workspaceId: shop.workspaceId })).map(
      (p) => p.retailerId,
    );
    expect(names).not.toContain("NEW-1");
    expect((await call(POST, shop.apiKey, { retailerId: "X" })).body.error.message).toBe(
      "The body must be a JSON list of products.",
    );
    expect((await call(POST, shop.apiKey, "not json")).status).toBe(400);
  });

  it("keeps each workspace's products apart, the same retailer id included", async () => {
    await call(POST, other.apiKey, [{ ...mug, name: "Other mug" }]);
    expect((await call(GET, other.apiKey)).body.data.map((p: { name: string }) => p.name)).toEqual([
      "Other mug",
    ]);
    expect(
      (await call(GET, shop.apiKey)).body.data.find(
        (p: { retailerId: string }) => p.retailerId === "MUG-1",
      ).name,
    ).toBe("Coffee mug");
    const [mine] = await listProducts(handle.db, { workspaceId: shop.workspaceId });
    const id = mine?.id ?? "";
    // Another workspace can neither change nor delete it.
    expect(
      await updateProduct(handle.db, {
        workspaceId: other.workspaceId,
        id,
        product: { ...(mine as NonNullable<typeof mine>), name: "Stolen" },
      }),
    ).toBeNull();
    expect(await deleteProduct(handle.db, { workspaceId: other.workspaceId, id })).toBeNull();
    expect(
      await productNames(handle.db, {
        workspaceId: shop.workspaceId,
        retailerIds: ["MUG-1", "NONE"],
      }),
    ).toEqual({ "MUG-1": "Coffee mug" });
    expect((await listProducts(handle.db, { workspaceId: shop.workspaceId }))[0]?.name).toBe(
      "Coffee mug",
    );
  });

  it("records sync results only on pending products; an edit during a sync waits for the next", async () => {
    const before = new Date();
    await markProductsPending(handle.db, {
      workspaceId: shop.workspaceId,
      retailerIds: ["MUG-1", "TEA"],
      updatedBefore: before,
    });
    // TEA changes while Meta works on the batch.
    await call(POST, shop.apiKey, [{ ...mug, retailerId: "TEA", name: "Green tea", price: 300 }]);
    await recordSyncResults(handle.db, {
      workspaceId: shop.workspaceId,
      retailerIds: ["MUG-1", "TEA"],
      failed: new Map(),
      at: new Date(),
    });
    const rows = await listProducts(handle.db, { workspaceId: shop.workspaceId });
    expect(rows.map((r) => [r.retailerId, r.syncStatus])).toEqual([
      ["MUG-1", "synced"],
      ["TEA", "not_synced"],
    ]);
  });

  it("answers 401 without a key and 403 to a read-only key on POST", async () => {
    expect((await call(GET, "pk_nope")).status).toBe(401);
    await handle.db
      .update(apiKeys)
      .set({ scopes: ["read"] })
      .where(eq(apiKeys.workspaceId, other.workspaceId));
    expect((await call(POST, other.apiKey, [mug])).status).toBe(403);
    expect((await call(GET, other.apiKey)).status).toBe(200);
  });
});
