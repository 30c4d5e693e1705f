import type { Role } from "@/db/queries/memberships";

// What each role may do. Agents work conversations only: no credentials, bot settings, members
// or API keys. Admins manage everything except owners.
export const PERMISSIONS = {
  "workspace.view": ["owner", "admin", "agent"],
  "conversations.work": ["owner", "admin", "agent"],
  // Importing, exporting and erasing customers' data is for owners and admins; agents see and
  // edit contacts as they work conversations.
  "contacts.manage": ["owner", "admin"],
  // The inbox's shared library: canned replies and labels. Agents use them.
  "inbox.manage": ["owner", "admin"],
  "workspace.rename": ["owner", "admin"],
  "channels.manage": ["owner", "admin"],
  "bot.manage": ["owner", "admin"],
  "templates.manage": ["owner", "admin"],
  // Messaging many customers at once is for owners and admins.
  "broadcasts.manage": ["owner", "admin"],
  "members.manage": ["owner", "admin"],
  "api_keys.manage": ["owner", "admin"],
  "analytics.view": ["owner", "admin"],
  "audit.view": ["owner", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export type Access =
  | { ok: true }
  | { ok: false; reason: "signed_out" | "not_member" | "forbidden"; message: string };

/** The one decision behind every page, action and route of a workspace. */
export function decideAccess(
  user: { id: string } | null,
  membership: { role: Role } | null,
  permission: Permission,
): Access {
  if (!user) return { ok: false, reason: "signed_out", message: "Sign in to continue." };
  // Not revealing whether a workspace exists to someone outside it.
  if (!membership) return { ok: false, reason: "not_member", message: "Workspace not found." };
  if (!can(membership.role, permission)) {
    return {
      ok: false,
      reason: "forbidden",
      message: `Your role (${membership.role}) cannot do this. Ask an owner or admin of the workspace.`,
    };
  }
  return { ok: true };
}

/** Who may give which role: only owners make or change owners. */
export function canAssignRole(actor: Role, from: Role | null, to: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return to !== "owner" && from !== "owner";
  return false;
}
