import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/db/queries/api-keys";
import { deleteOutgoingWebhook } from "@/db/queries/outgoing-webhooks";
import { apiRateCounters, channels, contacts, conversations, messages } from "@/db/schema";
import { REPLAYED_HEADER } from "@/lib/api/idempotency";
import { API_REQUESTS_PER_MINUTE } from "@/lib/api/rate-limit";
import { getKeyring } from "@/lib/crypto";
import { generateApiKey } from "@/lib/crypto/api-keys";
import { MAX_QUEUED_PER_NUMBER } from "@/lib/messages/start-message";
import { forgetSubscriptions } from "@/lib/outgoing-webhooks/emit";
import { createWebhookEndpoint } from "@/lib/outgoing-webhooks/manage";
import { apiCaller } from "@/lib/testing/api-call";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";
import { POST as createContact } from "../contacts/route";
import { GET as listMessages } from "../conversations/[id]/messages/route";
import { POST } from "./route";

vi.mock("server-only", () => ({}));

const BASE = "http://localhost/api/v1/messages";
const HOUR = 60 * 60_000;

type MessageJson = {
  id: string;
  conversationId: string;
  contactId: string;
  type: string;
  text: string;
  status: string;
  waMessageId: string | null;
} & Record<string, unknown>;
type Body = { data: MessageJson & MessageJson[]; error: { code: string; message: string } };

const call = apiCaller<Body>(BASE);

const orderUpdate = (parameters: unknown) => ({
  name: "order_update",
  language: "en_US",
  parameters,
});

