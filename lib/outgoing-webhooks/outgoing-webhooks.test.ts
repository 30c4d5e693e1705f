import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listOutgoingDeliveries, listOutgoingWebhooks } from "@/db/queries/outgoing-webhooks";
import { auditLog } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { attemptDelivery, type DeliverDeps } from "./deliver";
import { emitEvent } from "./emit";
import { createWebhookEndpoint, type ManageDeps, rollWebhookSecret } from "./manage";
import { SIGNATURE_HEADER, verifySignature } from "./signature";

// The job system is left out: each test makes the attempts itself.
const dispatch = async () => {};

type Received = { headers: Record<string, string | string[] | undefined>; body: string };

/** A receiver as an integrator would write one: answers with the status it is told to. */
async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (s: number) => {
      status = s;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(testDatabaseKinds)("outgoing webhooks on %s", (kind) => {
  let handle: DatabaseHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  const manage: ManageDeps = { publicOnly: false, keyring: testKeyring };
  const deliver = (schedule = [60_000, 60_000]): DeliverDeps => ({
    db: handle.db,
    keyring: testKeyring,
    publicOnly: false,
    appUrl: "http://localhost:3000",
    smtp: null,
    schedule,
  });
  const actor = () => ({
    db: handle.db,
    workspace: { id: shop.workspaceId },
    audit: async () => {},
  });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await handle.close();
  });
  beforeEach(async () => {
    shop = await seedWorkspace(handle.db, "Hook Shop");
    receiver.received.length = 0;
    receiver.answer(200);
  });

  async function endpoint(events: string[]) {
    const created = await createWebhookEndpoint(
      actor(),
      { url: receiver.url, events: events as never },
      manage,
    );
    if (!created.ok) throw new Error(created.message);
    return created.data;
  }

  async function queued(webhookId: string) {
    return listOutgoingDeliveries(handle.db, {
      workspaceId: shop.workspaceId,
      webhookId,
      limit: 10,
    });
  }

  it("delivers a subscribed event signed with the endpoint's own secret", async () => {
    const { id, secret } = await endpoint(["message.received"]);
    const data = { message: { id: "m1", text: "Hello" } };
    // Only the subscribed event is queued.
    await emitEvent(handle.db, shop.workspaceId, { type: "message.sent", data }, { dispatch });
    expect(await queued(id)).toEqual([]);
    await emitEvent(handle.db, shop.workspaceId, { type: "message.received", data }, { dispatch });
    const [delivery] = await queued(id);
    expect(delivery).toMatchObject({ event: "message.received", status: "pending" });

    expect(await attemptDelivery(deliver(), delivery?.id as string)).toEqual({
      outcome: "delivered",
      status: 200,
    });
    const [got] = receiver.received;
    const body = JSON.parse(got?.body ?? "{}");
    expect(body).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: "message.received",
      createdAt: expect.any(String),
      workspaceId: shop.workspaceId,
      data,
    });
    const header = got?.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifySignature({ secret, body: got?.body ?? "", header })).toBe(true);
    expect(verifySignature({ secret: `${secret}x`, body: got?.body ?? "", header })).toBe(false);
    expect(verifySignature({ secret, body: `${got?.body} `, header })).toBe(false);
    expect(got?.headers["parley-event"]).toBe("message.received");
    expect(await queued(id)).toMatchObject([
      { status: "delivered", attempts: 1, lastStatusCode: 200 },
    ]);
    // Done is done: another attempt sends nothing.
    expect(await attemptDelivery(deliver(), delivery?.id as string)).toEqual({ outcome: "gone" });
    expect(receiver.received).toHaveLength(1);
  });

  it("retries on the schedule, then turns the endpoint off and says why", async () => {
    const { id } = await endpoint(["contact.opted_out"]);
    receiver.answer(503);
    await emitEvent(
      handle.db,
      shop.workspaceId,
      {
        type: "contact.opted_out",
        data: { contact: { waId: "254700000001" } },
      },
      { dispatch },
    );
    const [delivery] = await queued(id);
    const deliveryId = delivery?.id as string;
    const deps = deliver([1_000, 2_000]);
    expect(await attemptDelivery(deps, deliveryId)).toEqual({
      outcome: "retry",
      waitMs: 1_000,
      error: "HTTP 503",
    });
    expect(await attemptDelivery(deps, deliveryId)).toMatchObject({
      outcome: "retry",
      waitMs: 2_000,
    });
    expect(await attemptDelivery(deps, deliveryId)).toEqual({
      outcome: "failed",
      error: "HTTP 503",
      disabled: true,
    });
    expect(receiver.received).toHaveLength(3);
    // The same bytes every time, so a receiver can tell a retry by its event id.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const [hook] = await listOutgoingWebhooks(handle.db, { workspaceId: shop.workspaceId });
    expect(hook).toMatchObject({ id, failedDeliveries: 1, disabledAt: expect.any(Date) });
    expect(hook?.disabledReason).toMatch(/HTTP 503/);
    const audit = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, shop.workspaceId), eq(auditLog.target, id)));
    expect(audit.map((a) => a.action)).toContain("webhook.disabled");
    // Off: nothing more is queued for it.
    await emitEvent(
      handle.db,
      shop.workspaceId,
      {
        type: "contact.opted_out",
        data: { contact: { waId: "254700000002" } },
      },
      { dispatch },
    );
    expect(await queued(id)).toHaveLength(1);
  });

  it("a connection that fails is a failed attempt with its reason, not an error", async () => {
    const { id } = await endpoint(["message.status"]);
    await emitEvent(
      handle.db,
      shop.workspaceId,
      { type: "message.status", data: {} },
      { dispatch },
    );
    const [delivery] = await queued(id);
    const closed = {
      ...deliver(),
      fetch: (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch,
    };
    expect(await attemptDelivery(closed, delivery?.id as string)).toMatchObject({
      outcome: "retry",
      error: "could not connect",
    });
  });

  it("signs with a rolled secret from then on", async () => {
    const { id, secret } = await endpoint(["message.sent"]);
    const rolled = await rollWebhookSecret(actor(), { id }, manage);
    if (!rolled.ok) throw new Error(rolled.message);
    await emitEvent(handle.db, shop.workspaceId, { type: "message.sent", data: {} }, { dispatch });
    const [delivery] = await queued(id);
    await attemptDelivery(deliver(), delivery?.id as string);
    const got = receiver.received[0];
    const header = got?.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifySignature({ secret: rolled.data.secret, body: got?.body ?? "", header })).toBe(
      true,
    );
    expect(verifySignature({ secret, body: got?.body ?? "", header })).toBe(false);
  });

  it("refuses private and plain-http addresses where only public ones are allowed", async () => {
    const refused = await createWebhookEndpoint(
      actor(),
      { url: "http://127.0.0.1:9/x", events: ["message.sent"] },
      { publicOnly: true, keyring: testKeyring },
    );
    expect(refused).toMatchObject({ ok: false, fieldErrors: { url: "Use an https:// address." } });
    const internal = await createWebhookEndpoint(
      actor(),
      { url: "https://intranet.example/x", events: ["message.sent"] },
      { publicOnly: true, keyring: testKeyring, resolve: async () => ["10.0.0.7"] },
    );
    expect(internal).toMatchObject({
      ok: false,
      fieldErrors: { url: expect.stringMatching(/public address/) },
    });
  });
});

describe("signature verification", () => {
  it("refuses old timestamps and malformed headers", () => {
    expect(verifySignature({ secret: "s", body: "{}", header: "t=1,v1=00" })).toBe(false);
    expect(verifySignature({ secret: "s", body: "{}", header: "garbage" })).toBe(false);
    expect(verifySignature({ secret: "s", body: "{}", header: null })).toBe(false);
  });
});
