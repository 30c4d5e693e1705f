import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { findActiveApiKey, listApiKeys } from "@/db/queries/api-keys";
import { auditLog } from "@/db/schema";
import { hashApiKey, looksLikeApiKey } from "@/lib/crypto/api-keys";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createWorkspaceApiKey, listWorkspaceApiKeys, revokeWorkspaceApiKey } from "./api-keys";
import { createOwnedWorkspace } from "./create-workspace";

describe.each(testDatabaseKinds)("workspace API keys on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  async function shop(name: string) {
    const owner = await seedUser(handle.db, "Key Owner");
    const workspace = await createOwnedWorkspace(handle.db, { name, userId: owner.id });
    return { workspace, ctx: await contextAs(handle.db, owner, workspace.slug) };
  }

  async function create(
    ctx: Awaited<ReturnType<typeof shop>>["ctx"],
    name: string,
    access: "read" | "write" = "write",
  ) {
    const result = await createWorkspaceApiKey(ctx, { name, access });
    if (!result.ok) throw new Error(result.message);
    return result.data;
  }

  it("shows the full key once; the list has only the masked prefix", async () => {
    const { workspace, ctx } = await shop("Key Shop");
    const created = await create(ctx, "CRM sync");
    expect(looksLikeApiKey(created.key)).toBe(true);
    expect(created.masked).toBe(`${created.key.slice(0, 10)}…`);
    expect(await findActiveApiKey(handle.db, hashApiKey(created.key))).toMatchObject({
      workspaceId: workspace.id,
    });

    const listed = await listWorkspaceApiKeys(handle.db, workspace.id);
    expect(listed).toEqual([
      {
        id: created.id,
        name: "CRM sync",
        masked: created.masked,
        scopes: ["read", "write"],
        createdAt: expect.any(Date),
        lastUsedAt: null,
        revokedAt: null,
        createdByName: "Key Owner",
      },
    ]);
    const raw = JSON.stringify(await listApiKeys(handle.db, { workspaceId: workspace.id }));
    expect(raw).not.toContain(created.key);
    expect(raw).not.toContain(hashApiKey(created.key));
  });

  it("creates a read-only key that the API knows as such", async () => {
    const { ctx } = await shop("Read Shop");
    const created = await create(ctx, "Dashboard", "read");
    expect(await findActiveApiKey(handle.db, hashApiKey(created.key))).toMatchObject({
      scopes: ["read"],
    });
  });

  it("revokes a key of its own workspace, once", async () => {
    const { workspace, ctx } = await shop("Revoke Shop");
    const created = await create(ctx, "Old integration");
    expect(await revokeWorkspaceApiKey(ctx, { id: created.id })).toEqual({ ok: true, data: null });
    expect(await findActiveApiKey(handle.db, hashApiKey(created.key))).toBeNull();
    expect((await listWorkspaceApiKeys(handle.db, workspace.id))[0]?.revokedAt).toBeInstanceOf(
      Date,
    );
    expect(await revokeWorkspaceApiKey(ctx, { id: created.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("revoking another workspace's key does nothing", async () => {
    const a = await shop("Shop A");
    const b = await shop("Shop B");
    const created = await create(a.ctx, "A's key");
    expect(await revokeWorkspaceApiKey(b.ctx, { id: created.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await findActiveApiKey(handle.db, hashApiKey(created.key))).not.toBeNull();
    expect(await listWorkspaceApiKeys(handle.db, b.workspace.id)).toEqual([]);
  });

  it("audits creation and revocation without the key or its hash", async () => {
    const { workspace, ctx } = await shop("Audit Shop");
    const created = await create(ctx, "Audited");
    await revokeWorkspaceApiKey(ctx, { id: created.id });
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, workspace.id));
    expect(rows.map((r) => [r.action, r.target, r.details])).toEqual(
      expect.arrayContaining([
        [
          "api_key.created",
          created.id,
          { name: "Audited", prefix: created.key.slice(0, 10), scopes: ["read", "write"] },
        ],
        ["api_key.revoked", created.id, { name: "Audited", prefix: created.key.slice(0, 10) }],
      ]),
    );
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(created.key);
    expect(everything).not.toContain(hashApiKey(created.key));
  });
});
