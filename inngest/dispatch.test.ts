import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The Inngest driver's real send path against a local server speaking Inngest's Event API.
describe("Inngest driver", () => {
  let dispatchMessagesReceived: typeof import("./dispatch").dispatchMessagesReceived;
  let server: Server;
  let respond = 200;
  const received: { url: string; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ url: req.url ?? "", body: JSON.parse(body) });
        res.writeHead(respond, { "content-type": "application/json" });
        res.end(
          JSON.stringify(respond === 200 ? { ids: ["x"], status: 200 } : { error: "unavailable" }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    // The Inngest client reads its variables when created, so import it only now.
    process.env.INNGEST_DEV = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ dispatchMessagesReceived } = await import("./dispatch"));
  });
  afterAll(() => {
    delete process.env.INNGEST_DEV;
    server.close();
  });

  const data = {
    workspaceId: "3f1b1f1e-8c1a-4a35-9a3f-1b2c3d4e5f60",
    conversationId: "4f1b1f1e-8c1a-4a35-9a3f-1b2c3d4e5f61",
    channelId: "6f1b1f1e-8c1a-4a35-9a3f-1b2c3d4e5f63",
    messageId: "5f1b1f1e-8c1a-4a35-9a3f-1b2c3d4e5f62",
  };

  it("sends whatsapp/message.received with the message id as the event id", async () => {
    await dispatchMessagesReceived([data], { driver: "inngest" });
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toMatch(/^\/e\//);
    expect(received[0]?.body).toEqual([
      expect.objectContaining({ name: "whatsapp/message.received", id: data.messageId, data }),
    ]);
  });

  it("throws when Inngest refuses, so the webhook answers 5xx", async () => {
    respond = 500;
    const before = received.length;
    await expect(dispatchMessagesReceived([data], { driver: "inngest" })).rejects.toThrow();
    expect(received.length).toBeGreaterThan(before);
    respond = 200;
  }, 20_000);
});
