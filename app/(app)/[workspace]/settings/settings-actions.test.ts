import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { addMembership, findMembershipBySlug } from "@/db/queries/memberships";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

// The actions as the browser calls them, through the real guard and database; only the session
// and Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("@/lib/auth/next-auth", () => ({ signOut: async () => {} }));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const settings = await import("./actions");
const members = await import("./members/actions");
const apiKeys = await import("./api-keys/actions");
const inboxSettings = await import("./inbox/actions");
const invite = await import("@/app/(auth)/invite/[token]/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe.each(testDatabaseKinds)("settings actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let slug: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    owner = await seedUser(handle.db, "owner");
    agent = await seedUser(handle.db, "agent");
    outsider = await seedUser(handle.db, "outsider");
    const ws = await createOwnedWorkspace(handle.db, { name: "Action Shop", userId: owner.id });
    await addMembership(handle.db, { workspaceId: ws.id, userId: agent.id, role: "agent" });
    await createOwnedWorkspace(handle.db, { name: "Elsewhere", userId: outsider.id });
    slug = ws.slug;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const uuid = "00000000-0000-4000-8000-000000000000";
  const everyAction = () => [
    settings.renameWorkspaceAction(slug, { name: "Hijacked" }),
    members.changeRoleAction(slug, { userId: owner.id, role: "agent" }),
    members.removeMemberAction(slug, { userId: owner.id }),
    members.inviteMemberAction(slug, { email: "x@example.test", role: "owner" }),
    members.revokeInvitationAction(slug, { id: uuid }),
    apiKeys.createApiKeyAction(slug, { name: "Stolen" }),
    apiKeys.revokeApiKeyAction(slug, { id: uuid }),
    settings.saveReminderAction(slug, { minutes: 15 }),
    inboxSettings.saveCsatSettingsAction(slug, { enabled: true, question: "Hijacked?" }),
  ];

  it("refuses signed-out visitors and outsiders everything", async () => {
    for (const result of await Promise.all(everyAction())) {
      expect(result).toMatchObject({ ok: false, code: "signed_out" });
    }
    expect(await settings.leaveWorkspaceAction(slug, {})).toMatchObject({ code: "signed_out" });
    signedIn.user = outsider;
    for (const result of await Promise.all(everyAction())) {
      expect(result).toMatchObject({ ok: false, code: "not_member" });
    }
    expect(await settings.leaveWorkspaceAction(slug, {})).toMatchObject({ code: "not_member" });
  });

  it("refuses an agent every settings change, but lets them leave", async () => {
    signedIn.user = agent;
    for (const result of await Promise.all(everyAction())) {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await settings.leaveWorkspaceAction(slug, {})).toEqual({ ok: true, data: null });
    expect(await findMembershipBySlug(handle.db, { userId: agent.id, slug })).toBeNull();
  });

  it("answers bad input with field errors", async () => {
    signedIn.user = owner;
    expect(await settings.renameWorkspaceAction(slug, { name: " x " })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { name: "Enter at least 2 characters." },
    });
    expect(
      await members.inviteMemberAction(slug, { email: "not-an-address", role: "agent" }),
    ).toMatchObject({ ok: false, fieldErrors: { email: "Enter a valid e-mail address." } });
    expect(await apiKeys.createApiKeyAction(slug, { name: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String) },
    });
    expect(await settings.saveReminderAction(slug, { minutes: 7 })).toMatchObject({
      ok: false,
      fieldErrors: { minutes: "Choose one of the delays." },
    });
  });

  it("sets and turns off the reminder e-mails' delay", async () => {
    signedIn.user = owner;
    const { getReminderMinutes } = await import("@/db/queries/workspaces");
    const ws = await findMembershipBySlug(handle.db, { userId: owner.id, slug });
    expect(await settings.saveReminderAction(slug, { minutes: 30 })).toEqual({
      ok: true,
      data: { minutes: 30 },
    });
    expect(await getReminderMinutes(handle.db, ws?.workspace.id ?? "")).toBe(30);
    expect(await settings.saveReminderAction(slug, { minutes: null })).toMatchObject({ ok: true });
    expect(await getReminderMinutes(handle.db, ws?.workspace.id ?? "")).toBeNull();
  });

  it("turns customer ratings on with the owner's question, and off", async () => {
    signedIn.user = owner;
    const { getBotSettings } = await import("@/db/queries/bot-settings");
    const ws = await findMembershipBySlug(handle.db, { userId: owner.id, slug });
    const read = () => getBotSettings(handle.db, ws?.workspace.id ?? "");
    expect((await read()).csatEnabled).toBe(false);
    expect(
      await inboxSettings.saveCsatSettingsAction(slug, { enabled: true, question: "  Rate us?  " }),
    ).toEqual({ ok: true, data: { enabled: true } });
    expect(await read()).toMatchObject({ csatEnabled: true, csatQuestion: "Rate us?" });
    expect(
      await inboxSettings.saveCsatSettingsAction(slug, {
        enabled: true,
        question: "x".repeat(1025),
      }),
    ).toMatchObject({ ok: false, fieldErrors: { question: expect.stringMatching(/1024/) } });
    expect(await read()).toMatchObject({ csatEnabled: true, csatQuestion: "Rate us?" });
    expect(
      await inboxSettings.saveCsatSettingsAction(slug, { enabled: false, question: "" }),
    ).toEqual({ ok: true, data: { enabled: false } });
    expect(await read()).toMatchObject({ csatEnabled: false, csatQuestion: null });
  });

  it("invites, and the invited person joins through the invitation page's action", async () => {
    signedIn.user = owner;
    const joiner = await seedUser(handle.db, "joiner");
    const created = await members.inviteMemberAction(slug, {
      email: joiner.email ?? "",
      role: "admin",
    });
    if (!created.ok) throw new Error(created.message);
    const token = created.data.link.split("/invite/")[1] ?? "";

    signedIn.user = null;
    await expect(invite.acceptInvitationAction({}, form({ token }))).rejects.toThrow(
      `redirect:/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`,
    );
    signedIn.user = outsider;
    expect(await invite.acceptInvitationAction({}, form({ token }))).toEqual({
      message: `This invitation is for ${joiner.email}. Sign in with that address to accept it.`,
    });
    signedIn.user = joiner;
    await expect(invite.acceptInvitationAction({}, form({ token }))).rejects.toThrow(
      `redirect:/${slug}`,
    );
    expect(await findMembershipBySlug(handle.db, { userId: joiner.id, slug })).toMatchObject({
      role: "admin",
    });
  });

  it("renames and manages API keys for an owner", async () => {
    signedIn.user = owner;
    expect(await settings.renameWorkspaceAction(slug, { name: "Renamed Shop" })).toEqual({
      ok: true,
      data: { name: "Renamed Shop" },
    });
    const key = await apiKeys.createApiKeyAction(slug, { name: "CRM" });
    if (!key.ok) throw new Error(key.message);
    expect(await apiKeys.revokeApiKeyAction(slug, { id: key.data.id })).toEqual({
      ok: true,
      data: null,
    });
  });
});
