import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { insertSandboxMedia, insertSandboxMessage } from "@/db/queries/sandbox";
import { sandboxMessages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { handleGraphRequest } from "./graph-emulator";
import { issueSandboxCode } from "./signup-codes";

const APP = { appId: "1000000000000001", appSecret: "sandbox-secret" };
const TOKEN = "EAAG-test-token-0123456789";

describe.each(testDatabaseKinds)("Graph emulator on %s, driven by the real client", (kind) => {
  let handle: DatabaseHandle;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  const later: (() => Promise<void>)[] = [];
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

  const customerWrote = (customer: string, ago = 0) =>
    insertSandboxMessage(handle.db, {
      phoneNumberId: ws.phoneNumberId,
      customer,
      direction: "from_customer",
      wamid: `wamid.in.${customer}.${ago}`,
      type: "text",
      body: { text: { body: "hi" } },
      status: "delivered",
      createdAt: new Date(Date.now() - ago),
    });

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
    expect((await g.downloadMedia(media.url, TOKEN)).bytes.toString()).toBe("PNGDATA");
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
});
