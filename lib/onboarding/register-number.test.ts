import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channels } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { type OnboardingHarness, startOnboardingHarness } from "@/lib/testing/onboarding-harness";
import { connectManually } from "./connect-manually";
import { registerNumber } from "./register-number";

describe.each(testDatabaseKinds)("Registering a number connected by hand on %s", (kind) => {
  let h: OnboardingHarness;
  beforeAll(async () => {
    h = await startOnboardingHarness(kind);
  });
  afterAll(() => h.close());

  /** A workspace whose number was connected by hand before it was registered for the Cloud API. */
  async function pendingNumber(name: string) {
    const ws = await h.workspace(name);
    const s = await h.signup({ verifiedName: name });
    const { accessToken } = await h.deps.graph.exchangeCode(s.code, h.deps.app);
    const phoneNumberId = s.phoneNumberId ?? "";
    const result = await connectManually(h.deps, {
      ...ws,
      accessToken,
      phoneNumberId,
      wabaId: s.wabaId,
    });
    if (!result.ok || !result.view.channel) throw new Error("manual connect failed");
    expect(result.view.channel.status).toBe("pending");
    return { ...ws, accessToken, phoneNumberId, channelId: result.view.channel.id };
  }
  const channelRow = async (id: string) =>
    (await h.db.select().from(channels).where(eq(channels.id, id)))[0];
  const auditOf = (workspaceId: string) =>
    h.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
  const sendFrom = (n: { phoneNumberId: string; accessToken: string }) =>
    h.deps.graph.sendText(n.phoneNumberId, n.accessToken, { to: "254700000777", body: "Hello" });

  it("registers with the owner's PIN, keeps it encrypted, and connects the number", async () => {
    const n = await pendingNumber("Baraka Books");
    await expect(sendFrom(n)).rejects.toMatchObject({ code: 133010, kind: "unregistered" });
    const result = await registerNumber(h.deps, { ...n, pin: "135790" });
    expect(result).toEqual({
      ok: true,
      data: { channelId: n.channelId, phoneNumberId: n.phoneNumberId },
    });
    const register = h.calls.filter((c) => c.path.endsWith(`${n.phoneNumberId}/register`));
    expect(register.map((c) => JSON.parse(c.body))).toEqual([
      { messaging_product: "whatsapp", pin: "135790" },
    ]);
    const row = await channelRow(n.channelId);
    expect(row).toMatchObject({ status: "connected", statusReason: null });
    expect(row?.connectedAt).toBeInstanceOf(Date);
    expect(
      decryptSecret(
        row?.registrationPinEncrypted ?? "",
        testKeyring,
        "channels.registration_pin",
        n.workspaceId,
      ),
    ).toBe("135790");
    // WhatsApp now takes replies from it.
    expect((await sendFrom(n))[0]?.wamid).toMatch(/^wamid\./);

    const audit = await auditOf(n.workspaceId);
    expect(audit.map((a) => a.action)).toEqual(["channel.manual_connect", "channel.registered"]);
    expect(audit[1]?.details).toMatchObject({ channelId: n.channelId, pin: "owner" });
    expect(JSON.stringify(audit)).not.toContain("135790");
    expect(JSON.stringify(result)).not.toContain("135790");
  });

  it("without a PIN, Parley makes a 6-digit one and keeps it", async () => {
    const n = await pendingNumber("Chebet Crafts");
    expect(await registerNumber(h.deps, { ...n, pin: "" })).toMatchObject({ ok: true });
    const [call] = h.calls.filter((c) => c.path.endsWith(`${n.phoneNumberId}/register`));
    const { pin } = JSON.parse(call?.body ?? "{}") as { pin: string };
    expect(pin).toMatch(/^\d{6}$/);
    const row = await channelRow(n.channelId);
    expect(row?.status).toBe("connected");
    expect(
      decryptSecret(
        row?.registrationPinEncrypted ?? "",
        testKeyring,
        "channels.registration_pin",
        n.workspaceId,
      ),
    ).toBe(pin);
  });

  it.each([
    [133016, /too many times this week[\s\S]*Wait a day or two/],
    [133005, /Enter the number's current PIN/],
    [133006, /verified again/],
    [133015, /Wait about five minutes, then register again/],
    [133009, /Wait a few minutes, then register again/],
    [131000, /Wait a minute, then register again/],
  ])("turns register error %i into words and leaves the number pending", async (code, words) => {
    const n = await pendingNumber(`Refused Shop ${code}`);
    // A busy Meta (131000) is retried by the client: it stays busy for every attempt.
    for (let i = 0; i < (code === 131000 ? 4 : 1); i++)
      h.failNext(`${n.phoneNumberId}/register`, code);
    const result = await registerNumber(h.deps, { ...n, pin: "112233" });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(words) });
    expect(JSON.stringify(result)).not.toContain("112233");
    expect(JSON.stringify(result)).not.toContain("Scripted error");
    const row = await channelRow(n.channelId);
    expect(row).toMatchObject({ status: "pending", registrationPinEncrypted: null });
    const audit = await auditOf(n.workspaceId);
    expect(audit.at(-1)).toMatchObject({
      action: "channel.register_failed",
      details: { channelId: n.channelId, code, pinGiven: true },
    });
    expect(JSON.stringify(audit)).not.toContain("112233");
  });

  it("connects a number registered elsewhere meanwhile without registering it again", async () => {
    const n = await pendingNumber("Dalia Flowers");
    await h.deps.graph.registerNumber(n.phoneNumberId, n.accessToken, "999000");
    const from = h.calls.length;
    expect(await registerNumber(h.deps, n)).toMatchObject({ ok: true });
    expect(h.calls.slice(from).some((c) => c.path.endsWith("/register"))).toBe(false);
    expect(await channelRow(n.channelId)).toMatchObject({
      status: "connected",
      registrationPinEncrypted: null,
    });
  });

  it("refuses a malformed PIN, another workspace's number and a disconnected one", async () => {
    const n = await pendingNumber("Esther Electronics");
    const from = h.calls.length;
    expect(await registerNumber(h.deps, { ...n, pin: "12ab" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("exactly 6 digits"),
    });
    const other = await seedWorkspace(h.db, "Nosy Shop");
    expect(
      await registerNumber(h.deps, { ...n, workspaceId: other.workspaceId, pin: "123456" }),
    ).toEqual({ ok: false, message: "This number was not found in your workspace." });
    expect(h.calls.length).toBe(from);
    expect((await channelRow(n.channelId))?.status).toBe("pending");

    await h.db
      .update(channels)
      .set({ status: "disconnected", accessTokenEncrypted: null })
      .where(eq(channels.id, n.channelId));
    expect(await registerNumber(h.deps, n)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Reconnect it first"),
    });
    expect(h.calls.length).toBe(from);
  });
});
