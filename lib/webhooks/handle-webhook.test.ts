import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { channels, contacts, conversations, messages, webhookDeliveries } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import { provideReplyDeps } from "@/lib/bot/deps";
import { storingDeliveries } from "@/lib/jobs/ingest-gate";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, uniquePhoneNumberId } from "@/lib/testing/fixtures";
import { provideAcceptingReplyDeps } from "@/lib/testing/reply-harness";
import {
  accountUpdate,
  contact,
  envelope,
  everyMessageType,
  inbound,
  messagesChange,
  status,
  wamid,
} from "@/lib/testing/webhook-payloads";
import { signPayload } from "@/lib/whatsapp/signature";
import { MAX_WEBHOOK_BYTES, receiveWebhook, verifyWebhook } from "./handle-webhook";

const SECRET = "test-app-secret";
const URL_ = "http://localhost/api/webhooks/whatsapp";

describe.each(testDatabaseKinds)("WhatsApp webhook on %s", (kind) => {
  let handle: DatabaseHandle;
  let shopA: Awaited<ReturnType<typeof seedWorkspace>>;
  let shopB: Awaited<ReturnType<typeof seedWorkspace>>;
  const deps = () => ({
    db: async () => handle.db,
    appSecret: SECRET,
    globalVerifyToken: "global-verify-token",
    schedule: (task: () => void) => task(),
  });

  async function post(body: unknown, opts: { sign?: string | null; raw?: string } = {}) {
    const raw = opts.raw ?? JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const signature = opts.sign === undefined ? signPayload(raw, SECRET) : opts.sign;
    if (signature) headers["x-hub-signature-256"] = signature;
    const res = await receiveWebhook(
      new Request(URL_, { method: "POST", body: raw, headers }),
      deps(),
    );
    await inlineRunner().idle();
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const count = (table: typeof messages | typeof webhookDeliveries) => handle.db.$count(table);

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideAcceptingReplyDeps(handle.db);
    shopA = await seedWorkspace(handle.db, "Shop A", {
      wabaId: "100000000000001",
      verifyToken: "shop-a-verify-token",
    });
    shopB = await seedWorkspace(handle.db, "Shop B", { wabaId: "100000000000002" });
    // Ingestion is under test here: the bot is off, so its job only settles each message.
    for (const shop of [shopA, shopB]) {
      await upsertBotSettings(handle.db, { workspaceId: shop.workspaceId, enabled: false });
    }
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });

  describe("verification", () => {
    const verify = (query: string) => verifyWebhook(new Request(`${URL_}?${query}`), deps());

    it("echoes the bare challenge for the global or a workspace's verify token", async () => {
      for (const token of ["global-verify-token", "shop-a-verify-token"]) {
        const res = await verify(
          `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`,
        );
        expect(res.status).toBe(200);
        expect(await res.text()).toBe("1158201444");
        expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      }
    });

    it.each([
      "hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong",
      "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=global-verify-token",
      "hub.mode=subscribe&hub.challenge=1",
      "",
    ])("answers 403 to %j", async (query) => {
      const res = await verify(query);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: "forbidden", message: expect.any(String) },
      });
    });
  });

  describe("refusals store nothing", () => {
    const body = () =>
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            messages: [inbound({ phone: "254700000001" }, "text", { text: { body: "hi" } })],
          }),
        ],
      });

    it.each([
      ["missing", null],
      ["wrong", signPayload("something else", SECRET)],
      ["from another secret", undefined],
      ["malformed", "sha256=zz"],
      ["sha1 only", "sha1=0123456789abcdef0123456789abcdef01234567"],
    ])("401 when the signature is %s, without revealing the expected one", async (label, sign) => {
      const before = await count(webhookDeliveries);
      const raw = JSON.stringify(body());
      const signature = label === "from another secret" ? signPayload(raw, "other-secret") : sign;
      const res = await post(undefined, { raw, sign: signature ?? null });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: "Invalid signature." } });
      expect(JSON.stringify(res.body)).not.toContain(signPayload(raw, SECRET).slice(7, 20));
      expect(await count(webhookDeliveries)).toBe(before);
    });

    it("400 for a body that is not JSON, or not an envelope", async () => {
      expect((await post(undefined, { raw: "{not json" })).status).toBe(400);
      expect((await post({ object: "whatsapp_business_account" })).status).toBe(400);
      expect((await post([1, 2])).status).toBe(400);
    });

    it("413 for a body over the limit", async () => {
      const raw = JSON.stringify({ entry: [], pad: "x".repeat(MAX_WEBHOOK_BYTES) });
      expect((await post(undefined, { raw })).status).toBe(413);
    });
  });

  it("stores every message type, keeps unknown ones raw, and answers each once", async () => {
    const who = { phone: "254711000001", name: "Amina" };
    const cases = everyMessageType(who, wamid());
    const res = await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            contacts: [contact(who)],
            messages: cases.map((c) => c.msg),
          }),
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stored: cases.length, duplicates: 0, skipped: 0 });
    for (const c of cases) {
      const [row] = await handle.db
        .select()
        .from(messages)
        .where(eq(messages.waMessageId, c.msg.id));
      expect(row, c.msg.type).toMatchObject({
        type: c.msg.type,
        text: c.text,
        direction: "inbound",
        workspaceId: shopA.workspaceId,
        replyState: "skipped",
      });
      expect(row?.payload).toEqual(c.msg);
    }
    const [voice] = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.waMessageId, cases[2]?.msg.id ?? ""));
    expect(voice?.media).toMatchObject({ voice: true, mimeType: "audio/ogg; codecs=opus" });
    const [person] = await handle.db.select().from(contacts).where(eq(contacts.waId, who.phone));
    expect(person?.name).toBe("Amina");
  });

  it("keeps contacts known by business-scoped user id, phone, or both as one person", async () => {
    const userId = "US.13491208655302741918";
    const phone = "254722000002";
    await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            contacts: [contact({ userId, name: "Username only" })],
            messages: [inbound({ userId }, "text", { text: { body: "no phone" } })],
          }),
        ],
      }),
    );
    await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            contacts: [contact({ userId, phone, name: "Both" })],
            messages: [inbound({ userId, phone }, "text", { text: { body: "now with phone" } })],
          }),
        ],
      }),
    );
    const rows = await handle.db
      .select()
      .from(contacts)
      .where(eq(contacts.businessScopedUserId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ waId: phone, name: "Both" });
    const threads = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.contactId, rows[0]?.id ?? ""));
    expect(threads).toHaveLength(1);
  });

  it("routes a batch across two workspaces and keeps an unknown number apart", async () => {
    const unknown = uniquePhoneNumberId();
    const a = inbound({ phone: "254733000003" }, "text", { text: { body: "to A" } });
    const b = inbound({ phone: "254733000003" }, "text", { text: { body: "to B" } });
    const lost = inbound({ phone: "254733000003" }, "text", { text: { body: "to nobody" } });
    const res = await post(
      envelope(
        {
          wabaId: "100000000000001",
          changes: [messagesChange(shopA.phoneNumberId, { messages: [a] })],
        },
        {
          wabaId: "100000000000002",
          changes: [
            messagesChange(shopB.phoneNumberId, { messages: [b] }),
            messagesChange(unknown, { messages: [lost] }),
          ],
        },
      ),
    );
    expect(res).toMatchObject({ status: 200, body: { stored: 2, unrouted: 1 } });
    const [rowA] = await handle.db.select().from(messages).where(eq(messages.waMessageId, a.id));
    const [rowB] = await handle.db.select().from(messages).where(eq(messages.waMessageId, b.id));
    expect(rowA?.workspaceId).toBe(shopA.workspaceId);
    expect(rowB?.workspaceId).toBe(shopB.workspaceId);
    expect(
      await handle.db.select().from(messages).where(eq(messages.waMessageId, lost.id)),
    ).toEqual([]);
    const [kept] = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.phoneNumberId, unknown));
    expect(kept).toMatchObject({ routed: false, workspaceId: null });
    expect(JSON.stringify(kept?.payload)).toContain("to nobody");
  });

  it("stores and answers a redelivered or repeated message once", async () => {
    const msg = inbound({ phone: "254744000004" }, "text", { text: { body: "only once" } });
    const body = envelope({
      wabaId: "1",
      changes: [messagesChange(shopA.phoneNumberId, { messages: [msg, msg] })],
    });
    const first = await post(body);
    const second = await post(body);
    expect(first.body).toMatchObject({ stored: 1, duplicates: 1 });
    expect(second.body).toMatchObject({ stored: 0, duplicates: 2 });
    const rows = await handle.db.select().from(messages).where(eq(messages.waMessageId, msg.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.replyState).toBe("skipped");
    const [thread] = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, rows[0]?.conversationId ?? ""));
    expect(thread?.unreadCount).toBe(1);
  });

  it("dispatches a redelivered message again when its first job was lost", async () => {
    const msg = inbound({ phone: "254744000044" }, "text", { text: { body: "lost job" } });
    const raw = JSON.stringify(
      envelope({
        wabaId: "1",
        changes: [messagesChange(shopA.phoneNumberId, { messages: [msg] })],
      }),
    );
    const req = () =>
      new Request(URL_, {
        method: "POST",
        body: raw,
        headers: { "x-hub-signature-256": signPayload(raw, SECRET) },
      });
    // The first delivery is stored but its job never runs (a crash right after the response).
    expect((await receiveWebhook(req(), { ...deps(), schedule: () => {} })).status).toBe(200);
    const stored = await handle.db.select().from(messages).where(eq(messages.waMessageId, msg.id));
    expect(stored[0]?.replyState).toBe("pending");
    expect((await receiveWebhook(req(), deps())).status).toBe(200);
    await inlineRunner().idle();
    const after = await handle.db.select().from(messages).where(eq(messages.waMessageId, msg.id));
    expect(after).toHaveLength(1);
    expect(after[0]?.replyState).toBe("skipped");
  });

  it("counts single-message deliveries on their conversation and reopens a closed one", async () => {
    const who = { phone: "254788000008", name: "Otieno" };
    const one = (body: string, at: Date) =>
      post(
        envelope({
          wabaId: "1",
          changes: [
            messagesChange(shopA.phoneNumberId, {
              contacts: [contact(who)],
              messages: [inbound(who, "text", { text: { body } }, at)],
            }),
          ],
        }),
      );
    expect((await one("first", new Date("2026-11-20T09:00:00Z"))).body).toMatchObject({
      stored: 1,
    });
    const [person] = await handle.db.select().from(contacts).where(eq(contacts.waId, who.phone));
    const thread = () =>
      handle.db
        .select()
        .from(conversations)
        .where(eq(conversations.contactId, person?.id ?? ""));
    expect((await thread())[0]).toMatchObject({
      unreadCount: 1,
      lastMessagePreview: "first",
      status: "bot",
    });
    await handle.db
      .update(conversations)
      .set({ status: "closed" })
      .where(eq(conversations.contactId, person?.id ?? ""));
    expect((await one("second", new Date("2026-11-20T10:00:00Z"))).body).toMatchObject({
      stored: 1,
    });
    const [after] = await thread();
    expect(after).toMatchObject({ unreadCount: 2, lastMessagePreview: "second", status: "bot" });
    expect(after?.lastInboundAt?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    const logged = () =>
      handle.db.$count(webhookDeliveries, eq(webhookDeliveries.channelId, shopA.channelId));
    const before = await logged();
    await one("third", new Date("2026-11-20T11:00:00Z"));
    expect(await logged()).toBe(before + 1);
  });

  it("keeps one contact and one conversation when a new customer's messages arrive at once", async () => {
    const who = { phone: "254799000009" };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          envelope({
            wabaId: "1",
            changes: [
              messagesChange(shopA.phoneNumberId, {
                messages: [inbound(who, "text", { text: { body: `burst ${i}` } })],
              }),
            ],
          }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const people = await handle.db.select().from(contacts).where(eq(contacts.waId, who.phone));
    expect(people).toHaveLength(1);
    const threads = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.contactId, people[0]?.id ?? ""));
    expect(threads).toHaveLength(1);
    expect(threads[0]?.unreadCount).toBe(12);
    expect(
      await handle.db.$count(messages, eq(messages.conversationId, threads[0]?.id ?? "")),
    ).toBe(12);
  });

  it("skips a malformed item and stores the rest", async () => {
    const good = inbound({ phone: "254755000005" }, "text", { text: { body: "fine" } });
    const res = await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            messages: [
              { id: 12, type: null },
              good,
              { type: "text", text: { body: "no id" } },
              inbound({}, "text", { text: { body: "no sender" } }),
            ],
            statuses: [{ status: "teleported" }],
          }),
          { field: "messages", value: { metadata: {} } },
          "not a change",
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stored: 1 });
    expect(res.body.skipped).toBeGreaterThanOrEqual(6);
    expect(
      await handle.db.select().from(messages).where(eq(messages.waMessageId, good.id)),
    ).toHaveLength(1);
  });

  it("applies statuses monotonically; failed is terminal and keeps Meta's error", async () => {
    const conv = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.workspaceId, shopA.workspaceId))
      .limit(1);
    const base = {
      workspaceId: shopA.workspaceId,
      conversationId: conv[0]?.id ?? "",
      channelId: shopA.channelId,
      direction: "outbound" as const,
      type: "text",
      status: "sent" as const,
    };
    const [one, two] = [wamid(), wamid()];
    await handle.db.insert(messages).values([
      { ...base, waMessageId: one },
      { ...base, waMessageId: two },
    ]);
    const send = (...s: unknown[]) =>
      post(
        envelope({ wabaId: "1", changes: [messagesChange(shopA.phoneNumberId, { statuses: s })] }),
      );
    await send(
      status(one, "read"),
      status(one, "delivered"),
      status(one, "sent"),
      status("wamid.unknown", "read"),
    );
    await send(
      status(two, "failed", new Date(), { code: 131047, details: "Re-engagement message" }),
      status(two, "read"),
    );
    const rows = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.channelId, shopA.channelId));
    expect(rows.find((r) => r.waMessageId === one)?.status).toBe("read");
    expect(rows.find((r) => r.waMessageId === two)).toMatchObject({
      status: "failed",
      errorCode: 131047,
      errorDetails: "Re-engagement message",
    });
  });

  it("moves the 24-hour window forward only, from message timestamps", async () => {
    const who = { phone: "254766000006" };
    const later = new Date("2026-11-20T12:00:00Z");
    const earlier = new Date("2026-11-20T08:00:00Z");
    for (const at of [later, earlier]) {
      const res = await post(
        envelope({
          wabaId: "1",
          changes: [
            messagesChange(shopA.phoneNumberId, {
              messages: [inbound(who, "text", { text: { body: "b" } }, at)],
            }),
          ],
        }),
      );
      expect(res).toMatchObject({ status: 200, body: { stored: 1 } });
    }
    const [person] = await handle.db.select().from(contacts).where(eq(contacts.waId, who.phone));
    const [thread] = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.contactId, person?.id ?? ""));
    expect(thread?.lastInboundAt?.toISOString()).toBe(later.toISOString());
  });

  it("marks the WABA's numbers onboarded to Marketing Messages on MM_LITE_TERMS_SIGNED", async () => {
    const res = await post(envelope(accountUpdate("100000000000001", "MM_LITE_TERMS_SIGNED")));
    expect(res.status).toBe(200);
    const rows = await handle.db
      .select({ id: channels.id, at: channels.marketingMessagesAt })
      .from(channels)
      .where(inArray(channels.id, [shopA.channelId, shopB.channelId]));
    expect(rows.find((r) => r.id === shopA.channelId)?.at).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id === shopB.channelId)?.at).toBeNull();
  });

  it("disconnects a channel on PARTNER_APP_UNINSTALLED, routed by waba_info", async () => {
    const res = await post(envelope(accountUpdate("100000000000002", "PARTNER_APP_UNINSTALLED")));
    expect(res.status).toBe(200);
    const [channel] = await handle.db
      .select()
      .from(channels)
      .where(eq(channels.id, shopB.channelId));
    expect(channel?.status).toBe("disconnected");
    const [shopAChannel] = await handle.db
      .select()
      .from(channels)
      .where(eq(channels.id, shopA.channelId));
    expect(shopAChannel?.status).toBe("connected");
  });

  it("routes template and quality updates by the entry's WABA id, and keeps unknown WABAs apart", async () => {
    const template = {
      field: "message_template_status_update",
      value: {
        event: "APPROVED",
        message_template_id: 123,
        message_template_name: "order_update",
        message_template_language: "en_US",
        reason: "NONE",
      },
    };
    const quality = {
      field: "phone_number_quality_update",
      value: {
        display_phone_number: "15550001111",
        event: "FLAGGED",
        max_daily_conversations_per_business: "TIER_2K",
      },
    };
    const res = await post(
      envelope(
        { wabaId: "100000000000001", changes: [template, quality] },
        { wabaId: "100000000000999", changes: [template] },
      ),
    );
    expect(res).toMatchObject({ status: 200, body: { unrouted: 1 } });
    const rows = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, shopA.workspaceId));
    expect(
      rows.filter(
        (r) =>
          r.field === "message_template_status_update" || r.field === "phone_number_quality_update",
      ),
    ).toHaveLength(2);
    const [stray] = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.wabaId, "100000000000999"));
    expect(stray).toMatchObject({
      routed: false,
      workspaceId: null,
      field: "message_template_status_update",
    });
  });

  it("answers 5xx when the delivery cannot be stored, so Meta retries", async () => {
    const raw = JSON.stringify(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shopA.phoneNumberId, {
            messages: [inbound({ phone: "254700000009" }, "text", { text: { body: "x" } })],
          }),
        ],
      }),
    );
    const req = new Request(URL_, {
      method: "POST",
      body: raw,
      headers: { "x-hub-signature-256": signPayload(raw, SECRET) },
    });
    const res = await receiveWebhook(req, {
      ...deps(),
      db: () => Promise.reject(new Error("database down")),
    });
    expect(res.status).toBe(503);
  });
});

