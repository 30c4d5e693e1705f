import type { Role } from "@/db/queries/memberships";

// Plain-words names for the roles, shared by the members page and the invitation page.
export const ROLE_LABEL: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  agent: "Agent",
};

export const ROLE_SUMMARY: Record<Role, string> = {
  owner: "everything, including managing other owners",
  admin: "settings, WhatsApp, members and API keys, but not owners",
  agent: "answering conversations in the inbox",
};

/** For sentences: "invited as an admin". */
export const ROLE_AS: Record<Role, string> = {
  owner: "an owner",
  admin: "an admin",
  agent: "an agent",
};
