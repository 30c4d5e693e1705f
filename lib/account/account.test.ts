import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createPasswordUser, findUserByEmail } from "@/db/queries/users";
import { accountTokens, users } from "@/db/schema";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { deliverAccountMail, existingAccountMail } from "./account-mail";
import { changePassword } from "./change-password";
import { createVerificationMail, resendVerification, verifyEmail } from "./email-verification";
import {
  createPasswordResetLink,
  isResetTokenLive,
  requestPasswordReset,
  resetPassword,
} from "./password-reset";

const APP_URL = "https://parley.test";
const HOUR = 60 * 60 * 1000;
const linkToken = (text: string, path: string) =>
  new RegExp(`${APP_URL}/${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1] ?? "";

let n = 0;
describe.each(testDatabaseKinds)("account e-mails and passwords on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  async function person(password = "the old password 1") {
    n += 1;
    const email = `person-${Date.now().toString(36)}${n}@shop.test`;
    const user = await createPasswordUser(handle.db, {
      email,
      name: "Person",
      passwordHash: await hashPassword(password),
    });
    if (!user) throw new Error("not created");
    return { ...user, email };
  }

  describe("password reset", () => {
    it("mails a one-hour link under APP_URL and stores only its hash", async () => {
      const p = await person();
      const mail = await requestPasswordReset(handle.db, p.email.toUpperCase(), APP_URL);
      expect(mail?.to).toBe(p.email);
      const token = linkToken(mail?.text ?? "", "reset-password");
      expect(token).toHaveLength(43);
      const rows = await handle.db
        .select()
        .from(accountTokens)
        .where(eq(accountTokens.userId, p.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.tokenHash).not.toBe(token);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
    });

    it("says nothing for an unknown address and sends at most one mail a minute", async () => {
      expect(await requestPasswordReset(handle.db, "nobody@shop.test", APP_URL)).toBeNull();
      const p = await person();
      expect(await requestPasswordReset(handle.db, p.email, APP_URL)).not.toBeNull();
      expect(await requestPasswordReset(handle.db, p.email, APP_URL)).toBeNull();
      const later = new Date(Date.now() + 61_000);
      expect(await requestPasswordReset(handle.db, p.email, APP_URL, later)).not.toBeNull();
    });

    it("sets the password once, ends every session and confirms the address", async () => {
      const p = await person();
      const sid = await startSession(handle.db, p.id);
      const mail = await requestPasswordReset(handle.db, p.email, APP_URL);
      const token = linkToken(mail?.text ?? "", "reset-password");
      expect(await isResetTokenLive(handle.db, token)).toBe(true);

      expect(await resetPassword(handle.db, { token, password: "a brand new password" })).toEqual({
        ok: true,
        email: p.email,
      });
      const after = await findUserByEmail(handle.db, p.email);
      expect(await verifyPassword("a brand new password", after?.passwordHash ?? "")).toBe(true);
      expect(after?.emailVerified).not.toBeNull();
      expect(await resolveSession(handle.db, sid)).toBeNull();

      expect(await isResetTokenLive(handle.db, token)).toBe(false);
      expect(await resetPassword(handle.db, { token, password: "yet another password" })).toEqual({
        ok: false,
      });
    });

    it("refuses an expired link and a malformed one", async () => {
      const p = await person();
      const { link } = (await createPasswordResetLink(handle.db, p.email, APP_URL)) ?? {};
      const token = linkToken(link ?? "", "reset-password");
      const late = new Date(Date.now() + HOUR + 1000);
      expect(await isResetTokenLive(handle.db, token, late)).toBe(false);
      expect(
        await resetPassword(handle.db, { token, password: "too late password" }, late),
      ).toEqual({ ok: false });
      expect(await resetPassword(handle.db, { token: "short", password: "x".repeat(12) })).toEqual({
        ok: false,
      });
      const still = await findUserByEmail(handle.db, p.email);
      expect(await verifyPassword("the old password 1", still?.passwordHash ?? "")).toBe(true);
    });

    it("the CLI link needs an existing account", async () => {
      expect(await createPasswordResetLink(handle.db, "ghost@shop.test", APP_URL)).toBeNull();
    });
  });

  describe("e-mail verification", () => {
    it("confirms the address once, keeping the next page in the link", async () => {
      const p = await person();
      const mail = await createVerificationMail(handle.db, p, {
        appUrl: APP_URL,
        next: "/invite/abc",
      });
      expect(mail.text).toContain("?next=%2Finvite%2Fabc");
      const token = linkToken(mail.text, "verify-email");
      expect(await verifyEmail(handle.db, token)).toBe(true);
      expect((await findUserByEmail(handle.db, p.email))?.emailVerified).not.toBeNull();
      expect(await verifyEmail(handle.db, token)).toBe(false);
      expect(await resendVerification(handle.db, p.email, { appUrl: APP_URL })).toBeNull();
    });

    it("does not confirm an address the account no longer has", async () => {
      const p = await person();
      const mail = await createVerificationMail(handle.db, p, { appUrl: APP_URL });
      await handle.db
        .update(users)
        .set({ email: `changed-${p.email}` })
        .where(eq(users.id, p.id));
      expect(await verifyEmail(handle.db, linkToken(mail.text, "verify-email"))).toBe(false);
    });

    it("resends to an unconfirmed account, at most once a minute", async () => {
      const p = await person();
      expect(await resendVerification(handle.db, p.email, { appUrl: APP_URL })).not.toBeNull();
      expect(await resendVerification(handle.db, p.email, { appUrl: APP_URL })).toBeNull();
      expect(
        await resendVerification(handle.db, "ghost@shop.test", { appUrl: APP_URL }),
      ).toBeNull();
    });
  });

  describe("password change", () => {
    it("refuses a wrong current password and leaves everything as it was", async () => {
      const p = await person();
      const sid = await startSession(handle.db, p.id);
      expect(
        await changePassword(handle.db, {
          userId: p.id,
          currentPassword: "not it at all",
          newPassword: "a brand new password",
        }),
      ).toMatchObject({ ok: false, code: "wrong_password" });
      expect(await resolveSession(handle.db, sid)).not.toBeNull();
    });

    it("sets the new password and ends every session and reset link", async () => {
      const p = await person();
      const sid = await startSession(handle.db, p.id);
      const reset = await requestPasswordReset(handle.db, p.email, APP_URL);
      expect(
        await changePassword(handle.db, {
          userId: p.id,
          currentPassword: "the old password 1",
          newPassword: "a brand new password",
        }),
      ).toEqual({ ok: true });
      expect(await resolveSession(handle.db, sid)).toBeNull();
      const token = linkToken(reset?.text ?? "", "reset-password");
      expect(await isResetTokenLive(handle.db, token)).toBe(false);
      const after = await findUserByEmail(handle.db, p.email);
      expect(await verifyPassword("a brand new password", after?.passwordHash ?? "")).toBe(true);
    });

    it("tells an account without a password how to get one", async () => {
      n += 1;
      const oauth = await handle.db
        .insert(users)
        .values({ email: `oauth-${n}-${Date.now()}@shop.test`, name: "OAuth" })
        .returning({ id: users.id });
      const result = await changePassword(handle.db, {
        userId: oauth[0]?.id ?? "",
        currentPassword: "anything",
        newPassword: "a brand new password",
      });
      expect(result).toMatchObject({ ok: false, code: "no_password" });
    });
  });
});

describe("account e-mails through SMTP", () => {
  it("sends what the flows composed, to the account's address", async () => {
    const capture = await startSmtpCapture();
    try {
      const mail = existingAccountMail({ to: "owner@shop.test", appUrl: APP_URL });
      expect(await deliverAccountMail(capture.smtp, mail)).toBe(true);
      expect(capture.mails).toHaveLength(1);
      expect(capture.mails[0]?.to).toEqual(["owner@shop.test"]);
      expect(capture.mails[0]?.raw.replace(/=\r\n/g, "")).toContain(`${APP_URL}/forgot-password`);
    } finally {
      await capture.close();
    }
  });

  it("a dead mail server is reported as not sent, and the log has neither address nor link", async () => {
    const warn: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warn.push(args);
    try {
      const sent = await deliverAccountMail(
        { url: "smtp://127.0.0.1:1", from: "Parley <p@parley.test>" },
        { to: "secret-person@shop.test", subject: "Reset", text: `${APP_URL}/reset-password/x` },
      );
      expect(sent).toBe(false);
      expect(JSON.stringify(warn)).not.toContain("secret-person");
      expect(JSON.stringify(warn)).not.toContain("reset-password/");
    } finally {
      console.warn = original;
    }
  });
});
