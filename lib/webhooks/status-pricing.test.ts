import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { readAnalytics } from "@/db/queries/analytics/report";
import { applyStatusDeliveries } from "@/db/queries/messages";
import { clearMetaRates, replaceMetaRates } from "@/db/queries/meta-rates";
import { messages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { seedQuietWorkspace, webhookPoster } from "@/lib/testing/webhook-harness";
import { envelope, messagesChange, status, wamid } from "@/lib/testing/webhook-payloads";

type Shop = Awaited<ReturnType<typeof seedQuietWorkspace>> & { conversationId: string };

const DAY = new Date("2026-11-20T09:00:00Z");
const RANGE = { from: DAY, to: DAY, timeZone: "UTC" };

const utility = { billable: true, pricing_model: "PMP", type: "regular", category: "utility" };
const service = {
  billable: false,
  pricing_model: "PMP",
  type: "free_customer_service",
  category: "service",
};
const marketing = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };

describe.each(testDatabaseKinds)("Meta's pricing from status webhooks, on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  const post = webhookPoster(() => handle.db, { jobs: false });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const ws = await seedQuietWorkspace(handle.db, "Pricing Shop");
    const { id } = await seedConversation(handle.db, ws, {
      waId: "254702000001",
      start: DAY,
      count: 1,
    });
    shop = { ...ws, conversationId: id };
  });
  afterAll(() => handle.close());

  async function sentMessage(opts: { waMessageId?: string | null } = {}) {
    const [row] = await handle.db
      .insert(messages)
      .values({
        workspaceId: shop.workspaceId,
        conversationId: shop.conversationId,
        channelId: shop.channelId,
        direction: "outbound",
        type: "template",
        text: "Your order is ready",
        status: opts.waMessageId === null ? "pending" : "sent",
        waMessageId: opts.waMessageId === null ? null : (opts.waMessageId ?? wamid()),
        sendingAt: DAY,
        sendAttempts: 1,
        createdAt: DAY,
      })
      .returning();
    if (!row) throw new Error("no row");
    return row;
  }
  // Meta names the recipient by phone: a Kenyan number (+254) here, a British one when asked.
  const priced = (
    id: string,
    state: "sent" | "delivered" | "read",
    pricing?: object,
    recipient = "254702000001",
  ) => ({ ...status(id, state), recipient_id: recipient, ...(pricing && { pricing }) });
  const send = (...statuses: unknown[]) =>
    post(envelope({ wabaId: "1", changes: [messagesChange(shop.phoneNumberId, { statuses })] }));
  const pricingOf = async (id: string) => {
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, id));
    return {
      status: row?.status,
      category: row?.pricingCategory,
      type: row?.pricingType,
      billable: row?.pricingBillable,
      model: row?.pricingModel,
      country: row?.pricingCountry,
    };
  };

  it("stores the pricing of `sent` once; the same pricing on `delivered` moves only the status", async () => {
    const row = await sentMessage();
    const id = row.waMessageId as string;
    expect((await send(priced(id, "sent", utility))).status).toBe(200);
    expect(await pricingOf(row.id)).toEqual({
      status: "sent",
      category: "utility",
      type: "regular",
      billable: true,
      model: "PMP",
      country: "KE",
    });
    // Meta repeats it on delivered, here naming another country: the first pricing stays.
    await send(priced(id, "delivered", marketing, "447700900123"));
    expect(await pricingOf(row.id)).toMatchObject({
      status: "delivered",
      category: "utility",
      country: "KE",
    });
    // Read carries none, and a repeated sent changes nothing.
    await send(priced(id, "read"), priced(id, "sent", utility));
    expect(await pricingOf(row.id)).toMatchObject({ status: "read", category: "utility" });
  });

  it("records pricing that arrives after a later status, without moving the status back", async () => {
    const row = await sentMessage();
    const id = row.waMessageId as string;
    await send(priced(id, "delivered"));
    await send(priced(id, "sent", service));
    expect(await pricingOf(row.id)).toMatchObject({
      status: "delivered",
      category: "service",
      type: "free_customer_service",
      billable: false,
    });
    // In one delivery, too: the highest status with the pricing of the one that carried it.
    const other = await sentMessage();
    const otherId = other.waMessageId as string;
    await send(priced(otherId, "sent", marketing), priced(otherId, "read"));
    expect(await pricingOf(other.id)).toMatchObject({ status: "read", category: "marketing" });
  });

  it("carries pricing across deliveries batched into one statement", async () => {
    const row = await sentMessage();
    const id = row.waMessageId as string;
    const delivery = (s: object) => ({
      workspaceId: shop.workspaceId,
      channelId: shop.channelId,
      statuses: [
        {
          waMessageId: id,
          at: new Date(),
          errorCode: null,
          errorDetails: null,
          ...(s as { status: "sent" | "delivered"; pricing: null }),
        },
      ],
      delivery: { phoneNumberId: shop.phoneNumberId, wabaId: "1", payload: {} },
    });
    const unknown = await applyStatusDeliveries(handle.db, [
      delivery({ status: "delivered", pricing: null }),
      delivery({
        status: "sent",
        pricing: {
          category: "authentication",
          type: "regular",
          billable: true,
          model: "PMP",
          country: "IN",
        },
      }),
    ]);
    expect(unknown.size).toBe(0);
    expect(await pricingOf(row.id)).toMatchObject({
      status: "delivered",
      category: "authentication",
      country: "IN",
    });
  });

  it("records pricing on a send placed by its callback data, and ignores a pricing it cannot read", async () => {
    const row = await sentMessage({ waMessageId: null });
    const id = wamid();
    await send({ ...priced(id, "sent", marketing), biz_opaque_callback_data: `m:${row.id}` });
    expect(await pricingOf(row.id)).toMatchObject({
      status: "sent",
      category: "marketing",
      country: "KE",
    });

    const odd = await sentMessage();
    const oddId = odd.waMessageId as string;
    expect((await send(priced(oddId, "delivered", { billable: "yes" }))).status).toBe(200);
    expect(await pricingOf(odd.id)).toMatchObject({ status: "delivered", category: null });
    // Meta's hyphenated category is kept as the rate table names it.
    await send(
      priced(oddId, "read", {
        type: "regular",
        pricing_model: "PMP",
        category: "authentication-international",
      }),
    );
    expect(await pricingOf(odd.id)).toMatchObject({
      status: "read",
      category: "authentication_international",
      billable: null,
    });
  });

  it("adds the period's messages up per category in analytics, each message once", async () => {
    const report = async () =>
      (await readAnalytics(handle.db, { ...RANGE, workspaceId: shop.workspaceId })).metaMessaging;
    // So far, all to Kenya: utility 1 (sent then delivered with pricing), marketing 2,
    // authentication 1 (priced as India's), authentication_international 1, service 1 free.
    // Kenya is in Meta's "Rest of Africa" market.
    const shipped = await report();
    expect(shipped.rateSource).toBe("default");
    expect(shipped.charged).toBe(5);
    expect(shipped.free).toBe(1);
    const byCategory = Object.fromEntries(shipped.categories.map((c) => [c.category, c]));
    expect(byCategory.utility).toMatchObject({ charged: 1, free: 0, costMicros: 4000 });
    expect(byCategory.marketing).toMatchObject({
      charged: 2,
      costMicros: 45_000,
      rateMicros: 22_500,
    });
    expect(byCategory.authentication).toMatchObject({ charged: 1, costMicros: 1400 });
    // Kenya has no international authentication rate: its authentication rate applies.
    expect(byCategory.authentication_international).toMatchObject({ costMicros: 15_000 });
    expect(byCategory.service).toMatchObject({ charged: 0, free: 1, costMicros: 0 });
    expect(shipped.totalMicros).toBe(4000 + 45_000 + 1400 + 15_000);

    // The operator's table replaces the shipped one whole: Kenya's marketing at its own rate,
    // everything else at "other" or unpriced.
    await replaceMetaRates(handle.db, [
      { country: "KE", category: "marketing", priceMicros: 30_000 },
      { country: "other", category: "utility", priceMicros: 5000 },
    ]);
    const operator = await report();
    expect(operator.rateSource).toBe("operator");
    const now = Object.fromEntries(operator.categories.map((c) => [c.category, c]));
    expect(now.marketing).toMatchObject({ costMicros: 60_000, unpriced: 0 });
    expect(now.utility).toMatchObject({ costMicros: 5000 });
    expect(now.authentication).toMatchObject({ costMicros: 0, unpriced: 1 });
    expect(operator.totalMicros).toBe(65_000);
    // Costliest first.
    expect(operator.categories[0]?.category).toBe("marketing");

    // Reset: the shipped rates apply again.
    expect(await clearMetaRates(handle.db)).toBe(2);
    expect(await report()).toMatchObject({
      rateSource: "default",
      totalMicros: shipped.totalMicros,
    });
  });
});