describe.each(testDatabaseKinds)("POST /api/v1/messages on %s", (kind) => {
  let h: InboxHarness;
  let key: string;
  let readKey: string;

  async function newKey(workspaceId: string, scopes: ("read" | "write")[]) {
    const generated = generateApiKey();
    await createApiKey(h.db, {
      workspaceId,
      name: scopes.join("+"),
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes,
    });
    return generated.key;
  }

  const send = (body: unknown, headers?: Record<string, string>, as = key) =>
    call(POST, as, { method: "POST", body, headers });

  async function stored(id: string) {
    const [row] = await h.db.select().from(messages).where(eq(messages.id, id));
    return row;
  }

  beforeAll(async () => {
    h = await startInboxHarness(kind);
    key = await newKey(h.workspace.id, ["read", "write"]);
    readKey = await newKey(h.workspace.id, ["read"]);
  });
  afterAll(() => h.close());

  it("starts a conversation with a new phone number through an approved template", async () => {
    const res = await send({
      to: "00351 912 000 101",
      template: orderUpdate(["Ana", 778, "shipped"]),
    });
    expect(res.status).toBe(202);
    const m = res.body?.data as MessageJson;
    expect(m).toEqual({
      id: expect.any(String),
      conversationId: expect.any(String),
      contactId: expect.any(String),
      direction: "outbound",
      type: "template",
      text: "Hi Ana, your order 778 is shipped.",
      status: "pending",
      source: "human",
      waMessageId: null,
      error: null,
      createdAt: expect.any(String),
    });
    await h.settle();
    expect(await stored(m.id)).toMatchObject({
      status: "sent",
      waMessageId: expect.stringMatching(/^wamid\./),
      sentBy: null,
    });
    const [contact] = await h.db.select().from(contacts).where(eq(contacts.id, m.contactId));
    expect(contact).toMatchObject({ waId: "351912000101", workspaceId: h.workspace.id });
    // The bot keeps answering the customer's reply: an integration's message takes over nothing.
    const [conversation] = await h.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, m.conversationId));
    expect(conversation).toMatchObject({
      status: "bot",
      assigneeId: null,
      lastMessagePreview: "Hi Ana, your order 778 is shipped.",
    });
    const sent = h.sends.filter((s) => s.body.to === "+351912000101");
    expect(sent.map((s) => s.body.template)).toEqual([
      {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "778" },
              { type: "text", text: "shipped" },
            ],
          },
        ],
      },
    ]);
    // The conversation's messages list it like any other.
    const listed = await call(listMessages, key, {
      url: `http://localhost/api/v1/conversations/${m.conversationId}/messages`,
      params: { id: m.conversationId },
    });
    expect(listed.body?.data).toMatchObject([{ id: m.id, direction: "outbound", status: "sent" }]);
    // A second template to the same phone uses the same contact and conversation.
    const again = await send({
      to: "+351912000101",
      template: orderUpdate({ 1: "Ana", 2: "779", 3: "packed" }),
    });
    expect(again.status).toBe(202);
    expect(again.body?.data).toMatchObject({
      contactId: m.contactId,
      conversationId: m.conversationId,
      text: "Hi Ana, your order 779 is packed.",
    });
  });

  it("sends a text inside the customer's window and refuses one outside it", async () => {
    const open = await h.conversation({ wroteAgo: HOUR });
    const [openConv] = await h.db.select().from(conversations).where(eq(conversations.id, open.id));
    const res = await send({ contactId: openConv?.contactId, text: "Your order is ready." });
    expect(res.status).toBe(202);
    expect(res.body?.data).toMatchObject({ type: "text", conversationId: open.id });
    await h.settle();
    expect(await stored(res.body?.data.id ?? "")).toMatchObject({ status: "sent" });

    const closed = await h.conversation({ wroteAgo: 25 * HOUR });
    const [closedConv] = await h.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, closed.id));
    const late = await send({ contactId: closedConv?.contactId, text: "Still there?" });
    expect(late.status).toBe(422);
    expect(late.body?.error).toEqual({
      code: "window_closed",
      message: expect.stringContaining("template"),
    });
    // A phone that never wrote has no window: nothing is created for it.
    const stranger = await send({ to: "+351912000199", text: "Hello" });
    expect(stranger.status).toBe(422);
    expect(stranger.body?.error.code).toBe("window_closed");
    expect(await h.db.select().from(contacts).where(eq(contacts.waId, "351912000199"))).toEqual([]);
    const outbound = await h.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, closed.id), eq(messages.direction, "outbound")));
    expect(outbound).toEqual([]);
  });

  it("announces the sent message to the workspace's webhooks as message.sent", async () => {
    const received: { type: string; data: { message?: { id?: string; text?: string } } }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    let endpointId: string | null = null;
    try {
      const endpoint = await createWebhookEndpoint(
        { db: h.db, workspace: { id: h.workspace.id }, audit: async () => {} },
        {
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
          events: ["message.sent"],
        },
        { publicOnly: false, keyring: getKeyring() },
      );
      if (!endpoint.ok) throw new Error(endpoint.message);
      endpointId = endpoint.data.id;
      const res = await send({
        to: "+351912000108",
        template: orderUpdate(["Rita", "5", "ready"]),
      });
      expect(res.status).toBe(202);
      await h.settle();
      await vi.waitFor(
        () =>
          expect(received.find((e) => e.type === "message.sent")?.data.message).toMatchObject({
            id: res.body?.data.id,
            text: "Hi Rita, your order 5 is ready.",
          }),
        { timeout: 10_000 },
      );
    } finally {
      // Later sends of this file are not announced to a receiver that is gone.
      if (endpointId) {
        await deleteOutgoingWebhook(h.db, { workspaceId: h.workspace.id, id: endpointId });
        forgetSubscriptions(h.workspace.id);
      }
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("refuses a customer who sent STOP, sending nothing", async () => {
    const c = await h.conversation({ wroteAgo: HOUR });
    await h.db.update(contacts).set({ optedOut: true }).where(eq(contacts.waId, c.waId));
    await h.db
      .insert(contacts)
      .values({ workspaceId: h.workspace.id, waId: "351912000107", optedOut: true });
    const before = h.sends.length;
    const [conv] = await h.db.select().from(conversations).where(eq(conversations.id, c.id));
    for (const body of [
      { contactId: conv?.contactId, text: "Hi" },
      { contactId: conv?.contactId, template: orderUpdate(["A", "1", "ok"]) },
      { to: "+351 912 000 107", template: orderUpdate(["A", "1", "ok"]) },
    ]) {
      const res = await send(body);
      expect(res.status).toBe(422);
      expect(res.body?.error).toEqual({
        code: "contact_opted_out",
        message: expect.stringContaining("STOP"),
      });
    }
    await h.settle();
    expect(h.sends.length).toBe(before);
    expect((await h.snapshot(c.id)).outbound).toEqual([]);
  });

  it("explains what is wrong with a request", async () => {
    const cases: [unknown, number, string, string?][] = [
      [
        { to: "+351912000102", template: orderUpdate(["Ana"]) },
        422,
        "invalid_template_parameters",
        "3 parameters",
      ],
      [
        { to: "+351912000102", template: orderUpdate({ 1: "A", 2: "B" }) },
        422,
        "invalid_template_parameters",
        "“body.3”",
      ],
      [
        { to: "+351912000102", template: orderUpdate({ name: "A" }) },
        422,
        "invalid_template_parameters",
        "“name”",
      ],
      [
        { to: "+351912000102", template: { ...orderUpdate([]), name: "nope" } },
        422,
        "template_not_found",
      ],
      [
        { to: "+351912000102", template: orderUpdate(["A", "B\nC", "D"]) },
        400,
        "bad_request",
        "line breaks",
      ],
      [{ to: "+351912000102", contactId: randomUUID(), text: "Hi" }, 400, "bad_request", "either"],
      [{ to: "+351912000102" }, 400, "bad_request", "either `text` or `template`"],
      [{ to: "not a phone", text: "Hi" }, 400, "bad_request", "letters"],
      [{ contactId: randomUUID(), text: "Hi" }, 404, "not_found"],
      [{ to: "+351912000102", text: "Hi", extra: 1 }, 400, "bad_request"],
      ["{not json", 400, "bad_request", "JSON"],
    ];
    for (const [body, status, code, words] of cases) {
      const res = await send(body);
      expect({ body, status: res.status, code: res.body?.error.code }).toEqual({
        body,
        status,
        code,
      });
      if (words) expect(res.body?.error.message).toContain(words);
    }
    expect(await h.db.select().from(contacts).where(eq(contacts.waId, "351912000102"))).toEqual([]);
    const readOnly = await send(
      { to: "+351912000102", template: orderUpdate(["A", "B", "C"]) },
      {},
      readKey,
    );
    expect(readOnly.status).toBe(403);
  });

  it("answers a repeat with the same Idempotency-Key with the first message", async () => {
    const body = { to: "+351912000103", template: orderUpdate(["Rui", "9", "ready"]) };
    const idem = { "Idempotency-Key": randomUUID() };
    const first = await send(body, idem);
    const second = await send(body, idem);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(second.body?.data.id).toBe(first.body?.data.id);
    const changed = await send({ ...body, template: orderUpdate(["Rui", "10", "ready"]) }, idem);
    expect(changed.status).toBe(422);
    expect(changed.body?.error.code).toBe("idempotency_key_reused");
    await h.settle();
    expect(h.sends.filter((s) => s.body.to === "+351912000103")).toHaveLength(1);

    // Every write route takes the header: a repeated contact creation is not a conflict.
    const contactBody = { phone: "+351 912 000 104", name: "Rita" };
    const made = await call(createContact, key, {
      method: "POST",
      body: contactBody,
      headers: idem,
    });
    expect(made.status).toBe(422);
    const contactKey = { "Idempotency-Key": "contact-rita" };
    const a = await call(createContact, key, {
      method: "POST",
      body: contactBody,
      headers: contactKey,
    });
    const b = await call(createContact, key, {
      method: "POST",
      body: contactBody,
      headers: contactKey,
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body?.data.id).toBe(a.body?.data.id);
    expect(b.headers.get(REPLAYED_HEADER)).toBe("true");
  });

  it("answers 429 with Retry-After past the key's rate limit", async () => {
    const apiKeyId = (
      await h.db.query.apiKeys.findFirst({
        where: (k, { eq: is }) => is(k.name, "read+write"),
      })
    )?.id;
    if (!apiKeyId) throw new Error("key missing");
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await h.db
      .insert(apiRateCounters)
      .values({ apiKeyId, windowStart, count: API_REQUESTS_PER_MINUTE })
      .onConflictDoUpdate({
        target: apiRateCounters.apiKeyId,
        set: { windowStart, count: API_REQUESTS_PER_MINUTE },
      });
    const res = await send({ to: "+351912000105", template: orderUpdate(["A", "B", "C"]) });
    expect(res.status).toBe(429);
    expect(res.body?.error).toEqual({ code: "rate_limited", message: expect.any(String) });
    const wait = Number(res.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    await h.db.delete(apiRateCounters).where(eq(apiRateCounters.apiKeyId, apiKeyId));
  });

  it("answers 429 while the number's send queue is full", async () => {
    const c = await h.conversation({ wroteAgo: HOUR });
    await h.db.insert(messages).values(
      Array.from({ length: MAX_QUEUED_PER_NUMBER }, () => ({
        workspaceId: h.workspace.id,
        conversationId: c.id,
        channelId: h.shop.channelId,
        direction: "outbound" as const,
        type: "text",
        text: "queued",
        status: "pending" as const,
        queueState: "pending" as const,
      })),
    );
    const [conv] = await h.db.select().from(conversations).where(eq(conversations.id, c.id));
    const res = await send({ contactId: conv?.contactId, text: "One more" });
    expect(res.status).toBe(429);
    expect(res.body?.error.code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(1);
    await h.db
      .delete(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.text, "queued")));
  });

  it("refuses to send when the workspace's number is disconnected", async () => {
    const otherKey = await newKey(h.other.id, ["write"]);
    await h.db
      .update(channels)
      .set({ status: "disconnected" })
      .where(eq(channels.id, h.elsewhere.channelId));
    const res = await send(
      { to: "+351912000106", template: orderUpdate(["A", "B", "C"]) },
      {},
      otherKey,
    );
    expect(res.status).toBe(409);
    expect(res.body?.error).toEqual({
      code: "number_unavailable",
      message: expect.stringContaining("no connected WhatsApp number"),
    });
  });
});
