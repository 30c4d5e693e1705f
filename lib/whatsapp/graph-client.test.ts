import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGraphClient, isMediaHost } from "./graph-client";
import { classify, GraphError, isGraphError } from "./graph-errors";
import { createPacer } from "./pacer";

type Seen = { method: string; url: string; auth: string | undefined; body: string };
type Reply = { status: number; body: unknown } | "hang";

// A local server answering as graph.facebook.com does, scripted per test.
let server: Server;
let base = "";
let seen: Seen[] = [];
let script: Reply[] = [];
const ok = {
  messaging_product: "whatsapp",
  contacts: [{ input: "+254700000001", wa_id: "254700000001" }],
  messages: [{ id: "wamid.OK" }],
};
const metaError = (code: number, status = 400) => ({
  status,
  body: {
    error: {
      message: `error ${code}`,
      type: "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details: `details ${code}` },
      fbtrace_id: "trace123",
    },
  },
});

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        auth: req.headers.authorization,
        body,
      });
      const reply = script.shift() ?? { status: 200, body: ok };
      if (reply === "hang") return;
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  script = [];
});

const client = (extra: Partial<Parameters<typeof createGraphClient>[0]> = {}) =>
  createGraphClient({
    baseUrl: base,
    version: "v25.0",
    sleep: async () => {},
    pacer: createPacer({ sleep: async () => {} }),
    ...extra,
  });

