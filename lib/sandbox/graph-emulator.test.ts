import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import {
  getSandboxAccount,
  insertSandboxMedia,
  insertSandboxMessage,
  listUnreadToCustomer,
} from "@/db/queries/sandbox";
import { sandboxMessages, sandboxTemplates } from "@/db/schema";
import { PARLEY_ALERT_TEMPLATE, parleyAlertComponents } from "@/lib/bot/alerts/alert-template";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { handleGraphRequest } from "./graph-emulator";
import { issueSandboxCode } from "./signup-codes";
import { addNumberToSandboxWaba, simulateSignup } from "./simulate-signup";

const APP = { appId: "1000000000000001", appSecret: "sandbox-secret" };
const TOKEN = "EAAG-test-token-0123456789";

describe.each(testDatabaseKinds)("Graph emulator on %s, driven by the real client", (kind) => {
  let handle: DatabaseHandle;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  const later: (() => Promise<void>)[] = [];
  let reviewMs = 0;
  const delivered: unknown[] = [];

  const graph = () =>
    createGraphClient({
      baseUrl: "http://sandbox.test/sandbox/graph",
      version: "v25.0",
      sleep: async () => {},
      pacer: createPacer({ sleep: async () => {} }),
      fetch: async (input, init) => {
        const req = new Request(input, init);
        const path = new URL(req.url).pathname.replace(/^\/sandbox\/graph\//, "").split("/");
        return handleGraphRequest(req, path, {
          db: handle.db,
          keyring: testKeyring,
          appUrl: "http://sandbox.test",
          app: APP,
          later: (task) => void later.push(task),
          templateReviewMs: reviewMs,
        });
      },
    });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    ws = await seedWorkspace(handle.db, "Emulated Shop", { wabaId: "300000000000001" });
    // Status webhooks go to the app; here they are captured instead of posted.
    globalThis.fetch = (async (_url: unknown, init?: RequestInit) => {
      delivered.push(JSON.parse(String(init?.body)));
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
  });
  const realFetch = globalThis.fetch;
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await handle.close();
  });

  const customerWroteTo = (
    phoneNumberId: string,
    customer: string,
    ago = 0,
    wamid = `wamid.in.${phoneNumberId}.${customer}.${ago}`,
  ) =>
    insertSandboxMessage(handle.db, {
      phoneNumberId,
      customer,
      direction: "from_customer",
      wamid,
      type: "text",
      body: { text: { body: "hi" } },
      status: "delivered",
      createdAt: new Date(Date.now() - ago),
    });
  const customerWrote = (customer: string, ago = 0) =>
    customerWroteTo(ws.phoneNumberId, customer, ago, `wamid.in.${customer}.${ago}`);

  it("accepts a send with the number's own token and reports sent, then delivered", async () => {
    await customerWrote("254700000401");
    const [sent] = await graph().sendText(ws.phoneNumberId, TOKEN, {
      to: "254700000401",
      body: "Welcome!",
    });
    expect(sent?.wamid).toMatch(/^wamid\./);
    const [row] = await handle.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.wamid, sent?.wamid ?? ""));
    expect(row).toMatchObject({
      direction: "to_customer",
      customer: "254700000401",
      type: "text",
      body: {
        type: "text",
        text: { body: "Welcome!", preview_url: false },
        recipient_type: "individual",
      },
    });
    delivered.length = 0;
    for (const task of later.splice(0)) await task();
    const statuses = delivered.map(
      (d) =>
        (d as { entry: { changes: { value: { statuses: { status: string; id: string }[] } }[] }[] })
          .entry[0]?.changes[0]?.value.statuses[0],
    );
    expect(statuses.map((s) => s?.status)).toEqual(["sent", "delivered"]);
    expect(statuses[0]?.id).toBe(sent?.wamid);
  });

  it("echoes a send's biz_opaque_callback_data in each of its status webhooks, as Meta does", async () => {
    await customerWrote("254700000405");
    const req = new Request(
      `http://sandbox.test/sandbox/graph/v25.0/${ws.phoneNumberId}/messages`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          to: "254700000405",
          type: "text",
          text: { body: "Your order is ready" },
          biz_opaque_callback_data: "m:0b9a3c1e-6f55-4d7a-9a41-2f8d1e4c7b10",
        }),
      },
    );
    const res = await handleGraphRequest(req, ["v25.0", ws.phoneNumberId, "messages"], {
      db: handle.db,
      keyring: testKeyring,
      appUrl: "http://sandbox.test",
      app: APP,
      later: (task) => void later.push(task),
    });
    const wamid = ((await res.json()) as { messages: { id: string }[] }).messages[0]?.id;
    delivered.length = 0;
    for (const task of later.splice(0)) await task();
    const statuses = delivered.map(
      (d) =>
        (d as { entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[] })
          .entry[0]?.changes[0]?.value.statuses[0],
    );
    expect(statuses).toEqual([
      expect.objectContaining({
        id: wamid,
        status: "sent",
        biz_opaque_callback_data: "m:0b9a3c1e-6f55-4d7a-9a41-2f8d1e4c7b10",
      }),
      expect.objectContaining({
        id: wamid,
        status: "delivered",
        biz_opaque_callback_data: "m:0b9a3c1e-6f55-4d7a-9a41-2f8d1e4c7b10",
      }),
    ]);
    // The read receipt the simulated phone sends later carries it too.
    expect(
      await listUnreadToCustomer(handle.db, {
        phoneNumberId: ws.phoneNumberId,
        customer: "254700000405",
      }),
    ).toEqual([{ wamid, callbackData: "m:0b9a3c1e-6f55-4d7a-9a41-2f8d1e4c7b10" }]);
  });

  it("refuses a wrong token with 190, as Meta does, and unknown numbers with 100", async () => {
    await expect(
      graph().sendText(ws.phoneNumberId, "EAAG-someone-elses-token", {
        to: "254700000401",
        body: "x",
      }),
    ).rejects.toMatchObject({ code: 190, kind: "reauth" });
    await expect(graph().getPhoneNumber("999999999999", TOKEN)).rejects.toMatchObject({
      code: 100,
      kind: "permanent",
    });
    const other = await seedWorkspace(handle.db, "Other Shop");
    await expect(
      graph().getPhoneNumber(other.phoneNumberId, TOKEN.replace("test", "tset")),
    ).rejects.toMatchObject({ code: 190 });
  });

  it("accepts free text outside the 24-hour window, then fails it with 131047", async () => {
    await customerWrote("254700000402", 25 * 3600_000);
    const [sent] = await graph().sendText(ws.phoneNumberId, TOKEN, {
      to: "254700000402",
      body: "Are you there?",
    });
    delivered.length = 0;
    for (const task of later.splice(0)) await task();
    expect(JSON.stringify(delivered)).toContain('"code":131047');
    const [row] = await handle.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.wamid, sent?.wamid ?? ""));
    expect(row).toMatchObject({ status: "failed", errorCode: 131047 });
    const template = await graph().sendTemplate(ws.phoneNumberId, TOKEN, {
      to: "254700000402",
      name: "hello_world",
      languageCode: "en_US",
    });
    delivered.length = 0;
    for (const task of later.splice(0)) await task();
    expect(template.wamid).toMatch(/^wamid\./);
    expect(JSON.stringify(delivered)).not.toContain("131047");
    await expect(
      graph().sendTemplate(ws.phoneNumberId, TOKEN, {
        to: "254700000402",
        name: "no_such",
        languageCode: "en_US",
      }),
    ).rejects.toMatchObject({ code: 132001, kind: "template" });
  });

  it("takes a template for review, lists it pending, then approved, and only then sends it", async () => {
    const g = graph();
    const waba = "300000000000001";
    reviewMs = 60_000;
    const created = await g.createTemplate(waba, TOKEN, {
      name: PARLEY_ALERT_TEMPLATE.name,
      language: PARLEY_ALERT_TEMPLATE.language,
      category: "UTILITY",
      components: parleyAlertComponents(),
    });
    reviewMs = 0;
    // The review's own timer is not run here: the listing below ends the review when it is due.
    later.length = 0;
    expect(created).toMatchObject({
      id: expect.any(String),
      status: "PENDING",
      category: "UTILITY",
    });
    const listed = async () =>
      (await g.listTemplates(waba, TOKEN)).templates.find(
        (t) => t.name === PARLEY_ALERT_TEMPLATE.name,
      );
    expect(await listed()).toMatchObject({
      status: "PENDING",
      language: "en",
      components: [{ type: "BODY", text: PARLEY_ALERT_TEMPLATE.body }],
    });
    const send = (parameters: string[]) =>
      g.sendTemplate(ws.phoneNumberId, TOKEN, {
        to: "254700000409",
        name: PARLEY_ALERT_TEMPLATE.name,
        languageCode: "en",
        components: [
          { type: "body", parameters: parameters.map((text) => ({ type: "text", text })) },
        ],
      });
    await expect(send(["a", "b", "c", "d"])).rejects.toMatchObject({ code: 132001 });
    // The same name and language again is refused, as Meta does.
    await expect(
      g.createTemplate(waba, TOKEN, {
        name: PARLEY_ALERT_TEMPLATE.name,
        language: "en",
        category: "UTILITY",
        components: parleyAlertComponents(),
      }),
    ).rejects.toMatchObject({ code: 100 });
    // A body with variables needs an example for each.
    await expect(
      g.createTemplate(waba, TOKEN, {
        name: "no_examples",
        language: "en",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Hi {{1}}." }],
      }),
    ).rejects.toMatchObject({ code: 100 });

    await handle.db
      .update(sandboxTemplates)
      .set({ reviewAt: new Date(Date.now() - 1000) })
      .where(eq(sandboxTemplates.wabaId, waba));
    expect((await listed())?.status).toBe("APPROVED");
    expect((await send(["a", "b", "c", "d"])).wamid).toMatch(/^wamid\./);
    await expect(send(["a", "b"])).rejects.toMatchObject({ code: 132000 });
    // Another WABA does not have it.
    await expect(
      g.listTemplates("300000000000009", TOKEN).then((r) => r.templates.map((t) => t.name)),
    ).rejects.toMatchObject({ code: expect.any(Number) });
  });

  it("sends marketing templates only through the Marketing Messages endpoint", async () => {
    const g = graph();
    const waba = "300000000000001";
    reviewMs = 0;
    await g.createTemplate(waba, TOKEN, {
      name: "spring_offer",
      language: "en",
      category: "MARKETING",
      components: [
        { type: "BODY", text: "Spring offer: {{1}} off.", example: { body_text: [["10%"]] } },
      ],
    });
    for (const task of later.splice(0)) await task();
    const send = (name: string, languageCode: string, parameters: string[]) =>
      g.sendTemplate(ws.phoneNumberId, TOKEN, {
        to: "254700000420",
        name,
        languageCode,
        marketing: true,
        components: parameters.length
          ? [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) }]
          : undefined,
      });
    const sent = await send("spring_offer", "en", ["20%"]);
    expect(sent.wamid).toMatch(/^wamid\./);
    const [row] = await handle.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.wamid, sent.wamid));
    expect(row).toMatchObject({ type: "template", customer: "254700000420" });
    // A utility template is not for this endpoint, as at Meta.
    await expect(send("hello_world", "en_US", ["Ana"])).rejects.toMatchObject({ code: 100 });
  });

  it("marks a customer's message read, and only a message the number received", async () => {
    await customerWrote("254700000403");
    await graph().markRead(ws.phoneNumberId, TOKEN, {
      messageId: "wamid.in.254700000403.0",
      typing: true,
    });
    const [row] = await handle.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.wamid, "wamid.in.254700000403.0"));
    expect(row?.status).toBe("read");
    await expect(
      graph().markRead(ws.phoneNumberId, TOKEN, { messageId: "wamid.unknown" }),
    ).rejects.toMatchObject({ code: 100 });
  });

  it("serves interactive messages, number details, templates, media, registration and tokens", async () => {
    await customerWrote("254700000404");
    const g = graph();
    expect(
      (
        await g.sendButtons(ws.phoneNumberId, TOKEN, {
          to: "254700000404",
          body: "Pick one",
          buttons: [{ id: "a", title: "A" }],
        })
      ).wamid,
    ).toMatch(/^wamid/);
    expect(
      (
        await g.sendList(ws.phoneNumberId, TOKEN, {
          to: "254700000404",
          body: "Menu",
          buttonText: "Open",
          sections: [{ rows: [{ id: "r", title: "Row" }] }],
        })
      ).wamid,
    ).toMatch(/^wamid/);
    expect(await g.getPhoneNumber(ws.phoneNumberId, TOKEN)).toMatchObject({
      id: ws.phoneNumberId,
      verified_name: "Emulated Shop",
      quality_rating: "GREEN",
      // Imported numbers are in use already: registered.
      platform_type: "CLOUD_API",
      status: "CONNECTED",
    });
    expect(
      (await g.listTemplates("300000000000001", TOKEN)).templates.map((t) => t.name),
    ).toContain("hello_world");
    await g.subscribeApp("300000000000001", TOKEN);
    await g.registerNumber(ws.phoneNumberId, TOKEN, "123456");
    await expect(g.registerNumber(ws.phoneNumberId, TOKEN, "12")).rejects.toMatchObject({
      code: 100,
    });

    await insertSandboxMedia(handle.db, {
      id: "media1",
      phoneNumberId: ws.phoneNumberId,
      mimeType: "image/png",
      sha256: "abc",
      bytes: Buffer.from("PNGDATA"),
    });
    const media = await g.getMedia("media1", TOKEN);
    expect(media).toMatchObject({
      mime_type: "image/png",
      url: "http://sandbox.test/sandbox/graph/media/media1",
    });
    const download = await g.downloadMedia(media.url, TOKEN, { maxBytes: 1024 });
    expect(download.contentLength).toBe(7);
    expect(await new Response(download.body).text()).toBe("PNGDATA");
    await expect(g.getMedia("media1", "EAAG-wrong-token-000000")).rejects.toMatchObject({
      code: 190,
    });

    const code = issueSandboxCode(TOKEN);
    expect(await g.exchangeCode(code, APP)).toEqual({ accessToken: TOKEN, expiresIn: null });
    await expect(g.exchangeCode(code, APP)).rejects.toMatchObject({ code: 100 });
    await expect(
      g.exchangeCode(issueSandboxCode(TOKEN), { ...APP, appSecret: "wrong" }),
    ).rejects.toMatchObject({ code: 101 });
    expect(await g.debugToken(TOKEN, APP)).toMatchObject({ isValid: true, expiresAt: null });
    expect(await g.debugToken("EAAG-unknown-token-00000", APP)).toMatchObject({ isValid: false });
    await expect(g.debugToken(TOKEN, { ...APP, appSecret: "nope" })).rejects.toMatchObject({
      code: 190,
    });
  });

  const signup = async (input: { withNumber?: boolean; phoneNumberId?: string } = {}) => {
    const s = await simulateSignup(
      { db: handle.db, keyring: testKeyring },
      { businessName: "Signup Co", verifiedName: "Signup Shop", withNumber: true, ...input },
    );
    if (!s) throw new Error("no such sandbox number");
    const { accessToken } = await graph().exchangeCode(s.code, APP);
    return { ...s, token: accessToken };
  };

  it("treats a simulated signup's token as Meta treats a business token", async () => {
    const g = graph();
    const a = await signup();
    const phone = a.phoneNumberId ?? "";
    expect(a.token).toMatch(/^EAAG/);
    expect(await g.debugToken(a.token, APP)).toMatchObject({ isValid: true, expiresAt: null });
    expect(await g.getPhoneNumber(phone, a.token)).toMatchObject({
      id: phone,
      verified_name: "Signup Shop",
      display_phone_number: expect.stringMatching(/^\+1 555 /),
      platform_type: "NOT_APPLICABLE",
      status: "PENDING",
    });
    // Not registered yet: WhatsApp refuses to send from it.
    await expect(
      g.sendText(phone, a.token, { to: "254700000405", body: "too early" }),
    ).rejects.toMatchObject({ code: 133010, kind: "unregistered" });
    await g.registerNumber(phone, a.token, "654321");
    expect(await g.getPhoneNumber(phone, a.token)).toMatchObject({
      platform_type: "CLOUD_API",
      status: "CONNECTED",
    });
    await g.subscribeApp(a.wabaId, a.token);
    const account = await getSandboxAccount(handle.db, phone);
    expect(account?.registeredAt).toBeInstanceOf(Date);
    expect(account?.subscribedAt).toBeInstanceOf(Date);
    expect(await g.listPhoneNumbers(a.wabaId, a.token)).toEqual([
      {
        id: phone,
        display_phone_number: account?.displayPhoneNumber,
        verified_name: "Signup Shop",
        quality_rating: "GREEN",
      },
    ]);
    await customerWroteTo(phone, "254700000405");
    expect(
      (await g.sendText(phone, a.token, { to: "254700000405", body: "hi" }))[0]?.wamid,
    ).toMatch(/^wamid\./);

    // Another account's valid token reaches none of this (100), a made-up one is invalid (190).
    const b = await signup();
    await expect(g.getPhoneNumber(phone, b.token)).rejects.toMatchObject({ code: 100 });
    await expect(g.registerNumber(phone, b.token, "123456")).rejects.toMatchObject({ code: 100 });
    await expect(g.subscribeApp(a.wabaId, b.token)).rejects.toMatchObject({ code: 100 });
    await expect(g.listPhoneNumbers(a.wabaId, b.token)).rejects.toMatchObject({ code: 100 });
    await expect(g.getPhoneNumber(phone, "EAAG-made-up-token-000000")).rejects.toMatchObject({
      code: 190,
    });

    // Re-authorization mints a fresh token; the old one stops working everywhere.
    const again = await signup({ phoneNumberId: phone });
    expect(again.wabaId).toBe(a.wabaId);
    await expect(g.getPhoneNumber(phone, a.token)).rejects.toMatchObject({ code: 190 });
    expect(await g.debugToken(a.token, APP)).toMatchObject({ isValid: false });
    expect(await g.getPhoneNumber(phone, again.token)).toMatchObject({ id: phone });
  });

  it("lists no numbers for a WABA shared without one, until a number is added", async () => {
    const g = graph();
    const w = await signup({ withNumber: false });
    expect(w.phoneNumberId).toBeUndefined();
    expect(await g.debugToken(w.token, APP)).toMatchObject({ isValid: true });
    await g.subscribeApp(w.wabaId, w.token);
    expect(await g.listPhoneNumbers(w.wabaId, w.token)).toEqual([]);
    const added = await addNumberToSandboxWaba({ db: handle.db }, w.wabaId);
    const second = await addNumberToSandboxWaba({ db: handle.db }, w.wabaId);
    expect((await g.listPhoneNumbers(w.wabaId, w.token)).map((n) => n.id)).toEqual([
      added?.phoneNumberId,
      second?.phoneNumberId,
    ]);
    expect(await g.getPhoneNumber(added?.phoneNumberId ?? "", w.token)).toMatchObject({
      verified_name: "Signup Shop",
    });
    expect(await addNumberToSandboxWaba({ db: handle.db }, "199999999999999")).toBeNull();
  });

  it("lists an imported channel's number under its WABA", async () => {
    expect(await graph().listPhoneNumbers("300000000000001", TOKEN)).toEqual([
      expect.objectContaining({ id: ws.phoneNumberId, verified_name: "Emulated Shop" }),
    ]);
  });
});
