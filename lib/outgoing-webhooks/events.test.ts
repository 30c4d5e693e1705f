import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getKeyring } from "@/lib/crypto";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { envelope, messagesChange, status } from "@/lib/testing/webhook-payloads";
import { createWebhookEndpoint } from "./manage";
import { SIGNATURE_HEADER, verifySignature } from "./signature";

type Event = { id: string; type: string; data: Record<string, unknown>; verified: boolean };

let counter = 0;
const phone = () => `2557${String(Date.now()).slice(-6)}${String(++counter).padStart(2, "0")}`;

// Owners' webhooks fed by the real paths: the webhook route, the reply job and its send.
describe.each(testDatabaseKinds)("outgoing webhook events on %s", (kind) => {
  let h: ReplyHarness;
  let server: Server;
  let url: string;
  let secret = "";
  const events: Event[] = [];

  beforeAll(async () => {
    h = await startReplyHarness(kind);
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const header = req.headers[SIGNATURE_HEADER.toLowerCase()] as string;
        events.push({ ...JSON.parse(body), verified: verifySignature({ secret, body, header }) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/parley`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await h.close();
  });

  it("tells the endpoint of the message, the reply, its statuses, the hand-off and the opt-out", async () => {
    const ws = await h.workspace("Events Shop", {
      faqs: [
        { question: "What are your opening hours?", answer: "Mon-Fri 9-18.", keywords: ["hours"] },
      ],
      bot: { aiEnabled: false },
    });
    const created = await createWebhookEndpoint(
      { db: h.db, workspace: { id: ws.workspaceId }, audit: async () => {} },
      {
        url,
        events: [
          "message.received",
          "message.sent",
          "message.status",
          "conversation.handed_off",
          "contact.opted_out",
        ],
      },
      { publicOnly: false, keyring: getKeyring() },
    );
    if (!created.ok) throw new Error(created.message);
    secret = created.data.secret;
    const customer = phone();

    await h.says(ws, customer, "what are your opening hours?");
    await vi.waitFor(
      () => {
        expect(events.map((e) => e.type)).toEqual(
          expect.arrayContaining(["message.received", "message.sent"]),
        );
      },
      { timeout: 10_000 },
    );
    const sent = events.find((e) => e.type === "message.sent");
    expect(sent?.data).toMatchObject({ message: { text: "Mon-Fri 9-18." } });
    const { waMessageId } = (sent?.data.message ?? {}) as { waMessageId?: string };
    // Meta says it was delivered.
    await h.deliver(
      envelope({
        wabaId: ws.wabaId,
        changes: [
          messagesChange(ws.phoneNumberId, {
            statuses: [status(String(waMessageId), "delivered")],
          }),
        ],
      }),
    );
    await vi.waitFor(
      () => {
        expect(events.map((e) => e.type)).toContain("message.status");
      },
      { timeout: 10_000 },
    );
    const received = events.find((e) => e.type === "message.received");
    expect(received?.data).toMatchObject({
      message: { type: "text", text: "what are your opening hours?" },
      contact: { waId: customer, name: "Customer" },
    });
    expect(events.find((e) => e.type === "message.status")?.data).toMatchObject({
      waMessageId,
      status: "delivered",
    });
    expect(events.every((e) => e.verified)).toBe(true);

    await h.says(ws, customer, "I want to talk to a human");
    await h.says(ws, customer, "STOP");
    await vi.waitFor(
      () => {
        expect(events.map((e) => e.type)).toEqual(
          expect.arrayContaining(["conversation.handed_off", "contact.opted_out"]),
        );
      },
      { timeout: 10_000 },
    );
    expect(events.find((e) => e.type === "contact.opted_out")?.data).toMatchObject({
      contact: { waId: customer },
    });
    // Each event once, whatever the job system did.
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
