import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getBroadcast, getProgress, listRecipients, startBroadcast } from "@/db/queries/broadcasts";
import { insertMessage } from "@/db/queries/messages";
import { channels, contacts, messages } from "@/db/schema";
import {
  type GraphCall,
  scriptedGraph,
  seedBroadcastShop,
  seedContacts,
} from "@/lib/testing/broadcast-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { createBroadcastSchema } from "@/lib/validations/broadcast";
import { applyStatuses } from "@/lib/webhooks/apply-statuses";
import {
  cancelWorkspaceBroadcast,
  createWorkspaceBroadcast,
  previewAudience,
} from "./manage-broadcasts";
import { type BroadcastDeps, sendBroadcastBatch } from "./send-batch";

type Shop = Awaited<ReturnType<typeof seedBroadcastShop>>;

const saleInput = (over: Record<string, unknown> = {}) =>
  createBroadcastSchema.parse({
    name: "Summer sale",
    template: { name: "summer_sale", language: "en_US" },
    parameters: {
      "body.1": { kind: "field", field: "name", fallback: "there" },
      "body.2": { kind: "field", field: "attributes.city", fallback: "our" },
    },
    audience: { tags: ["vip"] },
    ...over,
  });

const noDispatch = async () => {};

/** Runs batches as the job does until the broadcast is done (or `limit` batches). */
async function runToEnd(deps: BroadcastDeps, shop: Shop, broadcastId: string, limit = 50) {
  const target = { workspaceId: shop.workspaceId, broadcastId };
  await startBroadcast(deps.db, {
    workspaceId: shop.workspaceId,
    id: broadcastId,
    now: new Date(),
  });
  for (let i = 0; i < limit; i++) {
    const r = await sendBroadcastBatch(deps, target, { batchSize: 7, concurrency: 3 });
    if (r.state === "done") return r;
  }
  throw new Error("the broadcast did not finish");
}

const sentTo = (calls: GraphCall[]) => calls.map((c) => String(c.body.to));

