import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { createChannel } from "@/db/queries/channels";
import { replaceWabaTemplates } from "@/db/queries/templates";
import type { SessionUser } from "@/lib/auth/session";
import { provideReplyDeps } from "@/lib/bot/deps";
import { encryptSecret } from "@/lib/crypto/secrets";
import { SALE_TEMPLATE, scriptedGraph, seedContacts } from "@/lib/testing/broadcast-fixture";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// The Broadcasts page's actions and its progress route as the browser calls them, through the
// real guard and database; only the session and Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));
// Sending is the job's, tested on its own; here the broadcast is only handed over.
vi.mock("@/inngest/dispatch", () => ({ dispatchBroadcast: async () => {} }));

const actions = await import("./actions");
const { GET: progressRoute } = await import("./[broadcastId]/progress/route");

const WABA = "430000000000001";

describe.each(testDatabaseKinds)("broadcast actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let ws: { id: string; slug: string };

  const input = {
    name: "Spring",
    template: { name: "summer_sale", language: "en_US" },
    parameters: {
      "body.1": { kind: "field" as const, field: "name", fallback: "there" },
      "body.2": { kind: "fixed" as const, value: "Lisbon" },
    },
    audience: { tags: ["vip"], tagMatch: "any" as const, attributes: [] },
  };
  const progress = async (slug: string, broadcastId: string) => {
    const res = await progressRoute(new Request(`http://test/${slug}/broadcasts/x/progress`), {
      params: Promise.resolve({ workspace: slug, broadcastId }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    // The stored copy of the templates is fresh: no Graph call is expected.
    provideReplyDeps({ ...scriptedGraph(handle.db).deps, ai: { fallbacks: [] }, smtp: null });
    const team = await seedTeam(handle.db, "Surf Shop");
    ({ owner, agent, outsider } = team);
    ws = team.workspace;
    await createChannel(handle.db, {
      workspaceId: ws.id,
      phoneNumberId: `6${Date.now()}`.slice(0, 15),
      wabaId: WABA,
      accessTokenEncrypted: encryptSecret("EAAG-x", testKeyring, "channels.access_token", ws.id),
      status: "connected",
      connectedAt: new Date(),
    });
    await replaceWabaTemplates(handle.db, {
      workspaceId: ws.id,
      wabaId: WABA,
      templates: [SALE_TEMPLATE],
    });
    await seedContacts(handle.db, ws.id, 2, { tags: ["vip"] });
    await seedContacts(handle.db, ws.id, 1, { tags: ["vip"], optIn: "opted_out" });
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });
  beforeEach(() => {
    signedIn.user = owner;
  });

  it("refuses agents, outsiders and the signed-out, on every action and the progress", async () => {
    signedIn.user = owner;
    const created = await actions.createBroadcastAction(ws.slug, input);
    if (!created.ok) throw new Error(created.message);
    for (const [user, code, status] of [
      [agent, "forbidden", 403],
      [outsider, "not_member", 404],
      [null, "signed_out", 401],
    ] as const) {
      signedIn.user = user;
      for (const result of await Promise.all([
        actions.createBroadcastAction(ws.slug, input),
        actions.previewAudienceAction(ws.slug, { audience: input.audience }),
        actions.cancelBroadcastAction(ws.slug, { id: created.data.id }),
      ])) {
        expect(result).toMatchObject({ ok: false, code });
      }
      expect((await progress(ws.slug, created.data.id)).status).toBe(status);
    }
  });

  it("previews the audience, creates, reports progress and cancels for an owner", async () => {
    const preview = await actions.previewAudienceAction(ws.slug, { audience: input.audience });
    expect(preview).toMatchObject({
      ok: true,
      data: { included: 2, excluded: { stoppedMarketing: 1 } },
    });
    const created = await actions.createBroadcastAction(ws.slug, input);
    if (!created.ok) throw new Error(created.message);
    expect((await progress(ws.slug, created.data.id)).body).toMatchObject({
      status: "scheduled",
      progress: { total: 0 },
    });
    expect(await actions.cancelBroadcastAction(ws.slug, { id: created.data.id })).toMatchObject({
      ok: true,
    });
    expect((await progress(ws.slug, created.data.id)).body).toMatchObject({ status: "cancelled" });
    expect(await actions.cancelBroadcastAction(ws.slug, { id: created.data.id })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect((await progress(ws.slug, "not-a-uuid")).status).toBe(404);
  });
});