describe("Graph client", () => {
  it("sends text with the bearer token in the header only, and + on the recipient", async () => {
    const sent = await client().sendText("111", "EAAG-secret-token", {
      to: "254700000001",
      body: "Hello",
      replyTo: "wamid.IN",
    });
    expect(sent).toEqual([{ wamid: "wamid.OK", waId: "254700000001" }]);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/v25.0/111/messages",
      auth: "Bearer EAAG-secret-token",
    });
    expect(seen[0]?.url).not.toContain("EAAG");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+254700000001",
      type: "text",
      text: { body: "Hello", preview_url: false },
      context: { message_id: "wamid.IN" },
    });
  });

  it("splits text over 4096 characters into ordered messages", async () => {
    const paragraph = `${"word ".repeat(700).trim()}.`;
    const body = [paragraph, paragraph, paragraph].join("\n\n");
    const sent = await client().sendText("111", "t", { to: "254700000001", body });
    const bodies = seen.map((s) => JSON.parse(s.body).text.body as string);
    expect(sent).toHaveLength(bodies.length);
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.every((b) => b.length <= 4096)).toBe(true);
    expect(bodies.join("\n\n")).toBe(body);
  });

  it.each([
    [1, "retryable"],
    [2, "retryable"],
    [4, "retryable"],
    [80007, "retryable"],
    [130429, "retryable"],
    [131000, "retryable"],
    [131016, "retryable"],
    [131056, "retryable"],
    [131057, "retryable"],
    [0, "reauth"],
    [190, "reauth"],
    [200, "reauth"],
    [299, "reauth"],
    [10, "reauth"],
    [131047, "window_closed"],
    [131026, "undeliverable"],
    [132000, "template"],
    [132001, "template"],
    [132015, "template"],
    [132016, "template"],
    [133010, "unregistered"],
    [100, "permanent"],
    [131051, "permanent"],
    [131031, "permanent"],
    [368, "permanent"],
  ])("classifies Meta error %i as %s", (code, kind) => {
    expect(classify(code, 400)).toBe(kind);
  });

  it("asks for a media id only as one path segment, never another Graph object", async () => {
    for (const id of ["../me", "123?fields=access_token", "a/b", "..", ""]) {
      const error = await client()
        .getMedia(id, "t")
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "GraphError", kind: "permanent" });
    }
    expect(seen).toHaveLength(0);
  });

  it("recognises a Graph error by its brand, not a look-alike", () => {
    expect(isGraphError(new GraphError({ code: 133010, httpStatus: 400, message: "x" }))).toBe(
      true,
    );
    const lookAlike = Object.assign(new Error("Account not registered"), {
      name: "GraphError",
      code: 133010,
      kind: "unregistered",
    });
    expect(isGraphError(lookAlike)).toBe(false);
    expect(isGraphError({ name: "GraphError", code: 1, kind: "retryable" })).toBe(false);
  });

  it("carries Meta's code, details and trace id, and stops at once on a final error", async () => {
    script = [metaError(131047)];
    const error = await client()
      .sendText("111", "t", { to: "1234567", body: "late" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      code: 131047,
      kind: "window_closed",
      details: "details 131047",
      fbtraceId: "trace123",
      retryable: false,
    });
    expect(seen).toHaveLength(1);
  });

  it("marks the channel for re-authorization on 190, without the token in the error", async () => {
    script = [metaError(190, 401)];
    const error = (await client()
      .getPhoneNumber("111", "EAAG-expired")
      .catch((e: unknown) => e)) as GraphError;
    expect(error.kind).toBe("reauth");
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain("EAAG-expired");
  });

  it("retries a 130429 burst and sends the message exactly once", async () => {
    script = [metaError(130429), metaError(130429), { status: 200, body: ok }];
    const waits: number[] = [];
    const sent = await client({ sleep: async (ms) => void waits.push(ms) }).sendText("111", "t", {
      to: "1234567",
      body: "hi",
    });
    expect(sent).toEqual([{ wamid: "wamid.OK", waId: "254700000001" }]);
    expect(seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
  });

  it("backs off 4^n seconds on a pair-rate error (131056)", async () => {
    script = [metaError(131056), { status: 200, body: ok }];
    const waits: number[] = [];
    await client({ sleep: async (ms) => void waits.push(ms) }).sendText("111", "t", {
      to: "1234567",
      body: "hi",
    });
    expect(waits).toEqual([4000]);
  });

  it("gives up after the retry budget", async () => {
    script = [metaError(131000, 500), metaError(131000, 500), metaError(131000, 500)];
    await expect(
      client({ maxRetries: 2 }).sendText("111", "t", { to: "1234567", body: "x" }),
    ).rejects.toMatchObject({ code: 131000 });
    expect(seen).toHaveLength(3);
  });

  it("never resends a message whose request got no answer, and retries reads", async () => {
    script = ["hang"];
    const error = await client({ timeoutMs: 200 })
      .sendText("111", "t", { to: "1234567", body: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "retryable", maybeSent: true });
    expect(seen).toHaveLength(1);
    script = ["hang", { status: 200, body: { id: "111", display_phone_number: "+1 555" } }];
    seen = [];
    expect(await client({ timeoutMs: 200 }).getPhoneNumber("111", "t")).toMatchObject({
      id: "111",
    });
    expect(seen).toHaveLength(2);
  });

  it("covers the onboarding and media calls with Meta's request shapes", async () => {
    const c = client();
    script = [
      { status: 200, body: { access_token: "EAAG-new", token_type: "bearer" } },
      { status: 200, body: { success: true } },
      { status: 200, body: { success: true } },
      {
        status: 200,
        body: {
          data: {
            app_id: "1",
            is_valid: true,
            expires_at: 1893456000,
            scopes: ["whatsapp_business_messaging"],
          },
        },
      },
      {
        status: 200,
        body: {
          data: [{ name: "hello_world", language: "en_US", status: "APPROVED" }],
          paging: { cursors: { after: "x" } },
        },
      },
      { status: 200, body: { url: `${base}/media-bytes`, mime_type: "image/jpeg", id: "m1" } },
      { status: 200, body: { success: true } },
    ];
    expect(await c.exchangeCode("code-1", { appId: "1", appSecret: "app-secret" })).toEqual({
      accessToken: "EAAG-new",
      expiresIn: null,
    });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/v25.0/oauth/access_token" });
    expect(seen[0]?.url).not.toContain("app-secret");
    expect(new URLSearchParams(seen[0]?.body).get("code")).toBe("code-1");
    await c.subscribeApp("waba1", "t");
    expect(seen[1]).toMatchObject({ method: "POST", url: "/v25.0/waba1/subscribed_apps" });
    await c.registerNumber("111", "t", "123456");
    expect(JSON.parse(seen[2]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      pin: "123456",
    });
    expect(await c.debugToken("EAAG-x", { appId: "1", appSecret: "app-secret" })).toMatchObject({
      isValid: true,
      expiresAt: new Date(1893456000 * 1000),
    });
    expect(seen[3]?.auth).toBe("Bearer 1|app-secret");
    expect(await c.listTemplates("waba1", "t")).toEqual({
      templates: [{ name: "hello_world", language: "en_US", status: "APPROVED" }],
      next: null,
    });
    expect(await c.getMedia("m1", "t")).toMatchObject({ mime_type: "image/jpeg" });
    await c.markRead("111", "t", { messageId: "wamid.IN", typing: true });
    expect(JSON.parse(seen[6]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.IN",
      typing_indicator: { type: "text" },
    });
  });

  it("lists a WABA's phone numbers with the fields onboarding shows", async () => {
    script = [
      {
        status: 200,
        body: {
          data: [
            {
              id: "111",
              display_phone_number: "+1 555 010 0001",
              verified_name: "Shop",
              quality_rating: "GREEN",
            },
          ],
          paging: { cursors: {} },
        },
      },
    ];
    expect(await client().listPhoneNumbers("waba1", "t")).toEqual([
      {
        id: "111",
        display_phone_number: "+1 555 010 0001",
        verified_name: "Shop",
        quality_rating: "GREEN",
      },
    ]);
    const url = new URL(seen[0]?.url ?? "", base);
    expect(url.pathname).toBe("/v25.0/waba1/phone_numbers");
    expect(url.searchParams.get("fields")).toBe(
      "id,display_phone_number,verified_name,quality_rating",
    );
    expect(seen[0]?.auth).toBe("Bearer t");
  });

  it("sends a template with opaque callback data, which its status webhooks carry back", async () => {
    await client().sendTemplate("111", "t", {
      to: "254700000001",
      name: "parley_staff_alert",
      languageCode: "en",
      components: [{ type: "body", parameters: [{ type: "text", text: "Shop" }] }],
      bizOpaqueCallbackData: "e:123",
    });
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+254700000001",
      type: "template",
      template: {
        name: "parley_staff_alert",
        language: { code: "en" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Shop" }] }],
      },
      biz_opaque_callback_data: "e:123",
    });
  });

  it("submits a template for review and reads Meta's answer", async () => {
    script = [{ status: 200, body: { id: "594425", status: "PENDING", category: "UTILITY" } }];
    const components = [
      { type: "BODY", text: "Hi {{1}}, bye.", example: { body_text: [["Ana"]] } },
    ];
    expect(
      await client().createTemplate("waba1", "t", {
        name: "parley_staff_alert",
        language: "en",
        category: "UTILITY",
        components,
      }),
    ).toEqual({ id: "594425", status: "PENDING", category: "UTILITY" });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/v25.0/waba1/message_templates" });
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({
      name: "parley_staff_alert",
      language: "en",
      category: "UTILITY",
      components,
    });
    script = [{ status: 200, body: { id: "594425" } }];
    await expect(
      client().createTemplate("waba1", "t", {
        name: "x",
        language: "en",
        category: "UTILITY",
        components,
      }),
    ).rejects.toMatchObject({ code: -3 });
  });

  it("recognises its errors by their brand, also from another copy of the module", () => {
    const error = new GraphError({ code: 131047, httpStatus: 400, message: "late" });
    expect(isGraphError(error)).toBe(true);
    // What a second bundle's GraphError looks like to this one: another class, the same brand.
    const foreign = Object.assign(new Error("late"), {
      [Symbol.for("parley.GraphError")]: true,
      code: 131047,
    });
    expect(foreign instanceof GraphError).toBe(false);
    expect(isGraphError(foreign)).toBe(true);
    expect(isGraphError(new Error("x"))).toBe(false);
    expect(isGraphError(null)).toBe(false);
    expect(isGraphError({ code: 131047 })).toBe(false);
  });

  it("refuses a response that is not what Meta documents", async () => {
    script = [{ status: 200, body: { messages: [] } }];
    await expect(client().sendText("111", "t", { to: "1234567", body: "x" })).rejects.toMatchObject(
      { code: -3, kind: "permanent" },
    );
  });
});

describe("media downloads", () => {
  it("send the token only to Meta's media hosts or the configured Graph host", () => {
    const base = "https://graph.facebook.com";
    expect(
      isMediaHost("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1", base),
    ).toBe(true);
    expect(isMediaHost("https://graph.facebook.com/v25.0/123", base)).toBe(true);
    expect(isMediaHost("https://scontent.xx.fbcdn.net/v/t1/abc", base)).toBe(true);
    expect(isMediaHost("http://lookaside.fbsbx.com/x", base)).toBe(false);
    expect(isMediaHost("https://fbsbx.com.evil.io/x", base)).toBe(false);
    expect(isMediaHost("https://evilfbsbx.com/x", base)).toBe(false);
    expect(isMediaHost("https://169.254.169.254/latest", base)).toBe(false);
    expect(isMediaHost("not a url", base)).toBe(false);
    const sandbox = "http://localhost:3000/sandbox/graph";
    expect(isMediaHost("http://localhost:3000/sandbox/graph/media/1", sandbox)).toBe(true);
    expect(isMediaHost("http://localhost:4000/sandbox/graph/media/1", sandbox)).toBe(false);
  });
});
