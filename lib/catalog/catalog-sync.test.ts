import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getCatalogConnection } from "@/db/queries/catalog";
import { listProducts, upsertProducts } from "@/db/queries/products";
import { getSandboxItems } from "@/db/queries/sandbox-catalog";
import { requestCatalogSync } from "@/inngest/dispatch";
import { syncCatalog } from "@/inngest/functions/sync-catalog";
import type { JobStep } from "@/inngest/step";
import { provideReplyDeps } from "@/lib/bot/deps";
import { deleteWorkspaceProduct } from "@/lib/products/manage-products";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, TEST_ACCESS_TOKEN, testKeyring } from "@/lib/testing/fixtures";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { createPacer } from "@/lib/whatsapp/pacer";
import { catalogCalls } from "./graph-catalog";
import { connectCatalog, listBusinessCatalogs } from "./manage-catalog";

const product = (retailerId: string, extra: Record<string, unknown> = {}) => ({
  retailerId,
  name: `Product ${retailerId}`,
  description: "Made by hand.",
  priceMinor: 125000,
  currency: "KES",
  availability: "in_stock" as const,
  imageUrl: "https://shop.test/p.jpg",
  link: "https://shop.test/p",
  ...extra,
});

// The sync job's steps as a driver runs them; a wait is short here, as Meta's emulated batch is.
const step = {
  run: async (_id: string, fn: () => Promise<unknown>) => fn(),
  sleep: async () => new Promise((r) => setTimeout(r, 300)),
} as unknown as JobStep;

