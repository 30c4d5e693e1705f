import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { queryRows } from "@/db/rows";
import { messages, webhookDeliveries } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { pruneWebhookDeliveriesFn } from "./functions/prune-webhook-deliveries";
import { pruneOldDeliveries } from "./prune";

const DAY_MS = 24 * 60 * 60_000;

describe.each(testDatabaseKinds)("webhook delivery retention on %s", (kind) => {
  let handle: DatabaseHandle;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;

  async function deliveries(count: number, ageDays: number) {
    await handle.db.execute(sql`
      insert into webhook_deliveries (workspace_id, channel_id, field, routed, payload, received_at)
      select ${ws.workspaceId}, ${ws.channelId}, 'messages', true,
        jsonb_build_object('n', n, 'text', 'customer secret text'),
        now() - make_interval(secs => ${ageDays * 86_400} + n)
      from generate_series(1, ${count}) as n`);
  }
  const ages = async () =>
    (
      await handle.db
        .select({ receivedAt: webhookDeliveries.receivedAt })
        .from(webhookDeliveries)
        .orderBy(webhookDeliveries.receivedAt)
    ).map((r) => (Date.now() - r.receivedAt.getTime()) / DAY_MS);

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    ws = await seedWorkspace(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("forgets answer claims older than the hourly limit's window, in batches, and keeps recent ones", async () => {
    await handle.db.execute(sql`
      insert into answer_claims (message_id, workspace_id, claimed_at)
      select gen_random_uuid(), ${ws.workspaceId}, now() - make_interval(mins => m)
      from generate_series(1, 10) as m`);
    await handle.db.execute(sql`
      insert into answer_claims (message_id, workspace_id, claimed_at)
      select gen_random_uuid(), ${ws.workspaceId}, now() - interval '3 hours' - make_interval(secs => n)
      from generate_series(1, 25) as n`);
    await pruneOldDeliveries(handle.db, 7, { batchSize: 10, maxBatches: 5 });
    const [left] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from answer_claims`,
    );
    expect(left?.n).toBe(10);
  });

  it("deletes deliveries past the retention in bounded batches, keeps recent ones and every message", async () => {
    await seedConversation(handle.db, ws, { waId: "254700000900", start: new Date(), count: 4 });
    const messagesBefore = await handle.db.$count(messages);
    await deliveries(250, 8);
    await deliveries(30, 6);

    // 100 rows a statement, at most 2 statements a run: the run stops and the next goes on.
    const first = await pruneOldDeliveries(handle.db, 7, { batchSize: 100, maxBatches: 2 });
    expect(first).toEqual({ deleted: 200, batches: 2, done: false });
    // The oldest went first.
    expect(Math.max(...(await ages()))).toBeLessThan(8 + 60 / 86_400);
    const second = await pruneOldDeliveries(handle.db, 7, { batchSize: 100, maxBatches: 2 });
    expect(second).toEqual({ deleted: 50, batches: 1, done: true });

    const left = await ages();
    expect(left).toHaveLength(30);
    expect(left.every((d) => d < 7)).toBe(true);
    expect(await handle.db.$count(messages)).toBe(messagesBefore);

    // With a longer retention nothing recent goes.
    expect(await pruneOldDeliveries(handle.db, 30)).toEqual({
      deleted: 0,
      batches: 1,
      done: true,
    });
  });

  it("runs as an hourly Inngest function with the configured retention (7 days)", async () => {
    await deliveries(3, 9);
    const before = await handle.db.$count(webhookDeliveries);
    const { result } = await new InngestTestEngine({ function: pruneWebhookDeliveriesFn }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    });
    expect(result).toMatchObject({ deleted: 3, done: true });
    expect(await handle.db.$count(webhookDeliveries)).toBe(before - 3);
  });
});
