import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listStoredTemplates } from "@/db/queries/templates";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, TEST_ACCESS_TOKEN, testKeyring } from "@/lib/testing/fixtures";
import { receiveWebhook } from "@/lib/webhooks/handle-webhook";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { signPayload } from "@/lib/whatsapp/signature";
import { createTemplatePayload, templateComponents } from "./payload";
import { syncWabaTemplates } from "./sync";

// A template's life against the sandbox's Graph emulator, through the real client: created,
// reviewed (the emulator's signed status webhook, ingested by the real webhook route), edited,
// rejected and deleted, with Parley's stored copy following each step.

const APP = { appId: "1000000000000001", appSecret: "sandbox-secret" };
const WABA = "300000000000077";

describe.each(testDatabaseKinds)("Templates through the emulator and webhooks on %s", (kind) => {
  let handle: DatabaseHandle;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let later: (() => Promise<void>)[] = [];
  const posted: { body: string; signature: string | null }[] = [];
  const realFetch = globalThis.fetch;

  const graph = createGraphClient({
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
        templateReviewMs: 1500,
      });
    },
  });

  const handleDb = () => handle.db;
  const scope = () => ({ workspaceId: ws.workspaceId, wabaId: WABA });
  const stored = async (name: string) =>
    (await listStoredTemplates(handle.db, scope())).find((t) => t.name === name);

  /** Runs the emulator's review timers and posts its webhooks to Parley's webhook route. */
  async function reviewAndDeliver() {
    while (later.length > 0) {
      const tasks = later;
      later = [];
      for (const task of tasks) await task();
    }
    for (const { body, signature } of posted.splice(0)) {
      const res = await receiveWebhook(
        new Request("http://localhost/api/webhooks/whatsapp", {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? "" },
        }),
        { db: async () => handle.db, appSecret: APP.appSecret, schedule: (task) => task() },
      );
      expect(res.status).toBe(200);
    }
  }

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    ws = await seedWorkspace(handle.db, "Template Shop", { wabaId: WABA });
    globalThis.fetch = (async (_url: unknown, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      posted.push({ body: String(init?.body), signature: headers.get("x-hub-signature-256") });
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await handle.close();
  });

  const draft = {
    name: "order_ready",
    language: "en_US",
    category: "UTILITY" as const,
    header: { kind: "none" as const },
    body: "Hi {{1}}, your order {{2}} is ready.",
    examples: { "1": "Ana", "2": "#1042" },
    footer: "",
    buttons: [{ type: "QUICK_REPLY" as const, text: "Thanks" }],
  };

  it("creates a template, sees it pending, then approved by the signed status webhook", async () => {
    const created = await graph.createTemplate(
      WABA,
      TEST_ACCESS_TOKEN,
      createTemplatePayload(draft),
    );
    expect(created.status).toBe("PENDING");
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect(await stored("order_ready")).toMatchObject({ status: "PENDING", metaId: created.id });

    await reviewAndDeliver();
    // The webhook, not a new listing, brought the decision.
    expect(await stored("order_ready")).toMatchObject({ status: "APPROVED", rejectedReason: null });
    // The emulator's listing agrees, with its quality.
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect(await stored("order_ready")).toMatchObject({ status: "APPROVED", quality: "GREEN" });
  });

  it("edits it: back in review, then approved again with the new text", async () => {
    const t = await stored("order_ready");
    const body = "Hello {{1}}, order {{2}} is ready at the counter.";
    await graph.editTemplate(t?.metaId ?? "", TEST_ACCESS_TOKEN, {
      components: templateComponents({ ...draft, body }),
    });
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect(await stored("order_ready")).toMatchObject({ status: "PENDING" });
    await reviewAndDeliver();
    const after = await stored("order_ready");
    expect(after?.status).toBe("APPROVED");
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect(JSON.stringify((await stored("order_ready"))?.components)).toContain("at the counter");
    // A template in review cannot be edited, as at Meta.
    await graph.editTemplate(after?.metaId ?? "", TEST_ACCESS_TOKEN, {
      components: templateComponents(draft),
    });
    await expect(
      graph.editTemplate(after?.metaId ?? "", TEST_ACCESS_TOKEN, {
        components: templateComponents(draft),
      }),
    ).rejects.toMatchObject({ code: 100 });
    later = [];
  });

  it("rejects the recognisable test case with its reason, and applies quality and category webhooks", async () => {
    await graph.createTemplate(
      WABA,
      TEST_ACCESS_TOKEN,
      createTemplatePayload({ ...draft, name: "please_reject_me" }),
    );
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    await reviewAndDeliver();
    const rejected = await stored("please_reject_me");
    expect(rejected).toMatchObject({ status: "REJECTED", rejectedReason: "INVALID_FORMAT" });

    const hello = await stored("hello_world");
    const account = (field: string, value: Record<string, unknown>) =>
      JSON.stringify({
        object: "whatsapp_business_account",
        entry: [{ id: WABA, time: 1, changes: [{ field, value }] }],
      });
    for (const body of [
      account("message_template_quality_update", {
        previous_quality_score: "GREEN",
        new_quality_score: "YELLOW",
        message_template_id: Number(hello?.metaId),
        message_template_name: "hello_world",
        message_template_language: "en_US",
      }),
      account("template_category_update", {
        message_template_id: Number(hello?.metaId),
        message_template_name: "hello_world",
        message_template_language: "en_US",
        previous_category: "UTILITY",
        new_category: "MARKETING",
      }),
    ]) {
      posted.push({ body, signature: signPayload(body, APP.appSecret) });
    }
    await reviewAndDeliver();
    expect(await stored("hello_world")).toMatchObject({
      quality: "YELLOW",
      category: "MARKETING",
      categoryNote: "WhatsApp changed it from utility.",
    });
  });

  it("uploads a media header's sample and submits a template that names its handle", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const handle = await graph.uploadSample(APP.appId, TEST_ACCESS_TOKEN, {
      bytes,
      mimeType: "image/png",
      fileName: "cake.png",
    });
    expect(handle).toMatch(/^4::/);
    const withImage = {
      ...draft,
      name: "cake_of_the_day",
      category: "MARKETING" as const,
      header: { kind: "image" as const, handle },
    };
    const created = await graph.createTemplate(
      WABA,
      TEST_ACCESS_TOKEN,
      createTemplatePayload(withImage),
    );
    expect(created.status).toBe("PENDING");
    await expect(
      graph.createTemplate(
        WABA,
        TEST_ACCESS_TOKEN,
        createTemplatePayload({
          ...withImage,
          name: "cake_two",
          header: { kind: "image", handle: "made-up" },
        }),
      ),
    ).rejects.toMatchObject({ code: 100 });
    // Meta refuses types it does not take, and a token it does not know.
    await expect(
      graph.uploadSample(APP.appId, TEST_ACCESS_TOKEN, {
        bytes,
        mimeType: "image/gif",
        fileName: "x.gif",
      }),
    ).rejects.toMatchObject({ code: 100 });
    await expect(
      graph.uploadSample(APP.appId, "EAAG-unknown", {
        bytes,
        mimeType: "image/png",
        fileName: "x.png",
      }),
    ).rejects.toMatchObject({ code: 190 });
    await syncWabaTemplates({ db: handleDb(), graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect((await stored("cake_of_the_day"))?.components).toContainEqual({
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: [handle] },
    });
    await reviewAndDeliver();
  });

  it("deletes it at Meta, and another workspace's webhook never touches this copy", async () => {
    const t = await stored("please_reject_me");
    await graph.deleteTemplate(WABA, TEST_ACCESS_TOKEN, {
      name: "please_reject_me",
      templateId: t?.metaId,
    });
    await syncWabaTemplates({ db: handle.db, graph }, { ...scope(), token: TEST_ACCESS_TOKEN });
    expect(await stored("please_reject_me")).toBeUndefined();
    await expect(
      graph.deleteTemplate(WABA, TEST_ACCESS_TOKEN, { name: "please_reject_me" }),
    ).rejects.toMatchObject({ code: 100 });

    const other = await seedWorkspace(handle.db, "Other Shop", { wabaId: "300000000000078" });
    const ready = await stored("order_ready");
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "300000000000078",
          time: 1,
          changes: [
            {
              field: "message_template_status_update",
              value: {
                event: "DISABLED",
                message_template_id: Number(ready?.metaId),
                message_template_name: "order_ready",
                message_template_language: "en_US",
                reason: "NONE",
              },
            },
          ],
        },
      ],
    });
    posted.push({ body, signature: signPayload(body, APP.appSecret) });
    await reviewAndDeliver();
    expect((await stored("order_ready"))?.status).toBe("APPROVED");
    expect(
      await listStoredTemplates(handle.db, {
        workspaceId: other.workspaceId,
        wabaId: "300000000000078",
      }),
    ).toEqual([]);
  });
});
