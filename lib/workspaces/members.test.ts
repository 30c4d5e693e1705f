import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listAuditLog } from "@/db/queries/audit-log";
import { countOwners, listMembers } from "@/db/queries/members";
import { addMembership, findMembershipBySlug, type Role } from "@/db/queries/memberships";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { describeActivity } from "./activity";
import { createOwnedWorkspace } from "./create-workspace";
import { changeMemberRole, leaveWorkspace, removeMember } from "./members";
import { renameWorkspaceAs } from "./rename-workspace";

describe.each(testDatabaseKinds)("workspace members on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  /** A workspace with its owner and one member per extra role given. */
  async function team(...roles: Role[]) {
    const db = handle.db;
    const owner = await seedUser(db, "owner");
    const workspace = await createOwnedWorkspace(db, { name: "Team Shop", userId: owner.id });
    const others: SessionUser[] = [];
    for (const role of roles) {
      const user = await seedUser(db, role);
      await addMembership(db, { workspaceId: workspace.id, userId: user.id, role });
      others.push(user);
    }
    const as = (user: SessionUser) => contextAs(db, user, workspace.slug);
    const roleOf = async (user: SessionUser) =>
      (await findMembershipBySlug(db, { userId: user.id, slug: workspace.slug }))?.role ?? null;
    return { workspace, owner, others, as, roleOf };
  }

  it("lists members with name, e-mail, role and when they joined", async () => {
    const t = await team("admin", "agent");
    const members = await listMembers(handle.db, { workspaceId: t.workspace.id });
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [t.owner.email, "owner"],
      [t.others[0]?.email, "admin"],
      [t.others[1]?.email, "agent"],
    ]);
    expect(members[0]?.joinedAt).toBeInstanceOf(Date);
  });

  describe("the last owner", () => {
    it("cannot leave", async () => {
      const t = await team("admin");
      const result = await leaveWorkspace(await t.as(t.owner));
      expect(result).toMatchObject({ ok: false, code: "last_owner" });
      expect(result.ok || result.message).toMatch(/only owner/);
      expect(await t.roleOf(t.owner)).toBe("owner");
    });

    it("cannot demote themselves", async () => {
      const t = await team();
      const result = await changeMemberRole(await t.as(t.owner), {
        userId: t.owner.id,
        role: "admin",
      });
      expect(result).toMatchObject({ ok: false, code: "last_owner" });
      expect(await t.roleOf(t.owner)).toBe("owner");
    });

    it("cannot remove themselves", async () => {
      const t = await team();
      const result = await removeMember(await t.as(t.owner), { userId: t.owner.id });
      expect(result).toMatchObject({ ok: false, code: "last_owner" });
      expect(await countOwners(handle.db, { workspaceId: t.workspace.id })).toBe(1);
    });

    it("can leave once another owner exists", async () => {
      const t = await team("admin");
      const [admin] = t.others as [SessionUser];
      const ctx = await t.as(t.owner);
      expect(await changeMemberRole(ctx, { userId: admin.id, role: "owner" })).toEqual({
        ok: true,
        data: { role: "owner" },
      });
      expect(await leaveWorkspace(ctx)).toEqual({ ok: true, data: null });
      expect(await t.roleOf(t.owner)).toBeNull();
      expect(await countOwners(handle.db, { workspaceId: t.workspace.id })).toBe(1);
    });

    it("survives two owners demoting each other at the same moment", async () => {
      const t = await team("owner");
      const [second] = t.others as [SessionUser];
      const [a, b] = await Promise.all([t.as(t.owner), t.as(second)]);
      const results = await Promise.all([
        changeMemberRole(a, { userId: second.id, role: "agent" }),
        changeMemberRole(b, { userId: t.owner.id, role: "agent" }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await countOwners(handle.db, { workspaceId: t.workspace.id })).toBe(1);
    });
  });

  describe("an admin", () => {
    it("cannot demote, remove or create an owner", async () => {
      const t = await team("admin", "agent");
      const [admin, agent] = t.others as [SessionUser, SessionUser];
      const ctx = await t.as(admin);
      expect(await changeMemberRole(ctx, { userId: t.owner.id, role: "agent" })).toMatchObject({
        ok: false,
        code: "forbidden",
        message: "Only an owner can change an owner's role.",
      });
      expect(await removeMember(ctx, { userId: t.owner.id })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      expect(await changeMemberRole(ctx, { userId: agent.id, role: "owner" })).toMatchObject({
        ok: false,
        code: "forbidden",
        message: "Only an owner can make someone an owner.",
      });
      expect(await changeMemberRole(ctx, { userId: admin.id, role: "owner" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      expect(await t.roleOf(t.owner)).toBe("owner");
      expect(await t.roleOf(agent)).toBe("agent");
      expect(await t.roleOf(admin)).toBe("admin");
    });

    it("manages agents and other admins", async () => {
      const t = await team("admin", "agent", "admin");
      const [admin, agent, otherAdmin] = t.others as [SessionUser, SessionUser, SessionUser];
      const ctx = await t.as(admin);
      expect(await changeMemberRole(ctx, { userId: agent.id, role: "admin" })).toMatchObject({
        ok: true,
      });
      expect(await t.roleOf(agent)).toBe("admin");
      expect(await removeMember(ctx, { userId: otherAdmin.id })).toEqual({ ok: true, data: null });
      expect(await t.roleOf(otherAdmin)).toBeNull();
    });
  });

  it("an agent may leave", async () => {
    const t = await team("agent");
    const [agent] = t.others as [SessionUser];
    expect(await leaveWorkspace(await t.as(agent))).toEqual({ ok: true, data: null });
    expect(await t.roleOf(agent)).toBeNull();
  });

  it("removing yourself counts as leaving", async () => {
    const t = await team("admin");
    const [admin] = t.others as [SessionUser];
    expect(await removeMember(await t.as(admin), { userId: admin.id })).toMatchObject({ ok: true });
    const [entry] = await listAuditLog(handle.db, { workspaceId: t.workspace.id, limit: 1 });
    expect(entry).toMatchObject({ action: "member.left", actorName: "admin" });
  });

  it("does not touch a member of another workspace", async () => {
    const mine = await team();
    const theirs = await team("agent");
    const [outsider] = theirs.others as [SessionUser];
    const ctx = await mine.as(mine.owner);
    expect(await changeMemberRole(ctx, { userId: outsider.id, role: "admin" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await removeMember(ctx, { userId: outsider.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await theirs.roleOf(outsider)).toBe("agent");
  });

  it("audits each change, newest first, in plain words", async () => {
    const t = await team("agent", "agent");
    const [first, second] = t.others as [SessionUser, SessionUser];
    const ctx = await t.as(t.owner);
    await changeMemberRole(ctx, { userId: first.id, role: "admin" });
    await removeMember(ctx, { userId: second.id });
    expect(await renameWorkspaceAs(ctx, { name: "Renamed Shop" })).toEqual({
      ok: true,
      data: { name: "Renamed Shop" },
    });
    const entries = await listAuditLog(handle.db, { workspaceId: t.workspace.id, limit: 3 });
    expect(entries.map((e) => e.action)).toEqual([
      "workspace.renamed",
      "member.removed",
      "member.role_changed",
    ]);
    expect(entries.map((e) => describeActivity(e))).toEqual([
      { who: "owner", what: "renamed the workspace from “Team Shop” to “Renamed Shop”" },
      { who: "owner", what: `removed ${second.email} (agent)` },
      { who: "owner", what: `changed the role of ${first.email} from agent to admin` },
    ]);
    const all = await listAuditLog(handle.db, { workspaceId: t.workspace.id, limit: 20 });
    expect(all.at(-1)?.action).toBe("workspace.created");
  });

  it("reads only the workspace's own audit log", async () => {
    const a = await team();
    const b = await team();
    await renameWorkspaceAs(await a.as(a.owner), { name: "Only In A" });
    const entries = await listAuditLog(handle.db, { workspaceId: b.workspace.id, limit: 20 });
    expect(entries.map((e) => e.action)).toEqual(["workspace.created"]);
  });
});