describe("WhatsApp webhook and the in-process jobs", () => {
  it("counts a delivery as being stored only once its signature is checked, until it is done", async () => {
    // A body that never ends and carries no signature: it must not hold the jobs back.
    const stalled = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new TextEncoder().encode("{")),
    });
    void receiveWebhook(
      new Request(URL_, { method: "POST", body: stalled, duplex: "half" } as RequestInit),
      { db: () => Promise.reject(new Error("not reached")), appSecret: SECRET },
    );
    const unsigned = await receiveWebhook(
      new Request(URL_, { method: "POST", body: JSON.stringify(envelope()) }),
      { db: () => Promise.reject(new Error("not reached")), appSecret: SECRET },
    );
    expect(unsigned.status).toBe(401);
    expect(storingDeliveries()).toBe(false);

    let fail!: (error: Error) => void;
    const raw = JSON.stringify(envelope());
    const signed = receiveWebhook(
      new Request(URL_, {
        method: "POST",
        body: raw,
        headers: { "x-hub-signature-256": signPayload(raw, SECRET) },
      }),
      { db: () => new Promise((_, reject) => (fail = reject)), appSecret: SECRET },
    );
    await vi.waitFor(() => expect(storingDeliveries()).toBe(true));
    fail(new Error("database down"));
    expect((await signed).status).toBe(503);
    expect(storingDeliveries()).toBe(false);
  });
});
