import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channels, signupSessions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, TEST_ACCESS_TOKEN, testKeyring } from "@/lib/testing/fixtures";
import { type OnboardingHarness, startOnboardingHarness } from "@/lib/testing/onboarding-harness";
import { connectManually } from "./connect-manually";

describe.each(testDatabaseKinds)("Connecting a number by hand on %s", (kind) => {
  let h: OnboardingHarness;
  beforeAll(async () => {
    h = await startOnboardingHarness(kind);
  });
  afterAll(() => h.close());

  /**
   * A number at "Meta" and its business token, as its owner would copy them. Registered for the
   * Cloud API unless `registered: false` (added in WhatsApp Manager, never registered).
   */
  async function sandboxNumber({ registered = true } = {}) {
    const s = await h.signup({ verifiedName: "Juma Hardware" });
    const { accessToken } = await h.deps.graph.exchangeCode(s.code, h.deps.app);
    const phoneNumberId = s.phoneNumberId ?? "";
    if (registered) await h.deps.graph.registerNumber(phoneNumberId, accessToken, "246810");
    return { accessToken, phoneNumberId, wabaId: s.wabaId };
  }
  const storedFor = async (workspaceId: string) => ({
    channels: await h.db.select().from(channels).where(eq(channels.workspaceId, workspaceId)),
    sessions: await h.db
      .select()
      .from(signupSessions)
      .where(eq(signupSessions.workspaceId, workspaceId)),
  });

  it("rejects a token Meta does not accept on the token field, storing nothing", async () => {
    const ws = await h.workspace("Typo Shop");
    const { phoneNumberId, wabaId } = await sandboxNumber();
    const result = await connectManually(h.deps, {
      ...ws,
      accessToken: "EAAG-this-token-was-mistyped-000",
      phoneNumberId,
      wabaId,
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { accessToken: expect.any(String) } });
    expect(result.ok || Object.keys(result.fieldErrors)).toEqual(["accessToken"]);
    expect(await storedFor(ws.workspaceId)).toEqual({ channels: [], sessions: [] });
  });

  it("checks the form's shape before calling Meta", async () => {
    const ws = await h.workspace("Shape Shop");
    const from = h.calls.length;
    const result = await connectManually(h.deps, {
      ...ws,
      accessToken: "short",
      phoneNumberId: "abc",
      wabaId: "",
    });
    expect(result.ok || Object.keys(result.fieldErrors).sort()).toEqual([
      "accessToken",
      "phoneNumberId",
      "wabaId",
    ]);
    expect(h.calls.length).toBe(from);
  });

  it("refuses a number that is not under the WABA, and a WABA the token cannot reach", async () => {
    const ws = await h.workspace("Mixed Up Shop");
    // One token with access to two WABAs, each with its own number.
    const a = await seedWorkspace(h.db, "Branch A", { wabaId: "700000000000001" });
    await seedWorkspace(h.db, "Branch B", { wabaId: "700000000000002" });
    const notUnder = await connectManually(h.deps, {
      ...ws,
      accessToken: TEST_ACCESS_TOKEN,
      phoneNumberId: a.phoneNumberId,
      wabaId: "700000000000002",
    });
    expect(notUnder).toMatchObject({
      ok: false,
      fieldErrors: { phoneNumberId: expect.stringContaining("not part of") },
    });

    const { accessToken, phoneNumberId } = await sandboxNumber();
    const unreachable = await connectManually(h.deps, {
      ...ws,
      accessToken,
      phoneNumberId,
      wabaId: "700000000000002",
    });
    expect(unreachable).toMatchObject({
      ok: false,
      fieldErrors: { wabaId: expect.stringContaining("No WhatsApp Business account") },
    });
    const unknownNumber = await connectManually(h.deps, {
      ...ws,
      accessToken,
      phoneNumberId: "199999999999999",
      wabaId: "700000000000002",
    });
    expect(unknownNumber).toMatchObject({
      ok: false,
      fieldErrors: { phoneNumberId: expect.stringContaining("No phone number") },
    });
    expect(await storedFor(ws.workspaceId)).toEqual({ channels: [], sessions: [] });
  });

  it("refuses a number connected to another workspace before subscribing", async () => {
    const ws = await h.workspace("Second Claim Shop");
    const owner = await seedWorkspace(h.db, "First Claim Shop", { wabaId: "700000000000003" });
    const from = h.calls.length;
    const result = await connectManually(h.deps, {
      ...ws,
      accessToken: TEST_ACCESS_TOKEN,
      phoneNumberId: owner.phoneNumberId,
      wabaId: "700000000000003",
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { phoneNumberId: expect.stringContaining("another Parley workspace") },
    });
    expect(h.calls.slice(from).some((c) => c.path.includes("subscribed_apps"))).toBe(false);
    expect(await storedFor(ws.workspaceId)).toEqual({ channels: [], sessions: [] });
  });

  it("connects a registered number: subscribed, token stored encrypted, no PIN, a manual session", async () => {
    const ws = await h.workspace("Juma Hardware");
    const { accessToken, phoneNumberId, wabaId } = await sandboxNumber();
    const result = await connectManually(h.deps, { ...ws, accessToken, phoneNumberId, wabaId });
    if (!result.ok) throw new Error(result.message);
    expect(result.view).toMatchObject({
      flow: "manual",
      wabaId,
      phoneNumberId,
      retryable: null,
      channel: { status: "connected", verifiedName: "Juma Hardware", qualityRating: "GREEN" },
    });
    expect(result.view.steps.map((s) => s.status)).toEqual([
      "skipped",
      "ok",
      "ok",
      "skipped",
      "ok",
    ]);
    expect(JSON.stringify(result.view)).not.toContain(accessToken);

    const stored = await storedFor(ws.workspaceId);
    expect(stored.sessions).toHaveLength(1);
    expect(stored.sessions[0]).toMatchObject({
      flow: "manual",
      accessTokenEncrypted: null,
      channelId: stored.channels[0]?.id,
    });
    expect(stored.channels[0]).toMatchObject({
      status: "connected",
      registrationPinEncrypted: null,
      wabaId,
    });
    expect(
      decryptSecret(
        stored.channels[0]?.accessTokenEncrypted ?? "",
        testKeyring,
        "channels.access_token",
        stored.channels[0]?.workspaceId ?? "",
      ),
    ).toBe(accessToken);
    expect(stored.channels[0]?.verifyTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const audit = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, ws.workspaceId));
    expect(audit.map((a) => a.action)).toEqual(["channel.manual_connect"]);
    expect(JSON.stringify(audit)).not.toContain(accessToken);
    expect(h.calls.some((c) => c.path.endsWith(`${wabaId}/subscribed_apps`))).toBe(true);
  });

  it("stores a number not registered for the Cloud API as pending with the reason, not connected", async () => {
    const ws = await h.workspace("Wanjiru Tailors");
    const { accessToken, phoneNumberId, wabaId } = await sandboxNumber({ registered: false });
    const result = await connectManually(h.deps, { ...ws, accessToken, phoneNumberId, wabaId });
    if (!result.ok) throw new Error(result.message);
    expect(result.view.channel).toMatchObject({ status: "pending", phoneNumberId });
    // Registering is still to do: the step stays pending, the last one says what to do.
    expect(result.view.steps.map((s) => [s.name, s.status])).toEqual([
      ["exchange", "skipped"],
      ["token", "ok"],
      ["subscribe", "ok"],
      ["register", "pending"],
      ["details", "ok"],
    ]);
    expect(result.view.steps.at(-1)?.message).toContain(
      "not registered with WhatsApp Cloud API yet, so replies can't be sent",
    );
    expect(result.view.retryable).toBeNull();

    const stored = await storedFor(ws.workspaceId);
    expect(stored.channels[0]).toMatchObject({
      status: "pending",
      statusReason: "Not registered with WhatsApp Cloud API yet — replies can't be sent.",
      connectedAt: null,
      registrationPinEncrypted: null,
    });
    // Not registered with Meta by connecting: no PIN was set behind the owner's back.
    expect(h.calls.some((c) => c.path.includes(`${phoneNumberId}/register`))).toBe(false);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, ws.workspaceId));
    expect(
      audit.map((a) => [a.action, (a.details as { registered?: boolean }).registered]),
    ).toEqual([["channel.manual_connect", false]]);
  });

  it("keeps connecting when Meta does not say where the number is registered", async () => {
    const ws = await h.workspace("Quiet Meta Shop");
    const { accessToken, phoneNumberId, wabaId } = await sandboxNumber({ registered: false });
    h.answerNext(`/${phoneNumberId}`, { id: phoneNumberId, display_phone_number: "+1 555 0100" });
    const result = await connectManually(h.deps, { ...ws, accessToken, phoneNumberId, wabaId });
    if (!result.ok) throw new Error(result.message);
    // The first reply answered 133010 flags it instead (see the reply pipeline's tests).
    expect(result.view.channel?.status).toBe("connected");
  });
});