describe.each(testDatabaseKinds)("Meta catalog through the emulator on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  const graph = createGraphClient({
    baseUrl: "http://sandbox.test/sandbox/graph",
    version: "v25.0",
    sleep: async () => {},
    pacer: createPacer({ sleep: async () => {} }),
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const path = new URL(req.url).pathname.replace(/^\/sandbox\/graph\//, "").split("/");
      return handleGraphRequest(req, path, {
        db: handle.db,
        keyring: testKeyring,
        appUrl: "http://sandbox.test",
        app: { appId: "1", appSecret: "s" },
        later: () => {},
      });
    },
  });
  const deps = () => ({ db: handle.db, keyring: testKeyring, graph });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Catalog Shop", { wabaId: "310000000000001" });
    other = await seedWorkspace(handle.db, "Other Shop", { wabaId: "310000000000002" });
    provideReplyDeps({ db: handle.db, keyring: testKeyring, graph });
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("creates a catalog, connects it to the WABA, and only its business sees it", async () => {
    expect(await listBusinessCatalogs(deps(), shop.workspaceId)).toEqual({ ok: true, data: [] });
    const connected = await connectCatalog(deps(), shop.workspaceId, { name: "Shop products" });
    expect(connected).toMatchObject({ ok: true, data: { catalogName: "Shop products" } });
    const listed = await listBusinessCatalogs(deps(), shop.workspaceId);
    expect(listed.ok && listed.data.map((c) => c.name)).toEqual(["Shop products"]);
    expect(await getCatalogConnection(handle.db, shop.workspaceId)).toMatchObject({
      catalogName: "Shop products",
      wabaId: "310000000000001",
    });
    // Another business neither lists it nor may connect it.
    expect(await listBusinessCatalogs(deps(), other.workspaceId)).toEqual({ ok: true, data: [] });
    const catalogId = connected.ok ? connected.data.catalogId : "";
    expect(await connectCatalog(deps(), other.workspaceId, { catalogId })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await getCatalogConnection(handle.db, other.workspaceId)).toBeNull();
  });

  it("syncs products with the job: each gets its status, Meta's refusal in plain words", async () => {
    await upsertProducts(handle.db, {
      workspaceId: shop.workspaceId,
      products: [product("A-1"), product("B-2", { imageUrl: null })],
    });
    await syncCatalog({
      event: { data: { workspaceId: shop.workspaceId, requestedAt: 1 } },
      step,
      attempt: 0,
    });
    const rows = await listProducts(handle.db, { workspaceId: shop.workspaceId });
    expect(rows.map((r) => [r.retailerId, r.syncStatus])).toEqual([
      ["A-1", "synced"],
      ["B-2", "failed"],
    ]);
    expect(rows[1]?.syncError).toBe(
      "Meta needs a picture of this product: add an image URL (https://…) and sync again. (Meta: Required field missing: image_link)",
    );
    const connection = await getCatalogConnection(handle.db, shop.workspaceId);
    expect(connection).toMatchObject({ syncState: "idle", batchHandles: [] });
    expect(connection?.lastSyncedAt).toBeInstanceOf(Date);
    const items = await getSandboxItems(handle.db, {
      catalogId: connection?.catalogId ?? "",
      retailerIds: ["A-1", "B-2"],
    });
    expect(items.map((i) => i.data)).toEqual([
      expect.objectContaining({ id: "A-1", price: "1250.00 KES", availability: "in stock" }),
    ]);

    // Fixed and synced again: only the changed product goes, and is accepted.
    await upsertProducts(handle.db, {
      workspaceId: shop.workspaceId,
      products: [product("B-2")],
    });
    await syncCatalog({
      event: { data: { workspaceId: shop.workspaceId, requestedAt: 2 } },
      step,
      attempt: 0,
    });
    const after = await listProducts(handle.db, { workspaceId: shop.workspaceId });
    expect(after.map((r) => [r.syncStatus, r.syncError])).toEqual([
      ["synced", null],
      ["synced", null],
    ]);
  });

  it("removes a deleted product from Meta's catalog at the next sync", async () => {
    const ctx = { db: handle.db, workspace: { id: shop.workspaceId }, audit: async () => {} };
    await upsertProducts(handle.db, { workspaceId: shop.workspaceId, products: [product("D-9")] });
    await syncCatalog({
      event: { data: { workspaceId: shop.workspaceId, requestedAt: 3 } },
      step,
      attempt: 0,
    });
    const [d9] = (await listProducts(handle.db, { workspaceId: shop.workspaceId })).filter(
      (r) => r.retailerId === "D-9",
    );
    expect(d9?.syncStatus).toBe("synced");
    const deleted = await deleteWorkspaceProduct(ctx, { id: d9?.id ?? "" });
    expect(deleted.ok).toBe(true);
    expect(await getCatalogConnection(handle.db, shop.workspaceId)).toMatchObject({
      pendingDeletions: ["D-9"],
    });
    await syncCatalog({
      event: { data: { workspaceId: shop.workspaceId, requestedAt: 4 } },
      step,
      attempt: 0,
    });
    const connection = await getCatalogConnection(handle.db, shop.workspaceId);
    expect(connection).toMatchObject({ pendingDeletions: [], syncState: "idle" });
    const items = await getSandboxItems(handle.db, {
      catalogId: connection?.catalogId ?? "",
      retailerIds: ["A-1", "B-2", "D-9"],
    });
    expect(items.map((i) => i.retailerId).sort()).toEqual(["A-1", "B-2"]);
  });

  it("runs the sync on the in-process job driver, waiting for Meta between checks", async () => {
    await upsertProducts(handle.db, {
      workspaceId: shop.workspaceId,
      products: [product("C-3", { name: "Product C-3 in blue" })],
    });
    await requestCatalogSync(shop.workspaceId, { driver: "inline", schedule: (task) => task() });
    await expect
      .poll(
        async () =>
          (await listProducts(handle.db, { workspaceId: shop.workspaceId })).find(
            (p) => p.retailerId === "C-3",
          )?.syncStatus,
        { timeout: 15_000, interval: 200 },
      )
      .toBe("synced");
  });

  it("answers bad batch calls and foreign tokens as Meta does", async () => {
    const connection = await getCatalogConnection(handle.db, shop.workspaceId);
    const catalogId = connection?.catalogId ?? "";
    const noType = await graph
      .request({
        method: "POST",
        path: `${catalogId}/items_batch`,
        token: TEST_ACCESS_TOKEN,
        schema: (await import("zod")).z.unknown(),
        form: { requests: "[]" },
      })
      .catch((e: unknown) => e);
    expect(isGraphError(noType) && [noType.code, noType.message]).toEqual([
      100,
      "(#100) The parameter item_type is required",
    ]);
    const foreign = await catalogCalls(graph)
      .batchStatus(catalogId, "EAAG-not-a-token", "h")
      .catch((e: unknown) => e);
    expect(isGraphError(foreign) && foreign.code).toBe(190);
  });

  it("sends product messages only from the connected catalog's items", async () => {
    const connection = await getCatalogConnection(handle.db, shop.workspaceId);
    const catalogId = connection?.catalogId ?? "";
    const sent = await graph.sendInteractive(shop.phoneNumberId, TEST_ACCESS_TOKEN, {
      to: "254700000001",
      interactive: {
        type: "product_list",
        header: { type: "text", text: "Catalog Shop" },
        body: { text: "Our products" },
        action: {
          catalog_id: catalogId,
          sections: [{ title: "All", product_items: [{ product_retailer_id: "A-1" }] }],
        },
      },
    });
    expect(sent.wamid).toMatch(/^wamid\./);
    const refused = async (interactive: Record<string, unknown>) => {
      const error = await graph
        .sendInteractive(shop.phoneNumberId, TEST_ACCESS_TOKEN, { to: "254700000001", interactive })
        .catch((e: unknown) => e);
      return isGraphError(error) ? [error.code, error.details] : error;
    };
    expect(
      await refused({
        type: "product",
        action: { catalog_id: catalogId, product_retailer_id: "NOPE" },
      }),
    ).toEqual([131009, "Product with retailer id NOPE not found in the catalog"]);
    expect(
      await refused({
        type: "product_list",
        body: { text: "x" },
        action: { catalog_id: catalogId, sections: [] },
      }),
    ).toEqual([131009, "action.sections needs at least one section"]);
    expect(
      await refused({ type: "product", action: { catalog_id: "999", product_retailer_id: "A-1" } }),
    ).toEqual([131009, "Catalog 999 is not connected to this WhatsApp Business Account"]);
  });
});
