import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listAuditLog } from "@/db/queries/audit-log";
import { createChannel } from "@/db/queries/channels";
import type { SessionUser } from "@/lib/auth/session";
import { provideReplyDeps } from "@/lib/bot/deps";
import { encryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import {
  type Intercepted,
  type RawCall,
  startGraphEmulatorServer,
} from "@/lib/testing/graph-emulator-server";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";
import { applyTemplateWebhook } from "@/lib/webhooks/template-updates";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";

// The Templates page's actions and its polling route as the browser calls them, through the
// real guard, database and the sandbox Graph API; only the session and Next's navigation are
// stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");
const { GET: listRoute } = await import("./list/route");
const { POST: sampleRoute } = await import("./sample/route");

const TOKEN = "EAAG-template-shop-token-0123456789";
const WABA = "420000000000001";
const OTHER_WABA = "420000000000002";

const draft = (patch: Record<string, unknown> = {}) => ({
  name: "table_ready",
  language: "en",
  category: "UTILITY" as const,
  body: "Hi {{1}}, your table for {{2}} is ready.",
  examples: { "1": "Ana", "2": "four" },
  buttons: [{ type: "QUICK_REPLY" as const, text: "Coming" }],
  ...patch,
});

describe.each(testDatabaseKinds)("template actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let emulator: Awaited<ReturnType<typeof startGraphEmulatorServer>>;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let ws: { id: string; slug: string };
  let other: { id: string; slug: string };
  const calls: RawCall[] = [];
  let intercept: ((call: RawCall) => Intercepted | undefined) | null = null;

  const connect = (workspaceId: string, wabaId: string) =>
    createChannel(handle.db, {
      workspaceId,
      phoneNumberId: `5${Date.now()}${Math.floor(Math.random() * 100)}`.slice(0, 15),
      wabaId,
      displayPhoneNumber: "+254 700 555222",
      accessTokenEncrypted: encryptSecret(TOKEN, testKeyring, "channels.access_token", workspaceId),
      status: "connected",
      connectedAt: new Date(),
    });

  const list = async (slug: string, wabaId = WABA) => {
    const res = await listRoute(new Request(`http://test/${slug}/templates/list?waba=${wabaId}`), {
      params: Promise.resolve({ workspace: slug }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        rows?: { name: string; status: string; reason: string | null; id: string }[];
      },
    };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    emulator = await startGraphEmulatorServer({
      db: handle.db,
      // The app id the server names in uploads is the configured one, as at Meta.
      app: { appId: getEnv().meta.appId, appSecret: "template-secret" },
      onCall: (call) => {
        calls.push(call);
        return intercept?.(call);
      },
      templateReviewMs: () => 0,
    });
    provideReplyDeps({
      db: handle.db,
      keyring: testKeyring,
      graph: createGraphClient({
        baseUrl: emulator.url,
        version: "v25.0",
        sleep: async () => {},
        pacer: createPacer({ sleep: async () => {} }),
      }),
      ai: { fallbacks: [] },
      smtp: null,
    });
    const team = await seedTeam(handle.db, "Table Shop");
    ({ owner, agent, outsider } = team);
    ws = team.workspace;
    other = team.other;
    await connect(ws.id, WABA);
    await connect(other.id, OTHER_WABA);
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    emulator.close();
    await handle.close();
  });
  beforeEach(() => {
    signedIn.user = owner;
    intercept = null;
    calls.length = 0;
  });

  it("refuses agents, outsiders and the signed-out, on every action and the list", async () => {
    const uuid = "00000000-0000-4000-8000-000000000000";
    const every = () => [
      actions.createTemplateAction(ws.slug, { wabaId: WABA, draft: draft() }),
      actions.editTemplateAction(ws.slug, { id: uuid, draft: draft() }),
      actions.deleteTemplateAction(ws.slug, { id: uuid }),
      actions.refreshTemplatesAction(ws.slug, { wabaId: WABA }),
    ];
    for (const [user, code, status] of [
      [agent, "forbidden", 403],
      [outsider, "not_member", 404],
      [null, "signed_out", 401],
    ] as const) {
      signedIn.user = user;
      for (const result of await Promise.all(every())) {
        expect(result).toMatchObject({ ok: false, code });
      }
      expect((await list(ws.slug)).status).toBe(status);
    }
    expect(calls).toEqual([]);
  });

  it("checks Meta's rules before calling Meta, each problem under its field", async () => {
    const result = await actions.createTemplateAction(ws.slug, {
      wabaId: WABA,
      draft: draft({ name: "Table Ready", body: "{{1}} your table is ready", examples: {} }),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: {
        "draft.name": expect.stringMatching(/lower-case letters/),
        "draft.body": expect.stringMatching(/starts or ends with a variable/),
        "draft.examples.1": expect.stringMatching(/Give an example/),
      },
    });
    expect(calls).toEqual([]);
  });

  it("creates, lists, edits and deletes, audit-logged; a rejected one says why", async () => {
    const created = await actions.createTemplateAction(ws.slug, { wabaId: WABA, draft: draft() });
    expect(created).toMatchObject({ ok: true, data: { status: "APPROVED" } });
    const call = calls.find((c) => c.method === "POST");
    expect(JSON.parse(call?.raw ?? "{}")).toMatchObject({
      name: "table_ready",
      parameter_format: "POSITIONAL",
      components: [
        { type: "BODY", example: { body_text: [["Ana", "four"]] } },
        { type: "BUTTONS" },
      ],
    });
    const row = (await list(ws.slug)).body.rows?.find((r) => r.name === "table_ready");
    expect(row).toMatchObject({ status: "APPROVED", reason: null });

    const edited = await actions.editTemplateAction(ws.slug, {
      id: row?.id ?? "",
      draft: draft({ body: "Hello {{1}}, your table for {{2}} is waiting." }),
    });
    expect(edited).toMatchObject({ ok: true, data: { status: "PENDING" } });
    // The name and language stay; an approved template keeps its category.
    expect(
      await actions.editTemplateAction(ws.slug, {
        id: row?.id ?? "",
        draft: draft({ name: "x_y" }),
      }),
    ).toMatchObject({ ok: false, code: "not_editable" });

    const rejected = await actions.createTemplateAction(ws.slug, {
      wabaId: WABA,
      draft: draft({ name: "reject_this_one" }),
    });
    expect(rejected).toMatchObject({ ok: true, data: { status: "REJECTED" } });
    const rejectedRow = (await list(ws.slug)).body.rows?.find((r) => r.name === "reject_this_one");
    expect(rejectedRow?.reason).toMatch(/format/);

    expect(await actions.deleteTemplateAction(ws.slug, { id: row?.id ?? "" })).toEqual({
      ok: true,
      data: null,
    });
    expect((await list(ws.slug)).body.rows?.map((r) => r.name)).not.toContain("table_ready");
    const audit = (await listAuditLog(handle.db, { workspaceId: ws.id, limit: 10 })).map(
      (a) => a.action,
    );
    expect(audit).toEqual(
      expect.arrayContaining(["template.created", "template.edited", "template.deleted"]),
    );
  });

  it("uploads a media header's sample to Meta and refuses files WhatsApp does not take", async () => {
    const upload = async (type: string, bytes: Uint8Array, as = ws.slug) => {
      const res = await sampleRoute(
        new Request(`http://test/${as}/templates/sample?waba=${WABA}&name=cake`, {
          method: "POST",
          body: new Blob([new Uint8Array(bytes)]),
          headers: { "content-type": type },
        }),
        { params: Promise.resolve({ workspace: as }) },
      );
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const ok = await upload("image/png", new Uint8Array([1, 2, 3]));
    expect(ok).toMatchObject({
      status: 200,
      body: { handle: expect.stringMatching(/^4::/), kind: "image" },
    });
    expect(calls.map((c) => c.method)).toEqual(["POST", "POST"]);
    const gif = await upload("image/gif", new Uint8Array([1]));
    expect(gif).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/JPEG or PNG/) } },
    });
    signedIn.user = agent;
    expect((await upload("image/png", new Uint8Array([1]))).status).toBe(403);

    signedIn.user = owner;
    const created = await actions.createTemplateAction(ws.slug, {
      wabaId: WABA,
      draft: draft({
        name: "cake_photo",
        category: "MARKETING",
        header: { kind: "image", handle: ok.body.handle },
      }),
    });
    expect(created).toMatchObject({ ok: true });
  });

  it("lists again from Meta when a webhook names a template made elsewhere", async () => {
    expect(await actions.refreshTemplatesAction(ws.slug, { wabaId: WABA })).toMatchObject({
      ok: true,
    });
    // Made in WhatsApp Manager: Parley's copy does not have it.
    const made = await createGraphClient({
      baseUrl: emulator.url,
      version: "v25.0",
      sleep: async () => {},
    }).createTemplate(WABA, TOKEN, {
      name: "made_in_manager",
      language: "en",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Thanks for your visit." }],
    });
    expect((await list(ws.slug)).body.rows?.map((r) => r.name)).not.toContain("made_in_manager");
    calls.length = 0;
    await applyTemplateWebhook(handle.db, {
      workspaceId: ws.id,
      wabaId: WABA,
      field: "message_template_status_update",
      value: { event: "APPROVED", message_template_id: Number(made.id), reason: "NONE" },
    });
    const rows = (await list(ws.slug)).body.rows ?? [];
    expect(rows.find((r) => r.name === "made_in_manager")).toMatchObject({ status: "APPROVED" });
    expect(calls.filter((c) => c.method === "GET")).toHaveLength(1);
    // Once listed, polling reads the stored copy only.
    await list(ws.slug);
    expect(calls.filter((c) => c.method === "GET")).toHaveLength(1);
  });

  it("shows Meta's refusal in words, and never reaches another workspace's templates", async () => {
    intercept = (c) =>
      c.method === "POST"
        ? {
            status: 400,
            body: {
              error: {
                message: "Invalid parameter",
                type: "OAuthException",
                code: 100,
                error_subcode: 2388024,
                error_user_title: "Message template already exists",
                error_user_msg: "There is already English content for this template.",
                fbtrace_id: "x",
              },
            },
          }
        : undefined;
    const refused = await actions.createTemplateAction(ws.slug, {
      wabaId: WABA,
      draft: draft({ name: "duplicate_one" }),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: "whatsapp_refused",
      message: expect.stringMatching(/already exists in this language/),
    });
    intercept = null;

    // A WABA the workspace has no number for, and another workspace's template.
    expect(
      await actions.createTemplateAction(ws.slug, { wabaId: OTHER_WABA, draft: draft() }),
    ).toMatchObject({ ok: false, code: "no_number" });
    signedIn.user = outsider;
    await actions.createTemplateAction(other.slug, {
      wabaId: OTHER_WABA,
      draft: draft({ name: "their_own" }),
    });
    const theirs = (await list(other.slug, OTHER_WABA)).body.rows?.find(
      (r) => r.name === "their_own",
    );
    expect(theirs).toBeDefined();
    signedIn.user = owner;
    expect(await actions.deleteTemplateAction(ws.slug, { id: theirs?.id ?? "" })).toEqual({
      ok: true,
      data: null,
    });
    expect(
      await actions.editTemplateAction(ws.slug, {
        id: theirs?.id ?? "",
        draft: draft({ name: "their_own" }),
      }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect((await list(ws.slug, OTHER_WABA)).body.rows).toEqual([]);
    signedIn.user = outsider;
    expect((await list(other.slug, OTHER_WABA)).body.rows?.map((r) => r.name)).toContain(
      "their_own",
    );
  });
});
