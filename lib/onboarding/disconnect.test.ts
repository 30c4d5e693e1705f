import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channels, messages, signupSessions } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { type OnboardingHarness, startOnboardingHarness } from "@/lib/testing/onboarding-harness";
import { disconnect } from "./disconnect";
import { startEmbeddedSignup } from "./start-embedded-signup";

describe.each(testDatabaseKinds)("Disconnecting a number on %s", (kind) => {
  let h: OnboardingHarness;
  beforeAll(async () => {
    h = await startOnboardingHarness(kind);
  });
  afterAll(() => h.close());

  const channelOf = async (id: string) =>
    (await h.db.select().from(channels).where(eq(channels.id, id)))[0];

  it("drops the token so nothing can send, and keeps the conversations", async () => {
    const ws = await seedWorkspace(h.db, "Closing Shop");
    await seedConversation(h.db, ws, { waId: "254700000901", start: new Date(), count: 3 });
    const { userId } = await h.workspace("Someone");
    const result = await disconnect(h.deps, {
      workspaceId: ws.workspaceId,
      channelId: ws.channelId,
      userId,
    });
    expect(result).toEqual({
      ok: true,
      data: { channelId: ws.channelId, phoneNumberId: ws.phoneNumberId },
    });
    const channel = await channelOf(ws.channelId);
    expect(channel).toMatchObject({
      status: "disconnected",
      accessTokenEncrypted: null,
      tokenExpiresAt: null,
    });
    expect(channel?.disconnectedAt).toBeInstanceOf(Date);
    expect(channel?.verifyTokenHash).not.toBeNull();
    const kept = await h.db.select().from(messages).where(eq(messages.channelId, ws.channelId));
    expect(kept).toHaveLength(3);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, ws.workspaceId));
    expect(audit.at(-1)).toMatchObject({
      action: "channel.disconnected",
      actorType: "user",
      actorId: userId,
      target: ws.phoneNumberId,
    });
    // The emulator no longer accepts the old channel token for this number.
    await expect(
      h.deps.graph.getPhoneNumber(ws.phoneNumberId, "EAAG-test-token-0123456789"),
    ).rejects.toMatchObject({ code: 190 });
  });

  it("also drops the token an unfinished signup for that number still held", async () => {
    const ws = await h.workspace("Half Reauthorized Shop");
    const s = await h.signup({});
    const event = { event: "FINISH", wabaId: s.wabaId, phoneNumberId: s.phoneNumberId };
    const done = await startEmbeddedSignup(h.deps, { ...ws, code: s.code, event });
    if (!done.ok || !done.data.channel) throw new Error("signup did not connect");
    const again = await h.signup({ phoneNumberId: s.phoneNumberId });
    h.failNext("/register", 133015);
    const pending = await startEmbeddedSignup(h.deps, { ...ws, code: again.code, event });
    if (!pending.ok) throw new Error(pending.message);
    const held = async () =>
      (await h.db.select().from(signupSessions).where(eq(signupSessions.id, pending.data.id)))[0];
    expect((await held())?.accessTokenEncrypted).not.toBeNull();

    await disconnect(h.deps, { ...ws, channelId: done.data.channel.id });
    expect(await held()).toMatchObject({
      accessTokenEncrypted: null,
      registrationPinEncrypted: null,
    });
  });

  it("answers not found for another workspace's channel and changes nothing", async () => {
    const owner = await seedWorkspace(h.db, "Kept Shop");
    const other = await h.workspace("Other Shop");
    const before = await channelOf(owner.channelId);
    const result = await disconnect(h.deps, {
      workspaceId: other.workspaceId,
      channelId: owner.channelId,
      userId: other.userId,
    });
    expect(result).toMatchObject({ ok: false });
    expect(await channelOf(owner.channelId)).toEqual(before);
    expect(await disconnect(h.deps, { ...other, channelId: "not-a-uuid" })).toMatchObject({
      ok: false,
    });
  });
});
