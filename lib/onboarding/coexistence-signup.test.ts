import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSandboxAccount } from "@/db/queries/sandbox";
import { channels, signupSessions } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type OnboardingHarness, startOnboardingHarness } from "@/lib/testing/onboarding-harness";
import { retrySignupStep } from "./retry-signup-step";
import { startEmbeddedSignup } from "./start-embedded-signup";
import { COEXISTENCE_EVENT } from "./steps/sync";
import type { SignupSessionView } from "./types";

const statuses = (view: SignupSessionView) =>
  Object.fromEntries(view.steps.map((s) => [s.name, s.status]));

// Embedded Signup's WhatsApp Business app onboarding: the number stays in the app on the owner's
// phone, keeps its registration, and its contacts and chat history are asked for once.
describe.each(testDatabaseKinds)("Coexistence signup on %s, against the emulator", (kind) => {
  let h: OnboardingHarness;
  beforeAll(async () => {
    h = await startOnboardingHarness(kind);
  }, 180_000);
  afterAll(() => h.close());

  async function finish(ws: { workspaceId: string; userId: string }) {
    const s = await h.signup({ businessApp: true, shareHistory: true });
    const result = await startEmbeddedSignup(h.deps, {
      ...ws,
      code: s.code,
      event: {
        event: COEXISTENCE_EVENT,
        wabaId: s.wabaId,
        phoneNumberId: s.phoneNumberId,
        businessId: s.businessId,
      },
    });
    if (!result.ok) throw new Error(result.message);
    return { s, view: result.data };
  }
  const syncCalls = (phoneNumberId: string) =>
    h.calls
      .filter((c) => c.path.endsWith(`/${phoneNumberId}/smb_app_data`))
      .map((c) => (JSON.parse(c.body) as { sync_type: string }).sync_type);
  const channelOf = async (phoneNumberId: string) => {
    const [row] = await h.db
      .select()
      .from(channels)
      .where(eq(channels.phoneNumberId, phoneNumberId));
    return row;
  };

  it("connects without registering, marks the number, and asks for contacts then history", async () => {
    const ws = await h.workspace("Phone Bakery");
    const { s, view } = await finish(ws);
    const phoneNumberId = s.phoneNumberId ?? "";
    expect(view.coexistence).toBe(true);
    expect(statuses(view)).toEqual({
      exchange: "ok",
      token: "ok",
      subscribe: "ok",
      register: "skipped",
      details: "ok",
      sync: "ok",
    });
    expect(h.calls.some((c) => c.path.endsWith(`/${phoneNumberId}/register`))).toBe(false);
    expect(syncCalls(phoneNumberId)).toEqual(["smb_app_state_sync", "history"]);
    const channel = await channelOf(phoneNumberId);
    expect(channel?.coexistence).toBe(true);
    expect(channel?.status).toBe("connected");
    expect(channel?.appSync?.requestedAt).toEqual(expect.any(String));
    const account = await getSandboxAccount(h.db, phoneNumberId);
    expect(account?.contactsSyncedAt).not.toBeNull();
    expect(account?.historySyncedAt).not.toBeNull();
  });

  it("a refused sync request is retried from its step; nothing is asked for twice", async () => {
    const ws = await h.workspace("Retry Bakery");
    h.failNext("/smb_app_data", 100);
    const s = await h.signup({ businessApp: true });
    const first = await startEmbeddedSignup(h.deps, {
      ...ws,
      code: s.code,
      event: { event: COEXISTENCE_EVENT, wabaId: s.wabaId, phoneNumberId: s.phoneNumberId },
    });
    if (!first.ok) throw new Error(first.message);
    expect(statuses(first.data).sync).toBe("failed");
    expect(first.data.retryable).toBe("sync");
    expect(first.data.steps.find((x) => x.name === "sync")?.message).toMatch(/24 hours/);
    // The number works already; only the sync is missing.
    expect((await channelOf(s.phoneNumberId ?? ""))?.status).toBe("connected");

    const before = syncCalls(s.phoneNumberId ?? "").length;
    const again = await retrySignupStep(h.deps, { ...ws, sessionId: first.data.id });
    if (!again.ok) throw new Error(again.message);
    expect(statuses(again.data).sync).toBe("ok");
    expect(syncCalls(s.phoneNumberId ?? "").slice(before)).toEqual([
      "smb_app_state_sync",
      "history",
    ]);
    // Asked once each: another retry asks for nothing more.
    const third = await retrySignupStep(h.deps, { ...ws, sessionId: first.data.id });
    expect(third.ok).toBe(true);
    expect(syncCalls(s.phoneNumberId ?? "")).toHaveLength(before + 2);
  });

  it("past Meta's 24 hours the sync is refused in plain words and nothing is asked", async () => {
    const ws = await h.workspace("Late Bakery");
    h.failNext("/smb_app_data", 100);
    const s = await h.signup({ businessApp: true });
    const first = await startEmbeddedSignup(h.deps, {
      ...ws,
      code: s.code,
      event: { event: COEXISTENCE_EVENT, wabaId: s.wabaId, phoneNumberId: s.phoneNumberId },
    });
    if (!first.ok) throw new Error(first.message);
    await h.db
      .update(signupSessions)
      .set({ createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) })
      .where(eq(signupSessions.id, first.data.id));
    const before = h.calls.length;
    const again = await retrySignupStep(h.deps, { ...ws, sessionId: first.data.id });
    if (!again.ok) throw new Error(again.message);
    expect(statuses(again.data).sync).toBe("failed");
    expect(again.data.steps.find((x) => x.name === "sync")?.message).toMatch(
      /within 24 hours of the signup/,
    );
    expect(h.calls.slice(before).some((c) => c.path.endsWith("/smb_app_data"))).toBe(false);
  });

  it("an ordinary signup shows no sync step and leaves the number unmarked", async () => {
    const ws = await h.workspace("Cloud Bakery");
    const s = await h.signup();
    const result = await startEmbeddedSignup(h.deps, {
      ...ws,
      code: s.code,
      event: { event: "FINISH", wabaId: s.wabaId, phoneNumberId: s.phoneNumberId },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.steps.map((x) => x.name)).not.toContain("sync");
    expect(result.data.coexistence).toBe(false);
    expect((await channelOf(s.phoneNumberId ?? ""))?.coexistence).toBe(false);
    expect(syncCalls(s.phoneNumberId ?? "")).toEqual([]);
  });
});
