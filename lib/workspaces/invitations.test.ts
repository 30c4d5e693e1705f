import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listPendingInvitations } from "@/db/queries/invitations";
import { addMembership, findMembershipBySlug, type Role } from "@/db/queries/memberships";
import { auditLog, invitations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { sha256Hex } from "@/lib/crypto/hash";
import { captureLogs } from "@/lib/log";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "./create-workspace";
import {
  acceptInvitationToken,
  type InviteDeps,
  inspectInvitationToken,
  inviteMember,
  revokeMemberInvitation,
} from "./invitations";
import { changeMemberRole } from "./members";

const APP_URL = "https://parley.test";
const noMail: InviteDeps = { appUrl: APP_URL, smtp: null };
const tokenOf = (link: string) => link.slice(`${APP_URL}/invite/`.length);

describe.each(testDatabaseKinds)("invitations on %s", (kind) => {
  let handle: DatabaseHandle;
  const tokens: string[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  async function shop(extra: Role[] = []) {
    const owner = await seedUser(handle.db, "owner");
    const workspace = await createOwnedWorkspace(handle.db, {
      name: "Invite Shop",
      userId: owner.id,
    });
    const others: SessionUser[] = [];
    for (const role of extra) {
      const user = await seedUser(handle.db, role);
      await addMembership(handle.db, { workspaceId: workspace.id, userId: user.id, role });
      others.push(user);
    }
    return {
      workspace,
      owner,
      others,
      as: (u: SessionUser) => contextAs(handle.db, u, workspace.slug),
    };
  }

  async function invite(
    s: Awaited<ReturnType<typeof shop>>,
    email: string,
    role: Role = "agent",
    deps = noMail,
  ) {
    const result = await inviteMember(await s.as(s.owner), { email, role }, deps);
    if (!result.ok) throw new Error(result.message);
    tokens.push(tokenOf(result.data.link));
    return { ...result.data, token: tokenOf(result.data.link) };
  }

  const roleIn = async (user: SessionUser, slug: string) =>
    (await findMembershipBySlug(handle.db, { userId: user.id, slug }))?.role ?? null;

  it("stores only the token's hash and expires in 7 days", async () => {
    const s = await shop();
    const before = Date.now();
    const created = await invite(s, "New.Person@Example.test", "admin");
    expect(created.link).toMatch(/^https:\/\/parley\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      email: "new.person@example.test",
      role: "admin",
      emailed: false,
    });
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, created.id));
    expect(row?.tokenHash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const ttl = (row?.expiresAt.getTime() ?? 0) - before;
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);
    expect(row?.invitedBy).toBe(s.owner.id);
  });

  it("re-inviting an address revokes its earlier pending invitation", async () => {
    const s = await shop();
    const first = await invite(s, "twice@example.test", "agent");
    const second = await invite(s, "TWICE@example.test", "admin");
    expect((await inspectInvitationToken(handle.db, first.token)).status).toBe("revoked");
    expect((await inspectInvitationToken(handle.db, second.token)).status).toBe("valid");
    const pending = await listPendingInvitations(handle.db, { workspaceId: s.workspace.id });
    expect(pending).toEqual([
      expect.objectContaining({ id: second.id, email: "twice@example.test", role: "admin" }),
    ]);
    expect(Object.keys(pending[0] ?? {})).not.toContain("tokenHash");
  });

  it("an invited user joins with the invited role, once", async () => {
    const s = await shop();
    const user = await seedUser(handle.db, "joiner");
    const { token } = await invite(s, user.email ?? "", "admin");
    const view = await inspectInvitationToken(handle.db, token);
    expect(view).toMatchObject({
      status: "valid",
      invitation: { role: "admin", workspace: { name: "Invite Shop", slug: s.workspace.slug } },
    });

    expect(await acceptInvitationToken(handle.db, user, token)).toEqual({
      ok: true,
      data: { slug: s.workspace.slug, name: "Invite Shop", joined: true },
    });
    expect(await roleIn(user, s.workspace.slug)).toBe("admin");
    expect(await listPendingInvitations(handle.db, { workspaceId: s.workspace.id })).toEqual([]);

    expect(await acceptInvitationToken(handle.db, user, token)).toMatchObject({
      ok: false,
      code: "invitation_accepted",
    });
  });

  it("the e-mail must match the signed-in account, in any case", async () => {
    const s = await shop();
    const invited = await seedUser(handle.db, "invited");
    const other = await seedUser(handle.db, "other");
    const { token } = await invite(s, invited.email ?? "");
    const refused = await acceptInvitationToken(handle.db, other, token);
    expect(refused).toEqual({
      ok: false,
      code: "wrong_account",
      message: `This invitation is for ${invited.email}. Sign in with that address to accept it.`,
    });
    expect(await roleIn(other, s.workspace.slug)).toBeNull();
    const shouting = { ...invited, email: (invited.email ?? "").toUpperCase() };
    expect(await acceptInvitationToken(handle.db, shouting, token)).toMatchObject({ ok: true });
  });

  it("refuses an expired invitation", async () => {
    const s = await shop();
    const user = await seedUser(handle.db, "late");
    const { id, token } = await invite(s, user.email ?? "");
    await handle.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, id));
    expect((await inspectInvitationToken(handle.db, token)).status).toBe("expired");
    expect(await acceptInvitationToken(handle.db, user, token)).toMatchObject({
      ok: false,
      code: "invitation_expired",
    });
    expect(await roleIn(user, s.workspace.slug)).toBeNull();
    expect(await listPendingInvitations(handle.db, { workspaceId: s.workspace.id })).toEqual([]);
  });

  it("refuses a revoked invitation", async () => {
    const s = await shop();
    const user = await seedUser(handle.db, "withdrawn");
    const { id, token } = await invite(s, user.email ?? "");
    expect(await revokeMemberInvitation(await s.as(s.owner), { id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await acceptInvitationToken(handle.db, user, token)).toMatchObject({
      ok: false,
      code: "invitation_revoked",
    });
    expect(await roleIn(user, s.workspace.slug)).toBeNull();
  });

  it("refuses unknown and malformed tokens without a match", async () => {
    const user = await seedUser(handle.db, "guesser");
    for (const token of ["nope", "A".repeat(43), "../../etc"]) {
      expect(await acceptInvitationToken(handle.db, user, token)).toMatchObject({
        ok: false,
        code: "invitation_unknown",
      });
    }
  });

  it("revoking from another workspace does nothing", async () => {
    const a = await shop();
    const b = await shop();
    const { id, token } = await invite(a, "kept@example.test");
    expect(await revokeMemberInvitation(await b.as(b.owner), { id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect((await inspectInvitationToken(handle.db, token)).status).toBe("valid");
  });

  it("only owners invite owners; members are not invited again", async () => {
    const s = await shop(["admin", "agent"]);
    const [admin, agent] = s.others as [SessionUser, SessionUser];
    const asAdmin = await s.as(admin);
    expect(
      await inviteMember(asAdmin, { email: "boss@example.test", role: "owner" }, noMail),
    ).toMatchObject({ ok: false, code: "forbidden", fieldErrors: { role: expect.any(String) } });
    expect(
      await inviteMember(asAdmin, { email: "helper@example.test", role: "admin" }, noMail),
    ).toMatchObject({ ok: true });
    expect(
      await inviteMember(
        asAdmin,
        { email: (agent.email ?? "").toUpperCase(), role: "agent" },
        noMail,
      ),
    ).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.any(String) } });
    await invite(s, "co-owner@example.test", "owner");
  });

  it("admins cannot withdraw an owner invitation, and one from a demoted owner is void", async () => {
    const s = await shop(["owner", "admin"]);
    const [coOwner, admin] = s.others as [SessionUser, SessionUser];
    const sent = await inviteMember(
      await s.as(coOwner),
      { email: "heir@example.test", role: "owner" },
      noMail,
    );
    if (!sent.ok) throw new Error(sent.message);
    expect(await revokeMemberInvitation(await s.as(admin), { id: sent.data.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // The co-owner who sent it is made an admin: the invitation no longer makes an owner.
    await changeMemberRole(await s.as(s.owner), { userId: coOwner.id, role: "admin" });
    const heir = await seedUser(handle.db, "heir");
    const token = tokenOf(sent.data.link);
    expect(
      await acceptInvitationToken(handle.db, { ...heir, email: "heir@example.test" }, token),
    ).toMatchObject({ ok: false, code: "invitation_gone" });
    expect(await revokeMemberInvitation(await s.as(s.owner), { id: sent.data.id })).toMatchObject({
      ok: true,
    });
  });

  it("someone who is already a member keeps their role when accepting", async () => {
    const s = await shop();
    const user = await seedUser(handle.db, "already");
    const { token } = await invite(s, user.email ?? "", "agent");
    await addMembership(handle.db, { workspaceId: s.workspace.id, userId: user.id, role: "owner" });
    expect(await acceptInvitationToken(handle.db, user, token)).toMatchObject({
      ok: true,
      data: { joined: false },
    });
    expect(await roleIn(user, s.workspace.slug)).toBe("owner");
  });

  it("with SMTP, e-mails the link; when the server is down, still hands it to the inviter", async () => {
    const capture = await startSmtpCapture();
    const { mails, smtp } = capture;
    const s = await shop();
    try {
      const mailed = await invite(s, "mailed@example.test", "agent", {
        appUrl: APP_URL,
        smtp,
      });
      expect(mailed.emailed).toBe(true);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual(["mailed@example.test"]);
      expect(mails[0]?.raw.replace(/=\r\n/g, "")).toContain(mailed.token);
    } finally {
      await capture.close();
    }
    const logs = captureLogs();
    try {
      const unsent = await invite(s, "unsent@example.test", "agent", {
        appUrl: APP_URL,
        smtp,
      });
      expect(unsent.emailed).toBe(false);
      expect(unsent.link).toContain(unsent.token);
      expect(logs.lines.filter((l) => JSON.parse(l).level === "warn")).toHaveLength(1);
      expect(logs.lines.join("\n")).not.toContain(unsent.token);
      expect(logs.lines.join("\n")).not.toContain("unsent@example.test");
    } finally {
      logs.restore();
    }
  });

  it("audit rows record every step and never a token", async () => {
    const s = await shop();
    const user = await seedUser(handle.db, "audited");
    const { id, token } = await invite(s, user.email ?? "", "agent");
    await acceptInvitationToken(handle.db, user, token);
    const other = await invite(s, "revoked@example.test");
    await revokeMemberInvitation(await s.as(s.owner), { id: other.id });
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, s.workspace.id));
    expect(rows.map((r) => [r.action, r.target])).toEqual(
      expect.arrayContaining([
        ["invitation.created", id],
        ["invitation.accepted", id],
        ["invitation.created", other.id],
        ["invitation.revoked", other.id],
      ]),
    );
    const accepted = rows.find((r) => r.action === "invitation.accepted");
    expect(accepted).toMatchObject({ actorId: user.id, details: { role: "agent", joined: true } });
    const everything = JSON.stringify(await handle.db.select().from(auditLog));
    for (const t of tokens) {
      expect(everything).not.toContain(t);
      expect(everything).not.toContain(sha256Hex(t));
    }
  });
});
