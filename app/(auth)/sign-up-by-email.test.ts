import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { createPasswordUser, findUserByEmail } from "@/db/queries/users";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/crypto/password";
import { createTestDatabase } from "@/lib/testing/databases";
import { type CapturedMail, startSmtpCapture } from "@/lib/testing/smtp-capture";

// The sign-up, sign-in and forgot-password actions with e-mail on and off: what the person sees
// must not depend on whether the address has an account; what is mailed does.
const mode = vi.hoisted(() => ({
  smtp: null as { url: string; from: string } | null,
  pending: [] as Promise<unknown>[],
}));
let handle: DatabaseHandle;
vi.mock("server-only", () => ({}));
vi.mock("next-auth", async () => ({ AuthError: (await import("@auth/core/errors")).AuthError }));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "x-parley-client-address": `192.0.2.${Math.ceil(Math.random() * 250)}` }),
}));
vi.mock("next/server", () => ({
  after: (task: () => Promise<unknown>) => {
    mode.pending.push(task());
  },
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...real,
    getEnv: () => ({ ...real.getEnv(), appUrl: "https://parley.test", smtp: mode.smtp }),
  };
});
vi.mock("@/lib/auth/next-auth", () => ({
  signOut: async () => {},
  signIn: async (_provider: string, credentials: Record<string, string>) => {
    const { authorizeCredentials } = await import("@/lib/auth/credentials");
    await authorizeCredentials(
      handle.db,
      credentials,
      new Headers({ "x-parley-client-address": `198.51.100.${Math.ceil(Math.random() * 250)}` }),
      {
        requireVerifiedEmail: mode.smtp !== null,
      },
    );
    throw Object.assign(new Error("NEXT_REDIRECT"), { to: credentials.redirectTo });
  },
}));

const { signInAction, signUpAction } = await import("./actions");
const { forgotPasswordAction } = await import("./password-actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const PASSWORD = "a long and fine password";
const signUpForm = (email: string, password = PASSWORD) =>
  form({ name: "Amina", email, password, workspaceName: "Amina's Shop" });
const mailText = (m: CapturedMail | undefined) => m?.raw.replace(/=\r\n/g, "") ?? "";

async function settle() {
  await Promise.all(mode.pending.splice(0));
}

let existing: string;
beforeAll(async () => {
  handle = await createTestDatabase("pglite");
  provideDatabase(handle);
  existing = `existing-${Date.now()}@shop.test`;
  await createPasswordUser(handle.db, {
    email: existing,
    name: "Existing",
    passwordHash: await hashPassword(PASSWORD),
  });
  await handle.db.update(users).set({ emailVerified: new Date() }).where(eq(users.email, existing));
});
afterAll(() => handle.close());

describe("with SMTP set", () => {
  let capture: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    capture = await startSmtpCapture();
    mode.smtp = capture.smtp;
  });
  afterAll(async () => {
    mode.smtp = null;
    await capture.close();
  });
  beforeEach(() => {
    capture.mails.length = 0;
  });

  it("sign-up answers the same for a new and a taken address; only the mail differs", async () => {
    const fresh = `fresh-${Date.now()}@shop.test`;
    const forNew = await signUpAction({}, signUpForm(fresh));
    const forTaken = await signUpAction({}, signUpForm(existing, "some other password"));
    await settle();
    const shape = (s: typeof forNew) => ({ ...s, values: { ...s.values, email: "x" } });
    expect(forNew.sent).toBe(true);
    expect(shape(forNew)).toEqual(shape(forTaken));

    const user = await findUserByEmail(handle.db, fresh);
    expect(user?.emailVerified).toBeNull();
    expect(await listUserWorkspaces(handle.db, user?.id ?? "")).toHaveLength(1);

    const toNew = capture.mails.find((m) => m.to.includes(fresh));
    const toTaken = capture.mails.find((m) => m.to.includes(existing));
    expect(mailText(toNew)).toMatch(/https:\/\/parley\.test\/verify-email\/[A-Za-z0-9_-]{43}/);
    expect(mailText(toTaken)).toContain("You already have one");
    expect(mailText(toTaken)).not.toContain("verify-email");
  });

  it("an unconfirmed account cannot sign in; the right password gets a new link", async () => {
    const fresh = `unconfirmed-${Date.now()}@shop.test`;
    await signUpAction({}, signUpForm(fresh));
    await settle();
    capture.mails.length = 0;
    // A minute later, so the resend is due.
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      const wrong = await signInAction({}, form({ email: fresh, password: "not the password" }));
      expect(wrong.message).toBe("The e-mail or password is not correct.");
      const right = await signInAction({}, form({ email: fresh, password: PASSWORD }));
      expect(right.message).toMatch(/Confirm your e-mail address first/);
      await settle();
    } finally {
      vi.useRealTimers();
    }
    expect(capture.mails.map((m) => m.to)).toEqual([[fresh]]);
    expect(mailText(capture.mails[0])).toContain("/verify-email/");
  });

  it("forgot-password answers the same for known and unknown addresses", async () => {
    const known = await forgotPasswordAction({}, form({ email: existing }));
    const unknown = await forgotPasswordAction({}, form({ email: "ghost@shop.test" }));
    await settle();
    expect(known).toEqual({ sent: true, values: { email: existing } });
    expect(unknown).toEqual({ sent: true, values: { email: "ghost@shop.test" } });
    expect(capture.mails.map((m) => m.to)).toEqual([[existing]]);
    expect(mailText(capture.mails[0])).toMatch(/https:\/\/parley\.test\/reset-password\//);
  });
});

describe("without SMTP", () => {
  it("sign-up with a taken address and its own password signs the owner in, as a new account would be", async () => {
    await expect(signUpAction({}, signUpForm(existing))).rejects.toMatchObject({ to: "/app" });
  });

  it("sign-up with a taken address and another password says no more than a failed sign-in", async () => {
    const state = await signUpAction({}, signUpForm(existing, "some other password"));
    expect(state.message).toMatch(/could not create an account/);
    expect(state.sent).toBeUndefined();
  });

  it("forgot-password explains that e-mail is not set up", async () => {
    const state = await forgotPasswordAction({}, form({ email: existing }));
    expect(state.message).toMatch(/not set up/);
  });
});
