import { describe, expect, it } from "vitest";
import type { Role } from "@/db/queries/memberships";
import { can, canAssignRole, decideAccess, PERMISSIONS, type Permission } from "./permissions";

const user = { id: "user-1" };

describe("decideAccess", () => {
  it("refuses a signed-out visitor before anything else", () => {
    expect(decideAccess(null, { role: "owner" }, "workspace.view")).toEqual({
      ok: false,
      reason: "signed_out",
      message: "Sign in to continue.",
    });
  });

  it("refuses a non-member as if the workspace did not exist", () => {
    expect(decideAccess(user, null, "workspace.view")).toEqual({
      ok: false,
      reason: "not_member",
      message: "Workspace not found.",
    });
  });

  it.each<Permission>([
    "members.manage",
    "api_keys.manage",
    "channels.manage",
    "bot.manage",
    "workspace.rename",
    "audit.view",
    "analytics.view",
  ])("refuses an agent %s", (permission) => {
    const verdict = decideAccess(user, { role: "agent" }, permission);
    expect(verdict).toMatchObject({ ok: false, reason: "forbidden" });
    expect(verdict.ok || verdict.message).toContain("(agent)");
  });

  it.each<Permission>(["workspace.view", "conversations.work"])("lets an agent %s", (p) => {
    expect(decideAccess(user, { role: "agent" }, p)).toEqual({ ok: true });
  });

  it("lets owners and admins do everything in the table", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      for (const role of ["owner", "admin"] as const) {
        expect(decideAccess(user, { role }, permission)).toEqual({ ok: true });
        expect(can(role, permission)).toBe(true);
      }
    }
  });
});

describe("canAssignRole", () => {
  const roles: (Role | null)[] = ["owner", "admin", "agent", null];

  it("lets an owner give and take any role", () => {
    for (const from of roles) {
      for (const to of ["owner", "admin", "agent"] as const) {
        expect(canAssignRole("owner", from, to)).toBe(true);
      }
    }
  });

  it("never lets an admin make an owner", () => {
    for (const from of roles) expect(canAssignRole("admin", from, "owner")).toBe(false);
  });

  it("never lets an admin change an owner", () => {
    expect(canAssignRole("admin", "owner", "admin")).toBe(false);
    expect(canAssignRole("admin", "owner", "agent")).toBe(false);
  });

  it("lets an admin move admins and agents, and invite them", () => {
    expect(canAssignRole("admin", "agent", "admin")).toBe(true);
    expect(canAssignRole("admin", "admin", "agent")).toBe(true);
    expect(canAssignRole("admin", null, "admin")).toBe(true);
    expect(canAssignRole("admin", null, "agent")).toBe(true);
  });

  it("lets an agent assign nothing", () => {
    for (const from of roles) {
      for (const to of ["owner", "admin", "agent"] as const) {
        expect(canAssignRole("agent", from, to)).toBe(false);
      }
    }
  });
});
