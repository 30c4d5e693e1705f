import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { getBroadcast } from "@/db/queries/broadcasts";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createWorkspaceBroadcast } from "@/lib/broadcasts/manage-broadcasts";
import { scriptedGraph, seedBroadcastShop, seedContacts } from "@/lib/testing/broadcast-fixture";
import { createTestDatabase } from "@/lib/testing/databases";
import { createBroadcastSchema } from "@/lib/validations/broadcast";
import { sendBroadcastFn } from "./send-broadcast";

// The Inngest function as Inngest runs it (each step replayed from its memo), on a real database.
describe("send-broadcast under the Inngest executor", () => {
  let handle: DatabaseHandle;
  let graph: ReturnType<typeof scriptedGraph>;

  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    provideDatabase(handle);
    graph = scriptedGraph(handle.db);
    provideReplyDeps({ ...graph.deps, ai: { fallbacks: [] }, smtp: null });
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("starts the broadcast and sends it batch by batch; a later run finds nothing to do", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 5, { tags: ["vip"] });
    const created = await createWorkspaceBroadcast(
      shop.actor,
      graph.deps,
      createBroadcastSchema.parse({
        name: "Inngest sale",
        template: { name: "summer_sale", language: "en_US" },
        parameters: {
          "body.1": { kind: "field", field: "name", fallback: "there" },
          "body.2": { kind: "fixed", value: "Lisbon" },
        },
        audience: { tags: ["vip"] },
      }),
      { dispatch: async () => {} },
    );
    if (!created.ok) throw new Error(created.message);
    const event = {
      name: "broadcasts/broadcast.due",
      data: { workspaceId: shop.workspaceId, broadcastId: created.data.id },
    } as const;
    const first = await new InngestTestEngine({ function: sendBroadcastFn }).execute({
      events: [event],
    });
    expect(first.ctx.step.run).toHaveBeenCalledWith("start", expect.any(Function));
    expect(first.ctx.step.run).toHaveBeenCalledWith("batch-0", expect.any(Function));
    expect(first.result).toEqual({ state: "done", sent: 5 });
    expect(graph.calls).toHaveLength(5);
    expect(
      await getBroadcast(handle.db, { workspaceId: shop.workspaceId, id: created.data.id }),
    ).toMatchObject({ status: "completed", recipientCount: 5 });

    const again = await new InngestTestEngine({ function: sendBroadcastFn }).execute({
      events: [event],
    });
    expect(again.result).toEqual({ state: "over" });
    expect(graph.calls).toHaveLength(5);
  });
});
