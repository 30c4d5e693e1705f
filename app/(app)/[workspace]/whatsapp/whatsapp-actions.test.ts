import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { channels } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

// Registering a number as the browser asks for it, through the real guard and database.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { registerNumberAction } = await import("./actions");

describe.each(testDatabaseKinds)("registering a number from the WhatsApp page on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let slug: string;
  let channelId: string;
  let otherChannelId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    owner = await seedUser(handle.db, "owner");
    agent = await seedUser(handle.db, "agent");
    outsider = await seedUser(handle.db, "outsider");
    const ws = await createOwnedWorkspace(handle.db, { name: "Pending Shop", userId: owner.id });
    await addMembership(handle.db, { workspaceId: ws.id, userId: agent.id, role: "agent" });
    await createOwnedWorkspace(handle.db, { name: "Elsewhere", userId: outsider.id });
    slug = ws.slug;
    const [row] = await handle.db
      .insert(channels)
      .values({ workspaceId: ws.id, phoneNumberId: "177000000000001", status: "pending" })
      .returning({ id: channels.id });
    channelId = row?.id ?? "";
    otherChannelId = (await seedWorkspace(handle.db, "Someone Else")).channelId;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  it("refuses signed-out visitors, outsiders and agents", async () => {
    const attempt = () => registerNumberAction(slug, { channelId, pin: "123456" });
    expect(await attempt()).toMatchObject({ ok: false, code: "signed_out" });
    signedIn.user = outsider;
    expect(await attempt()).toMatchObject({ ok: false, code: "not_member" });
    signedIn.user = agent;
    expect(await attempt()).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("answers a malformed PIN on its field, another workspace's number as not found", async () => {
    signedIn.user = owner;
    expect(await registerNumberAction(slug, { channelId, pin: "12" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { pin: expect.stringContaining("exactly 6 digits") },
    });
    expect(await registerNumberAction(slug, { channelId: otherChannelId, pin: "123456" })).toEqual({
      ok: false,
      code: "refused",
      message: "This number was not found in your workspace.",
    });
    const [other] = await handle.db
      .select({ status: channels.status })
      .from(channels)
      .where(eq(channels.id, otherChannelId));
    expect(other?.status).toBe("connected");
    // A number without access is sent back to reconnecting, before anything reaches Meta.
    expect(await registerNumberAction(slug, { channelId })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Reconnect it first"),
    });
  });
});
