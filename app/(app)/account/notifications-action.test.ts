import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  getNotificationPreferences,
} from "@/db/queries/notification-preferences";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedUser } from "@/lib/testing/workspace-context";

// The account page's notification preferences through the real action and database; only the
// session is a stand-in.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/next-auth", () => ({ signIn: async () => {}, signOut: async () => {} }));
vi.mock("next-auth", () => ({ AuthError: Error }));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));
vi.mock("@/lib/auth/session", async () => {
  const stubs = await import("@/lib/testing/guard-stubs");
  return {
    ...stubs,
    requireUser: async (next?: string) => {
      if (!stubs.signedIn.user) stubs.navigation.redirect(`/sign-in?next=${next ?? ""}`);
      return stubs.signedIn.user;
    },
  };
});

const { saveNotificationsAction } = await import("./actions");

describe.each(testDatabaseKinds)("notification preferences on %s", (kind) => {
  let handle: DatabaseHandle;
  let me: SessionUser;
  let other: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    me = await seedUser(handle.db, "me");
    other = await seedUser(handle.db, "other");
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const quiet = { needsHuman: false, assigned: true, mine: false, sound: true, email: false };

  it("sends the signed-out to sign in and changes nothing", async () => {
    await expect(saveNotificationsAction(quiet)).rejects.toThrow(/^redirect:\/sign-in/);
    expect(await getNotificationPreferences(handle.db, me.id)).toEqual(
      DEFAULT_NOTIFICATION_PREFERENCES,
    );
  });

  it("keeps each person's own choices", async () => {
    signedIn.user = me;
    expect(await saveNotificationsAction(quiet)).toEqual({ ok: true });
    expect(await getNotificationPreferences(handle.db, me.id)).toEqual(quiet);
    expect(await getNotificationPreferences(handle.db, other.id)).toEqual(
      DEFAULT_NOTIFICATION_PREFERENCES,
    );
    expect(await saveNotificationsAction({ ...quiet, email: true })).toEqual({ ok: true });
    expect((await getNotificationPreferences(handle.db, me.id)).email).toBe(true);
  });

  it("refuses input that is not the five choices", async () => {
    signedIn.user = me;
    const bad = { ...quiet, sound: "loud" } as unknown as typeof quiet;
    expect(await saveNotificationsAction(bad)).toMatchObject({ ok: false });
  });
});