describe.each(testDatabaseKinds)("broadcasts on %s", (kind) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  async function create(shop: Shop, deps: BroadcastDeps, over: Record<string, unknown> = {}) {
    const result = await createWorkspaceBroadcast(shop.actor, deps, saleInput(over), {
      dispatch: noDispatch,
    });
    if (!result.ok) throw new Error(result.message);
    return result.data;
  }

  it("counts the audience: only opted-in contacts, with those left out and why", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 3, { tags: ["vip"] });
    await seedContacts(handle.db, shop.workspaceId, 2, { tags: ["vip"], optIn: "opted_out" });
    await seedContacts(handle.db, shop.workspaceId, 1, { tags: ["vip"], optIn: null });
    const [stopped] = await seedContacts(handle.db, shop.workspaceId, 1, { tags: ["vip"] });
    await handle.db
      .update(contacts)
      .set({ optedOut: true })
      .where(eq(contacts.id, stopped ?? ""));
    await seedContacts(handle.db, shop.workspaceId, 4, { tags: ["other"] });
    const count = await previewAudience(shop.actor, {
      audience: { tags: ["vip"], tagMatch: "any", attributes: [] },
    });
    expect(count).toEqual({
      matching: 7,
      included: 3,
      excluded: { optedOut: 1, stoppedMarketing: 2, neverOptedIn: 1 },
    });
  });

  it("matches tags all or any, and attributes exactly", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 2, {
      tags: ["vip", "lisbon"],
      attributes: { city: "Lisbon" },
    });
    await seedContacts(handle.db, shop.workspaceId, 3, {
      tags: ["vip"],
      attributes: { city: "Porto" },
    });
    const count = (
      tags: string[],
      tagMatch: "any" | "all",
      attributes: { key: string; value: string }[] = [],
    ) =>
      previewAudience(shop.actor, { audience: { tags, tagMatch, attributes } }).then(
        (c) => c.included,
      );
    expect(await count(["vip", "lisbon"], "all")).toBe(2);
    expect(await count(["vip", "lisbon"], "any")).toBe(5);
    expect(await count(["vip"], "any", [{ key: "city", value: "Porto" }])).toBe(3);
    expect(await count([], "any", [{ key: "city", value: "Faro" }])).toBe(0);
  });

  it("refuses a template not approved and variables left without a source", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 1, { tags: ["vip"] });
    const { deps } = scriptedGraph(handle.db);
    const pending = await createWorkspaceBroadcast(
      shop.actor,
      deps,
      saleInput({ template: { name: "pending_news", language: "en_US" } }),
      { dispatch: noDispatch },
    );
    expect(pending).toMatchObject({ ok: false, message: expect.stringContaining("pending") });
    const unmapped = await createWorkspaceBroadcast(
      shop.actor,
      deps,
      saleInput({ parameters: { "body.1": { kind: "fixed", value: "friend" } } }),
      { dispatch: noDispatch },
    );
    expect(unmapped).toMatchObject({ ok: false, message: expect.stringContaining("body.2") });
    const nobody = await createWorkspaceBroadcast(
      shop.actor,
      deps,
      saleInput({ audience: { tags: ["nobody"] } }),
      { dispatch: noDispatch },
    );
    expect(nobody).toMatchObject({ ok: false, code: "invalid" });
  });

  it("sends each opted-in contact one message with its own values, and none to the others", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 10, {
      tags: ["vip"],
      name: (i) => (i === 0 ? null : `Ana ${i}`),
      attributes: { city: "Lisbon" },
    });
    await seedContacts(handle.db, shop.workspaceId, 3, { tags: ["vip"], optIn: "opted_out" });
    const { deps, calls } = scriptedGraph(handle.db);
    const { id } = await create(shop, deps);
    const done = await runToEnd(deps, shop, id);
    expect(done.state).toBe("done");
    expect(calls).toHaveLength(10);
    expect(new Set(sentTo(calls)).size).toBe(10);
    expect(calls[0]?.url).toMatch(/\/messages$/);
    const texts = calls.map(
      (c) =>
        (c.body.template as { components: { parameters: { text: string }[] }[] }).components[0]
          ?.parameters,
    );
    expect(texts).toContainEqual([
      { type: "text", text: "there" },
      { type: "text", text: "Lisbon" },
    ]);
    expect(texts).toContainEqual([
      { type: "text", text: "Ana 3" },
      { type: "text", text: "Lisbon" },
    ]);
    const broadcast = await getBroadcast(handle.db, { workspaceId: shop.workspaceId, id });
    expect(broadcast).toMatchObject({ status: "completed", recipientCount: 10 });
    const progress = await getProgress(handle.db, {
      workspaceId: shop.workspaceId,
      broadcastId: id,
    });
    expect(progress).toMatchObject({ total: 10, sent: 10, pending: 0, failed: 0 });
    // Each message is a normal outbound message of the contact's conversation, shown in the inbox.
    const rows = await handle.db
      .select({ text: messages.text, status: messages.status })
      .from(messages)
      .where(and(eq(messages.workspaceId, shop.workspaceId), eq(messages.replyKind, "broadcast")));
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.text)).toContain(
      "Hi Ana 3, the Lisbon shop has 20% off this week.\n\nReply STOP to opt out",
    );
  });

  it("counts a customer's answer after the message as replied, in their own conversation", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 3, { tags: ["vip"] });
    const { deps } = scriptedGraph(handle.db);
    const { id } = await create(shop, deps);
    await runToEnd(deps, shop, id);
    const [sent] = await handle.db
      .select({ conversationId: messages.conversationId, channelId: messages.channelId })
      .from(messages)
      .where(and(eq(messages.workspaceId, shop.workspaceId), eq(messages.replyKind, "broadcast")));
    await insertMessage(handle.db, {
      workspaceId: shop.workspaceId,
      conversationId: sent?.conversationId ?? "",
      channelId: sent?.channelId ?? "",
      direction: "inbound",
      waMessageId: `wamid.reply.${id}`,
      type: "text",
      text: "Is it on boards too?",
      status: "received",
    });
    const progress = await getProgress(handle.db, {
      workspaceId: shop.workspaceId,
      broadcastId: id,
    });
    expect(progress).toMatchObject({ total: 3, sent: 3, replied: 1 });
    const page = await listRecipients(handle.db, {
      workspaceId: shop.workspaceId,
      broadcastId: id,
      limit: 10,
    });
    expect(page.rows.map((r) => r.status).sort()).toEqual(["replied", "sent", "sent"]);
  });

  it("gives each recipient to one batch only, however many run at once", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 40, { tags: ["vip"] });
    const { deps, calls } = scriptedGraph(handle.db);
    const { id } = await create(shop, deps);
    const target = { workspaceId: shop.workspaceId, broadcastId: id };
    await startBroadcast(handle.db, { workspaceId: shop.workspaceId, id, now: new Date() });
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        [0, 1, 2].map(() => sendBroadcastBatch(deps, target, { batchSize: 5, concurrency: 2 })),
      );
    }
    expect(calls).toHaveLength(40);
    expect(new Set(sentTo(calls)).size).toBe(40);
  });

  it("stops sending when cancelled mid-way, and says who was left out", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 30, { tags: ["vip"] });
    let id = "";
    const { deps, calls } = scriptedGraph(handle.db, async () => {
      // The owner cancels while the fifth message is on its way.
      if (calls.length === 5) await cancelWorkspaceBroadcast(shop.actor, { id });
      return Response.json({ messages: [{ id: `wamid.c${calls.length}` }] });
    });
    id = (await create(shop, deps)).id;
    await startBroadcast(handle.db, { workspaceId: shop.workspaceId, id, now: new Date() });
    const target = { workspaceId: shop.workspaceId, broadcastId: id };
    const first = await sendBroadcastBatch(deps, target, {
      batchSize: 20,
      concurrency: 1,
      cancelCheckMs: 1,
    });
    expect(first.state).toBe("done");
    const again = await sendBroadcastBatch(deps, target, { batchSize: 20 });
    expect(again.state).toBe("done");
    expect(calls.length).toBeLessThanOrEqual(6);
    const progress = await getProgress(handle.db, target);
    expect(progress.sent).toBe(calls.length);
    expect(progress.cancelled).toBe(30 - calls.length);
    expect(progress.pending).toBe(0);
    expect((await getBroadcast(handle.db, { workspaceId: shop.workspaceId, id }))?.status).toBe(
      "cancelled",
    );
  });

  it("goes on after a crash: messages made but never sent go out once, the rest follow", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 12, { tags: ["vip"] });
    // The first run dies after three sends: its fourth Graph call never returns an answer.
    const crash = new Error("process killed");
    const { deps: dying, calls: before } = scriptedGraph(handle.db, () => {
      if (before.length > 3) throw crash;
      return Response.json({ messages: [{ id: `wamid.k${before.length}` }] });
    });
    const { id } = await create(shop, dying);
    await startBroadcast(handle.db, { workspaceId: shop.workspaceId, id, now: new Date() });
    const target = { workspaceId: shop.workspaceId, broadcastId: id };
    await expect(
      sendBroadcastBatch(dying, target, { batchSize: 6, concurrency: 1 }),
    ).resolves.toMatchObject({ state: "wait" });
    // The call in doubt reached WhatsApp after all: its status webhook names the row it carried.
    const inDoubt = before[3]?.body.biz_opaque_callback_data as string;
    await applyStatuses(handle.db, { workspaceId: shop.workspaceId, channelId: shop.channelId }, [
      {
        path: "x",
        status: {
          id: "wamid.indoubt",
          status: "sent",
          timestamp: new Date(),
          recipient_id: String(before[3]?.body.to).replace("+", ""),
          biz_opaque_callback_data: inDoubt,
        } as never,
      },
    ]);
    // The restarted run: sends that never reached WhatsApp (no status came within the window)
    // go again, the one WhatsApp confirmed does not.
    const { deps, calls: after } = scriptedGraph(handle.db, undefined, 50);
    const target2 = { workspaceId: shop.workspaceId, broadcastId: id };
    for (let i = 0; i < 20; i++) {
      const r = await sendBroadcastBatch(deps, target2, { batchSize: 6, concurrency: 2 });
      if (r.state === "done") break;
      if (r.state === "wait") await new Promise((resolve) => setTimeout(resolve, r.waitMs));
    }
    const everyone = [...sentTo(before.slice(0, 4)), ...sentTo(after)];
    expect(everyone).toHaveLength(12);
    expect(new Set(everyone).size).toBe(12);
    expect((await getBroadcast(handle.db, { workspaceId: shop.workspaceId, id }))?.status).toBe(
      "completed",
    );
  });

  it("records Meta's marketing limits per recipient without retrying, and 131050 opts out", async () => {
    const shop = await seedBroadcastShop(handle.db);
    const ids = await seedContacts(handle.db, shop.workspaceId, 4, { tags: ["vip"] });
    const { deps, calls } = scriptedGraph(handle.db, (c) => {
      const n = calls.indexOf(c);
      if (n === 0) {
        return Response.json(
          { error: { code: 131049, message: "healthy ecosystem engagement", fbtrace_id: "t" } },
          { status: 400 },
        );
      }
      if (n === 1) {
        return Response.json(
          { error: { code: 131050, message: "user stopped marketing", fbtrace_id: "t" } },
          { status: 400 },
        );
      }
      return Response.json({ messages: [{ id: `wamid.m${shop.channelId}${n}` }] });
    });
    const { id } = await create(shop, deps);
    await runToEnd(deps, shop, id);
    expect(calls).toHaveLength(4);
    const page = await listRecipients(handle.db, {
      workspaceId: shop.workspaceId,
      broadcastId: id,
      limit: 10,
    });
    const failed = page.rows.filter((r) => r.status === "failed");
    expect(failed.map((r) => r.errorCode).sort()).toEqual([131049, 131050]);
    const stopped = failed.find((r) => r.errorCode === 131050);
    const [contact] = await handle.db
      .select({ optIn: contacts.marketingOptIn, source: contacts.marketingOptInSource })
      .from(contacts)
      .where(eq(contacts.id, stopped?.contactId ?? ""));
    expect(contact).toEqual({ optIn: "opted_out", source: "whatsapp" });
    expect(ids).toContain(stopped?.contactId);

    // Later statuses by WhatsApp id: delivered, read, a 131050 failure that opts out too.
    const sent = await handle.db
      .select({ wa: messages.waMessageId, conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.workspaceId, shop.workspaceId), eq(messages.status, "sent")));
    const [a, b] = sent;
    const status = (wa: string | null, s: string, errors?: unknown) => ({
      path: "x",
      status: {
        id: wa ?? "",
        status: s,
        timestamp: new Date(),
        recipient_id: "1",
        ...(errors ? { errors } : {}),
      } as never,
    });
    await applyStatuses(handle.db, { workspaceId: shop.workspaceId, channelId: shop.channelId }, [
      status(a?.wa ?? null, "read"),
      status(b?.wa ?? null, "failed", [{ code: 131050, title: "stopped" }]),
    ]);
    const progress = await getProgress(handle.db, {
      workspaceId: shop.workspaceId,
      broadcastId: id,
    });
    expect(progress).toMatchObject({ total: 4, sent: 1, delivered: 1, read: 1, failed: 3 });
    const optedOut = await handle.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(eq(contacts.workspaceId, shop.workspaceId), eq(contacts.marketingOptIn, "opted_out")),
      );
    expect(optedOut).toHaveLength(2);
  });

  it("sends marketing templates through the Marketing Messages endpoint once onboarded", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 2, { tags: ["vip"] });
    await handle.db
      .update(channels)
      .set({ marketingMessagesAt: new Date() })
      .where(eq(channels.id, shop.channelId));
    const { deps, calls } = scriptedGraph(handle.db);
    const { id } = await create(shop, deps);
    await runToEnd(deps, shop, id);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      `/v25.0/${shop.phoneNumberId}/marketing_messages`,
      `/v25.0/${shop.phoneNumberId}/marketing_messages`,
    ]);
  });

  it("does not start a scheduled broadcast before its time, and never twice", async () => {
    const shop = await seedBroadcastShop(handle.db);
    await seedContacts(handle.db, shop.workspaceId, 2, { tags: ["vip"] });
    const { deps } = scriptedGraph(handle.db);
    const later = new Date(Date.now() + 3_600_000);
    const { id } = await create(shop, deps, { scheduledAt: later.toISOString() });
    const p = { workspaceId: shop.workspaceId, id };
    expect(await startBroadcast(handle.db, { ...p, now: new Date() })).toMatchObject({
      state: "not_yet",
    });
    const at = new Date(later.getTime() + 1000);
    expect(await startBroadcast(handle.db, { ...p, now: at })).toMatchObject({ state: "started" });
    // Contacts added after the start are not recipients: the audience was taken then.
    await seedContacts(handle.db, shop.workspaceId, 3, { tags: ["vip"] });
    expect(await startBroadcast(handle.db, { ...p, now: at })).toMatchObject({ state: "sending" });
    expect((await getBroadcast(handle.db, p))?.recipientCount).toBe(2);
  });

  it("never shows one workspace's broadcast to another", async () => {
    const shop = await seedBroadcastShop(handle.db);
    const other = await seedBroadcastShop(handle.db, "Other");
    await seedContacts(handle.db, shop.workspaceId, 1, { tags: ["vip"] });
    const { deps } = scriptedGraph(handle.db);
    const { id } = await create(shop, deps);
    expect(await getBroadcast(handle.db, { workspaceId: other.workspaceId, id })).toBeNull();
    expect(await cancelWorkspaceBroadcast(other.actor, { id })).toMatchObject({ ok: false });
  });
});
