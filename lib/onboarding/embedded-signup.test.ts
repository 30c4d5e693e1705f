import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listWorkspaceChannels, upsertConnectedChannel } from "@/db/queries/channels";
import { getSandboxAccount } from "@/db/queries/sandbox";
import { getSignupSession } from "@/db/queries/signup-sessions";
import { auditLog, channels, signupSessions } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto/hash";
import { decryptSecret } from "@/lib/crypto/secrets";
import { issueSandboxCode } from "@/lib/sandbox/signup-codes";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import { type OnboardingHarness, startOnboardingHarness } from "@/lib/testing/onboarding-harness";
import { SUPERSEDED } from "./advice";
import { chooseSignupNumber } from "./choose-signup-number";
import { latestUnfinishedSignupView } from "./latest-signup-view";
import { listSignupNumbers } from "./list-signup-numbers";
import { readChannelVerifyToken } from "./read-verify-token";
import { retrySignupStep } from "./retry-signup-step";
import { startEmbeddedSignup } from "./start-embedded-signup";
import type { SignupSessionView } from "./types";

const statuses = (view: SignupSessionView) =>
  Object.fromEntries(view.steps.map((s) => [s.name, s.status]));

describe.each(testDatabaseKinds)(
  "Embedded Signup on %s, against the emulator over HTTP",
  (kind) => {
    let h: OnboardingHarness;
    beforeAll(async () => {
      h = await startOnboardingHarness(kind);
    });
    afterAll(() => h.close());

    const accountToken = async (phoneNumberId: string) => {
      const account = await getSandboxAccount(h.db, phoneNumberId);
      return decryptSecret(
        account?.accessTokenEncrypted ?? "",
        testKeyring,
        "sandbox_accounts.access_token",
        account?.wabaId ?? "",
      );
    };
    const channelRow = async (phoneNumberId: string) => {
      const [row] = await h.db
        .select()
        .from(channels)
        .where(eq(channels.phoneNumberId, phoneNumberId));
      return row;
    };
    const auditOf = (workspaceId: string) =>
      h.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));

    async function finish(ws: { workspaceId: string; userId: string }, phoneNumberId?: string) {
      const s = await h.signup(phoneNumberId ? { phoneNumberId } : {});
      const result = await startEmbeddedSignup(h.deps, {
        ...ws,
        code: s.code,
        event: {
          event: "FINISH",
          wabaId: s.wabaId,
          phoneNumberId: s.phoneNumberId,
          businessId: s.businessId,
        },
      });
      if (!result.ok) throw new Error(result.message);
      return { s, view: result.data };
    }

    it("FINISH connects the number with its token, PIN, verify token and details, and audits it", async () => {
      const ws = await h.workspace("Amani Bakery");
      const { s, view } = await finish(ws);
      const phoneNumberId = s.phoneNumberId ?? "";

      expect(statuses(view)).toEqual({
        exchange: "ok",
        token: "ok",
        subscribe: "ok",
        register: "ok",
        details: "ok",
      });
      expect(view).toMatchObject({
        flow: "embedded",
        event: "FINISH",
        wabaId: s.wabaId,
        phoneNumberId,
        retryable: null,
        restartRequired: false,
        needsNumber: false,
        channel: {
          phoneNumberId,
          wabaId: s.wabaId,
          verifiedName: "Amani Bakery",
          qualityRating: "GREEN",
          status: "connected",
          tokenExpiresAt: null,
        },
      });
      expect(view.completedAt).not.toBeNull();
      expect(view.steps.find((x) => x.name === "token")?.message).toContain("does not expire");

      const token = await accountToken(phoneNumberId);
      const channel = await channelRow(phoneNumberId);
      expect(channel).toMatchObject({
        workspaceId: ws.workspaceId,
        status: "connected",
        verifiedName: "Amani Bakery",
        qualityRating: "GREEN",
        tokenExpiresAt: null,
      });
      expect(channel?.displayPhoneNumber).toMatch(/^\+1 555 \d{3} \d{4}$/);
      expect(channel?.connectedAt).toBeInstanceOf(Date);
      expect(channel?.accessTokenEncrypted).not.toContain(token);
      expect(
        decryptSecret(
          channel?.accessTokenEncrypted ?? "",
          testKeyring,
          "channels.access_token",
          channel?.workspaceId ?? "",
        ),
      ).toBe(token);

      // The PIN Meta received is the one kept, encrypted, on the session and the channel.
      const register = h.calls.find((c) => c.path.endsWith(`${phoneNumberId}/register`));
      const pin = (JSON.parse(register?.body ?? "{}") as { pin: string }).pin;
      expect(pin).toMatch(/^\d{6}$/);
      expect(
        decryptSecret(
          channel?.registrationPinEncrypted ?? "",
          testKeyring,
          "channels.registration_pin",
          channel?.workspaceId ?? "",
        ),
      ).toBe(pin);
      // The finished signup keeps no copy: the channel holds the token and PIN from now on.
      const session = await getSignupSession(h.db, { workspaceId: ws.workspaceId, id: view.id });
      expect(session).toMatchObject({
        channelId: channel?.id,
        createdBy: ws.userId,
        accessTokenEncrypted: null,
        registrationPinEncrypted: null,
      });

      const verifyToken = await readChannelVerifyToken(h.deps, {
        workspaceId: ws.workspaceId,
        channelId: channel?.id ?? "",
      });
      expect(verifyToken).toMatch(/^[\w-]{20,}$/);
      expect(channel?.verifyTokenHash).toBe(sha256Hex(verifyToken ?? ""));

      // Meta's side: registered and subscribed.
      const account = await getSandboxAccount(h.db, phoneNumberId);
      expect(account?.registeredAt).toBeInstanceOf(Date);
      expect(account?.subscribedAt).toBeInstanceOf(Date);

      const audit = await auditOf(ws.workspaceId);
      expect(audit.map((a) => a.action)).toEqual(["channel.connected"]);
      expect(audit[0]).toMatchObject({
        actorType: "user",
        actorId: ws.userId,
        target: phoneNumberId,
      });
      for (const secret of [token, pin, verifyToken ?? ""]) {
        expect(JSON.stringify(view)).not.toContain(secret);
        expect(JSON.stringify(audit)).not.toContain(secret);
        expect(JSON.stringify(session?.steps)).not.toContain(secret);
      }
      const listed = await listWorkspaceChannels(h.db, ws.workspaceId);
      expect(listed).toHaveLength(1);
      expect(
        Object.keys(listed[0] ?? {}).some((k) => k.endsWith("Encrypted") || k.endsWith("Hash")),
      ).toBe(false);
      expect(listed[0]).toMatchObject({ status: "connected", hasAccessToken: true, phoneNumberId });
    });

    it("re-authorization replaces the token, keeps the verify token, and the old token stops working", async () => {
      const ws = await h.workspace("Reauth Shop");
      const { s } = await finish(ws);
      const phoneNumberId = s.phoneNumberId ?? "";
      const before = await channelRow(phoneNumberId);
      const oldToken = await accountToken(phoneNumberId);

      const again = await finish(ws, phoneNumberId);
      expect(again.s.wabaId).toBe(s.wabaId);
      expect(again.view.channel).toMatchObject({ id: before?.id, status: "connected" });
      const after = await channelRow(phoneNumberId);
      const newToken = await accountToken(phoneNumberId);
      expect(newToken).not.toBe(oldToken);
      expect(
        decryptSecret(
          after?.accessTokenEncrypted ?? "",
          testKeyring,
          "channels.access_token",
          after?.workspaceId ?? "",
        ),
      ).toBe(newToken);
      expect(after?.verifyTokenEncrypted).toBe(before?.verifyTokenEncrypted);
      // WhatsApp refuses a second registration with a different PIN: the first one is reused.
      const pins = h.calls
        .filter((c) => c.path.endsWith(`${phoneNumberId}/register`))
        .map((c) => (JSON.parse(c.body) as { pin: string }).pin);
      expect(pins).toHaveLength(2);
      expect(pins[1]).toBe(pins[0]);
      expect(
        decryptSecret(
          after?.registrationPinEncrypted ?? "",
          testKeyring,
          "channels.registration_pin",
          after?.workspaceId ?? "",
        ),
      ).toBe(pins[0]);
      expect(after?.verifyTokenHash).toBe(before?.verifyTokenHash);
      await expect(h.deps.graph.getPhoneNumber(phoneNumberId, oldToken)).rejects.toMatchObject({
        code: 190,
      });
      expect((await auditOf(ws.workspaceId)).map((a) => a.action)).toEqual([
        "channel.connected",
        "channel.reauthorized",
      ]);
    });

    it("stores the token's expiry from debug_token", async () => {
      const ws = await h.workspace("Expiring Shop");
      const expires = Math.floor(Date.now() / 1000) + 60 * 86400;
      h.answerNext("/debug_token", {
        data: { app_id: h.deps.app.appId, is_valid: true, expires_at: expires },
      });
      const { view } = await finish(ws);
      expect(view.channel?.tokenExpiresAt).toBe(new Date(expires * 1000).toISOString());
      expect(view.steps.find((x) => x.name === "token")?.message).toContain("valid until");
      const channel = await channelRow(view.phoneNumberId ?? "");
      expect(channel?.tokenExpiresAt?.getTime()).toBe(expires * 1000);
    });

    it("refuses a token issued to another app at the token step", async () => {
      const ws = await h.workspace("Wrong App Shop");
      h.answerNext("/debug_token", { data: { app_id: "999", is_valid: true, expires_at: 0 } });
      const { view } = await finish(ws);
      expect(statuses(view)).toMatchObject({
        exchange: "ok",
        token: "failed",
        subscribe: "pending",
      });
      expect(view.steps.find((x) => x.name === "token")?.message).toContain(
        "different Facebook app",
      );
      expect(view.retryable).toBe("token");
      expect(view.channel).toBeNull();
    });

    it("FINISH_ONLY_WABA waits for a number, lists it once added, and connects the one chosen", async () => {
      const ws = await h.workspace("No Number Yet");
      const s = await h.signup({ withNumber: false });
      expect(s.phoneNumberId).toBeUndefined();
      const started = await startEmbeddedSignup(h.deps, {
        ...ws,
        code: s.code,
        event: { event: "FINISH_ONLY_WABA", wabaId: s.wabaId, businessId: s.businessId },
      });
      if (!started.ok) throw new Error(started.message);
      expect(statuses(started.data)).toEqual({
        exchange: "ok",
        token: "ok",
        subscribe: "ok",
        register: "skipped",
        details: "pending",
      });
      expect(started.data).toMatchObject({
        needsNumber: true,
        availableNumbers: [],
        retryable: null,
      });

      const ref = { ...ws, sessionId: started.data.id };
      expect(await latestUnfinishedSignupView(h.deps, ws.workspaceId)).toMatchObject({
        id: started.data.id,
        needsNumber: true,
        availableNumbers: [],
      });
      const empty = await listSignupNumbers(h.deps, ref);
      expect(empty.ok && empty.data.availableNumbers).toEqual([]);

      const added = await h.addNumber(s.wabaId);
      const listed = await listSignupNumbers(h.deps, ref);
      if (!listed.ok) throw new Error(listed.message);
      expect(listed.data.availableNumbers).toEqual([
        {
          id: added?.phoneNumberId,
          displayPhoneNumber: added?.displayPhoneNumber,
          verifiedName: "Amani Bakery",
          qualityRating: "GREEN",
        },
      ]);

      const elsewhere = await h.signup();
      const wrong = await chooseSignupNumber(h.deps, {
        ...ref,
        phoneNumberId: elsewhere.phoneNumberId ?? "",
      });
      expect(wrong).toMatchObject({ ok: false });
      expect(wrong.ok || wrong.message).toContain("not in the WhatsApp Business account");

      const chosen = await chooseSignupNumber(h.deps, {
        ...ref,
        phoneNumberId: added?.phoneNumberId ?? "",
      });
      if (!chosen.ok) throw new Error(chosen.message);
      expect(statuses(chosen.data)).toEqual({
        exchange: "ok",
        token: "ok",
        subscribe: "ok",
        register: "ok",
        details: "ok",
      });
      expect(chosen.data).toMatchObject({
        needsNumber: false,
        phoneNumberId: added?.phoneNumberId,
        channel: { status: "connected", displayPhoneNumber: added?.displayPhoneNumber },
      });
      expect(await latestUnfinishedSignupView(h.deps, ws.workspaceId)).toBeNull();
      const again = await chooseSignupNumber(h.deps, {
        ...ref,
        phoneNumberId: added?.phoneNumberId ?? "",
      });
      expect(again).toMatchObject({ ok: false });
    });

    it("a register error (133016) fails that step with advice; retry runs only register and details", async () => {
      const ws = await h.workspace("Rate Limited Shop");
      h.failNext("/register", 133016);
      const { s, view } = await finish(ws);
      expect(statuses(view)).toEqual({
        exchange: "ok",
        token: "ok",
        subscribe: "ok",
        register: "failed",
        details: "pending",
      });
      const step = view.steps.find((x) => x.name === "register");
      expect(step).toMatchObject({ code: 133016 });
      expect(step?.message).toContain("too many times this week");
      expect(view).toMatchObject({ retryable: "register", channel: null });
      expect(await channelRow(s.phoneNumberId ?? "")).toBeUndefined();
      const failures = (await auditOf(ws.workspaceId)).filter(
        (a) => a.action === "signup.step_failed",
      );
      expect(failures).toHaveLength(1);
      expect(failures[0]?.details).toMatchObject({ step: "register", code: 133016 });

      const from = h.calls.length;
      const retried = await retrySignupStep(h.deps, { ...ws, sessionId: view.id });
      if (!retried.ok) throw new Error(retried.message);
      expect(statuses(retried.data)).toMatchObject({ register: "ok", details: "ok" });
      const made = h.calls
        .slice(from)
        .map((c) => `${c.method} ${new URL(c.path, "http://x").pathname}`);
      expect(made).toEqual([
        `POST /v25.0/${s.phoneNumberId}/register`,
        `GET /v25.0/${s.phoneNumberId}`,
      ]);
      // Both attempts used the same PIN: an attempt that reached WhatsApp set it already.
      const pins = h.calls
        .filter((c) => c.path.endsWith(`${s.phoneNumberId}/register`))
        .map((c) => (JSON.parse(c.body) as { pin: string }).pin);
      expect(pins).toHaveLength(2);
      expect(pins[0]).toBe(pins[1]);
      expect(retried.data.channel).toMatchObject({ status: "connected" });

      const nothingLeft = await retrySignupStep(h.deps, { ...ws, sessionId: view.id });
      expect(nothingLeft.ok && statuses(nothingLeft.data).details).toBe("ok");
    });

    it("an older signup cannot be retried once a newer one exists", async () => {
      const ws = await h.workspace("Two Tries Shop");
      h.failNext("/register", 133016);
      const { view: first } = await finish(ws);
      expect(first.retryable).toBe("register");
      const { view: second } = await finish(ws);
      expect(second.channel).toMatchObject({ status: "connected" });
      const stale = await retrySignupStep(h.deps, { ...ws, sessionId: first.id });
      expect(stale).toEqual({ ok: false, message: SUPERSEDED });
    });

    it("a subscribe failure says no messages would arrive; retry resumes from subscribe", async () => {
      const ws = await h.workspace("Unsubscribed Shop");
      h.failNext("/subscribed_apps", 100);
      const { s, view } = await finish(ws);
      expect(statuses(view)).toMatchObject({
        token: "ok",
        subscribe: "failed",
        register: "pending",
      });
      expect(view.steps.find((x) => x.name === "subscribe")?.message).toContain(
        "no customer messages reach Parley",
      );
      const from = h.calls.length;
      const retried = await retrySignupStep(h.deps, { ...ws, sessionId: view.id });
      expect(retried.ok && statuses(retried.data)).toMatchObject({
        subscribe: "ok",
        register: "ok",
        details: "ok",
      });
      const made = h.calls.slice(from).map((c) => new URL(c.path, "http://x").pathname);
      expect(made).toEqual([
        `/v25.0/${s.wabaId}/subscribed_apps`,
        `/v25.0/${s.phoneNumberId}/register`,
        `/v25.0/${s.phoneNumberId}`,
      ]);
    });

    it("a used or expired code fails the exchange with 'run the signup again', and cannot be retried", async () => {
      const ws = await h.workspace("Slow Shop");
      const { s } = await finish(ws);
      const reused = await startEmbeddedSignup(h.deps, {
        ...ws,
        code: s.code,
        event: { event: "FINISH", wabaId: s.wabaId, phoneNumberId: s.phoneNumberId },
      });
      if (!reused.ok) throw new Error(reused.message);
      expect(statuses(reused.data)).toMatchObject({ exchange: "failed", token: "pending" });
      expect(reused.data.steps[0]?.message).toContain("run the signup again");
      expect(reused.data).toMatchObject({ retryable: null, restartRequired: true });
      const retry = await retrySignupStep(h.deps, { ...ws, sessionId: reused.data.id });
      expect(retry).toMatchObject({ ok: false });
      expect(retry.ok || retry.message).toContain("Run the signup again");

      const expired = await startEmbeddedSignup(h.deps, {
        ...ws,
        code: issueSandboxCode(await accountToken(s.phoneNumberId ?? ""), -1),
        event: { event: "FINISH", wabaId: s.wabaId, phoneNumberId: s.phoneNumberId },
      });
      expect(expired.ok && statuses(expired.data).exchange).toBe("failed");
    });

    it("refuses a number connected to another workspace and changes nothing there", async () => {
      const owner = await h.workspace("Owner Shop");
      const { s } = await finish(owner);
      const phoneNumberId = s.phoneNumberId ?? "";
      const before = await channelRow(phoneNumberId);

      const intruder = await h.workspace("Intruder Shop");
      const registersBefore = h.calls.filter((c) => c.path.endsWith("/register")).length;
      const { view } = await finish(intruder, phoneNumberId);
      expect(statuses(view)).toMatchObject({
        subscribe: "ok",
        register: "failed",
        details: "pending",
      });
      const message = view.steps.find((x) => x.name === "register")?.message ?? "";
      expect(message).toContain("another Parley workspace");
      expect(message).not.toContain(owner.workspaceId);
      expect(h.calls.filter((c) => c.path.endsWith("/register")).length).toBe(registersBefore);
      expect(await channelRow(phoneNumberId)).toEqual(before);
      expect(await listWorkspaceChannels(h.db, intruder.workspaceId)).toEqual([]);

      // The upsert itself refuses too, should two signups race past the check.
      const raced = await upsertConnectedChannel(h.db, {
        workspaceId: intruder.workspaceId,
        phoneNumberId,
        wabaId: s.wabaId,
        displayPhoneNumber: null,
        verifiedName: null,
        qualityRating: null,
        accessTokenEncrypted: "x",
        tokenExpiresAt: null,
        verifyToken: { encrypted: "y", hash: "z" },
      });
      expect(raced).toEqual({ ok: false, reason: "other_workspace" });
      expect(await channelRow(phoneNumberId)).toEqual(before);
    });

    it("keeps sessions to their workspace", async () => {
      const a = await h.workspace("Session Owner");
      const b = await h.workspace("Session Peeker");
      const { view } = await finish(a);
      expect(await getSignupSession(h.db, { workspaceId: b.workspaceId, id: view.id })).toBeNull();
      expect(await retrySignupStep(h.deps, { ...b, sessionId: view.id })).toMatchObject({
        ok: false,
      });
      expect(await listSignupNumbers(h.deps, { ...b, sessionId: view.id })).toMatchObject({
        ok: false,
      });
      const rows = await h.db
        .select()
        .from(signupSessions)
        .where(and(eq(signupSessions.workspaceId, b.workspaceId)));
      expect(rows).toEqual([]);
    });

    it("refuses incomplete input without creating a session", async () => {
      const ws = await h.workspace("Bad Input Shop");
      const result = await startEmbeddedSignup(h.deps, {
        ...ws,
        code: "c",
        event: { event: "CANCEL", wabaId: "1" },
      });
      expect(result).toMatchObject({ ok: false });
      const rows = await h.db
        .select()
        .from(signupSessions)
        .where(eq(signupSessions.workspaceId, ws.workspaceId));
      expect(rows).toEqual([]);
    });
  },
);
