import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { countUserSessions } from "@/db/queries/sessions";
import { sessions } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import { removeMember } from "@/lib/workspaces/members";
import {
  checkSessionToken,
  endAllSessions,
  endSession,
  resolveSession,
  startSession,
} from "./sessions";

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabaseKinds)("server-side sessions on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("a started session resolves to its user until it is ended", async () => {
    const user = await seedUser(handle.db, "session");
    const sid = await startSession(handle.db, user.id);
    expect(await resolveSession(handle.db, sid)).toEqual({
      userId: user.id,
      email: user.email,
      name: user.name,
    });
    await endSession(handle.db, sid);
    expect(await resolveSession(handle.db, sid)).toBeNull();
  });

  it("the token check: sign-in names a new session; later reads need it live and the user's own", async () => {
    const user = await seedUser(handle.db, "token");
    const other = await seedUser(handle.db, "other");
    const signedIn = await checkSessionToken(handle.db, {
      token: { sub: "ignored" } as { sub: string; sid?: unknown },
      user: { id: user.id },
      trigger: "signIn",
    });
    expect(signedIn?.sub).toBe(user.id);
    expect(typeof signedIn?.sid).toBe("string");
    const token = { sub: user.id, sid: signedIn?.sid, name: "stale", email: "stale@x.test" };

    expect(await checkSessionToken(handle.db, { token })).toEqual({
      ...token,
      name: user.name,
      email: user.email,
    });
    // A token whose session id was grafted from someone else's is refused.
    expect(await checkSessionToken(handle.db, { token: { ...token, sub: other.id } })).toBeNull();
    // A token from before sessions had rows carries no id.
    expect(await checkSessionToken(handle.db, { token: { sub: user.id } })).toBeNull();
    await endSession(handle.db, signedIn?.sid);
    expect(await checkSessionToken(handle.db, { token })).toBeNull();
  });

  it("stores only a hash of the id the cookie carries", async () => {
    const user = await seedUser(handle.db, "hashed");
    const sid = await startSession(handle.db, user.id);
    const stored = await handle.db.select({ token: sessions.sessionToken }).from(sessions);
    expect(stored.map((r) => r.token)).not.toContain(sid);
  });

  it("refuses tokens without a session id, and unknown ids", async () => {
    expect(await resolveSession(handle.db, undefined)).toBeNull();
    expect(await resolveSession(handle.db, "")).toBeNull();
    expect(await resolveSession(handle.db, "made-up-session-id")).toBeNull();
  });

  it("ending every session signs out every browser of that user only", async () => {
    const user = await seedUser(handle.db, "everywhere");
    const other = await seedUser(handle.db, "bystander");
    const a = await startSession(handle.db, user.id);
    const b = await startSession(handle.db, user.id);
    const c = await startSession(handle.db, other.id);
    expect(await endAllSessions(handle.db, user.id)).toBe(2);
    expect(await resolveSession(handle.db, a)).toBeNull();
    expect(await resolveSession(handle.db, b)).toBeNull();
    expect((await resolveSession(handle.db, c))?.userId).toBe(other.id);
  });

  it("expires after 30 days unused, and a session in use is extended", async () => {
    const user = await seedUser(handle.db, "expiry");
    const start = new Date("2030-01-01T00:00:00Z");
    const idle = await startSession(handle.db, user.id, start);
    const used = await startSession(handle.db, user.id, start);
    expect(await resolveSession(handle.db, used, new Date(start.getTime() + 20 * DAY))).not.toBe(
      null,
    );
    const later = new Date(start.getTime() + 31 * DAY);
    expect(await resolveSession(handle.db, idle, later)).toBeNull();
    expect(await resolveSession(handle.db, used, later)).not.toBeNull();
  });

  it("removal from the last workspace ends the person's sessions; from one of two it does not", async () => {
    const owner = await seedUser(handle.db, "owner");
    const member = await seedUser(handle.db, "member");
    const a = await createOwnedWorkspace(handle.db, { name: "Shop A", userId: owner.id });
    const b = await createOwnedWorkspace(handle.db, { name: "Shop B", userId: owner.id });
    await addMembership(handle.db, { workspaceId: a.id, userId: member.id, role: "agent" });
    await addMembership(handle.db, { workspaceId: b.id, userId: member.id, role: "agent" });
    const sid = await startSession(handle.db, member.id);
    const ownerSid = await startSession(handle.db, owner.id);

    const asOwnerA = await contextAs(handle.db, owner, a.slug, "members.manage");
    expect((await removeMember(asOwnerA, { userId: member.id })).ok).toBe(true);
    expect(await resolveSession(handle.db, sid)).not.toBeNull();

    const asOwnerB = await contextAs(handle.db, owner, b.slug, "members.manage");
    expect((await removeMember(asOwnerB, { userId: member.id })).ok).toBe(true);
    expect(await resolveSession(handle.db, sid)).toBeNull();
    expect(await countUserSessions(handle.db, { userId: member.id, now: new Date() })).toBe(0);
    expect(await resolveSession(handle.db, ownerSid)).not.toBeNull();
  });
});
