import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { createPasswordUser } from "@/db/queries/users";
import { currentRequestId } from "@/lib/log";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn, TEST_REQUEST_ID } from "@/lib/testing/guard-stubs";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import type { SessionUser } from "./session";

// The guard reads the session through next-auth and answers pages through next/navigation;
// both are replaced by stand-ins that record what happened, and the database is real.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("./session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { requireWorkspace, withWorkspace, workspaceAction } = await import("./workspace");
const { z } = await import("zod");

describe.each(testDatabaseKinds)("workspace guard (%s)", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let slug: string;
  let otherSlug: string;

  const user = async (label: string) => {
    const u = await createPasswordUser(handle.db, {
      email: `${label}-${kind}@guard.test`,
      name: label,
      passwordHash: "unused",
    });
    if (!u) throw new Error("seed user");
    return u;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    owner = await user("owner");
    agent = await user("agent");
    outsider = await user("outsider");
    const ws = await createOwnedWorkspace(handle.db, { name: "Guarded Shop", userId: owner.id });
    await addMembership(handle.db, { workspaceId: ws.id, userId: agent.id, role: "agent" });
    slug = ws.slug;
    otherSlug = (await createOwnedWorkspace(handle.db, { name: "Other", userId: outsider.id }))
      .slug;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const rename = workspaceAction(
    "workspace.rename",
    z.object({ name: z.string().min(2, "Too short") }),
    async (ctx, input) => ({ ok: true, data: { id: ctx.workspace.id, name: input.name } }),
  );

  it("pages: signed-out users are sent to sign-in, outsiders get 404, agents 403", async () => {
    await expect(requireWorkspace(slug, "bot.manage")).rejects.toThrow(
      `redirect:/sign-in?next=${encodeURIComponent(`/${slug}`)}`,
    );
    signedIn.user = outsider;
    await expect(requireWorkspace(slug)).rejects.toThrow("notFound");
    await expect(requireWorkspace("no-such-workspace")).rejects.toThrow("notFound");
    signedIn.user = agent;
    for (const p of ["bot.manage", "channels.manage", "members.manage", "api_keys.manage"] as const)
      await expect(requireWorkspace(slug, p)).rejects.toThrow("forbidden");
    const ctx = await requireWorkspace(slug, "conversations.work");
    expect(ctx.role).toBe("agent");
  });

  it("server actions: refusals come back as values, before the input is even read", async () => {
    expect(await rename(slug, { name: "New" })).toMatchObject({ ok: false, code: "signed_out" });
    signedIn.user = outsider;
    expect(await rename(slug, { name: "New" })).toMatchObject({ ok: false, code: "not_member" });
    signedIn.user = agent;
    expect(await rename(slug, { name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    signedIn.user = owner;
    expect(await rename(slug, { name: "x" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { name: "Too short" },
    });
    expect(await rename(slug, { name: "New name" })).toMatchObject({
      ok: true,
      data: { name: "New name" },
    });
    // Owning another workspace grants nothing here.
    signedIn.user = outsider;
    expect(await rename(otherSlug, { name: "Mine" })).toMatchObject({ ok: true });
  });

  it("actions and routes run under the request's id, so their log lines carry it", async () => {
    signedIn.user = owner;
    const seen = workspaceAction("workspace.view", z.object({}), async () => ({
      ok: true as const,
      data: currentRequestId(),
    }));
    expect(await seen(slug, {})).toEqual({ ok: true, data: TEST_REQUEST_ID });
    const route = withWorkspace("workspace.view", async () =>
      Response.json({ requestId: currentRequestId() }),
    );
    const res = await route(
      new Request("http://test/api", { headers: { "x-request-id": "route-req-7" } }),
      { params: Promise.resolve({ workspace: slug }) },
    );
    expect(await res.json()).toEqual({ requestId: "route-req-7" });
  });

  it("routes: 401, 404 and 403 as the JSON error shape", async () => {
    const route = withWorkspace("api_keys.manage", async (_req, ctx) =>
      Response.json({ workspace: ctx.workspace.slug }),
    );
    const call = () =>
      route(new Request("http://test/api"), { params: Promise.resolve({ workspace: slug }) });
    const status = async () => {
      const res = await call();
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await status()).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" } },
    });
    signedIn.user = outsider;
    expect(await status()).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    signedIn.user = agent;
    expect(await status()).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    signedIn.user = owner;
    expect(await status()).toMatchObject({ status: 200, body: { workspace: slug } });
  });
});
