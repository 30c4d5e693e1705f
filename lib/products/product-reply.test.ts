import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { saveCatalogConnection } from "@/db/queries/catalog";
import { markProductsPending, recordSyncResults, upsertProducts } from "@/db/queries/products";
import { composeReply } from "@/lib/bot/compose-reply";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";

const product = (retailerId: string, name: string, extra: Record<string, unknown> = {}) => ({
  retailerId,
  name,
  description: `${name}, made by hand.`,
  priceMinor: 125000,
  currency: "KES",
  availability: "in_stock" as const,
  imageUrl: "https://shop.test/p.jpg",
  link: "https://shop.test/p",
  ...extra,
});

describe.each(testDatabaseKinds)("the bot and the products on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  const ask = (question: string) =>
    composeReply(
      { db: handle.db, keyring: testKeyring, ai: { fallbacks: [] } },
      {
        workspaceId: shop.workspaceId,
        workspaceName: "Mug House",
        question,
        language: "en",
        history: async () => [],
        recordHit: false,
      },
    );

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Mug House");
    await upsertProducts(handle.db, {
      workspaceId: shop.workspaceId,
      products: [
        product("MUG-1", "Coffee mug"),
        product("MUG-2", "Blue coffee mug", { priceMinor: 150000 }),
        product("TEE-1", "Cotton T-shirt", { availability: "out_of_stock" }),
      ],
    });
  });
  afterAll(() => handle.close());

  it("answers a named product's price and stock without AI, and nothing for a vague one", async () => {
    expect(await ask("How much is the blue coffee mug?")).toMatchObject({
      text: "Blue coffee mug costs KES 1,500.00.",
      source: "system",
      kind: "answer",
    });
    expect((await ask("is the cotton t-shirt in stock?")).text).toBe(
      "Sorry, Cotton T-shirt is out of stock right now.",
    );
    // "a mug" names no product for sure: the fallback, never a guess.
    expect(await ask("how much is a mug?")).toMatchObject({ kind: "fallback" });
  });

  it("sends product messages from the connected catalog when asked to see products", async () => {
    // No catalog yet: nothing to show.
    expect((await ask("show me your products")).interactive).toBeUndefined();
    await saveCatalogConnection(handle.db, {
      workspaceId: shop.workspaceId,
      channelId: shop.channelId,
      catalogId: "1234567890",
      catalogName: "Mug House",
      wabaId: "1",
    });
    // Connected but nothing synced: still nothing to show from the catalog.
    expect((await ask("show me your products")).interactive).toBeUndefined();
    await markProductsPending(handle.db, {
      workspaceId: shop.workspaceId,
      retailerIds: ["MUG-1", "MUG-2", "TEE-1"],
      updatedBefore: new Date(Date.now() + 1000),
    });
    await recordSyncResults(handle.db, {
      workspaceId: shop.workspaceId,
      retailerIds: ["MUG-1", "MUG-2", "TEE-1"],
      failed: new Map(),
      at: new Date(),
    });
    const list = await ask("Can you show me your products?");
    expect(list.interactive).toEqual({
      type: "product_list",
      header: { type: "text", text: "Mug House" },
      body: { text: list.text },
      action: {
        catalog_id: "1234567890",
        sections: [
          {
            title: "Our products",
            product_items: [
              { product_retailer_id: "MUG-2" },
              { product_retailer_id: "MUG-1" },
              { product_retailer_id: "TEE-1" },
            ],
          },
        ],
      },
    });
    const one = await ask("do you have the blue coffee mug?");
    expect(one.interactive).toEqual({
      type: "product",
      body: { text: "Yes, Blue coffee mug is in stock (KES 1,500.00)." },
      action: { catalog_id: "1234567890", product_retailer_id: "MUG-2" },
    });
  });
});
