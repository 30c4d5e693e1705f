import { z } from "zod";
import { email, workspaceName } from "./auth";

export const ROLES = ["owner", "admin", "agent"] as const;
export const role = z.enum(ROLES, { error: "Choose a role." });

export const renameWorkspaceSchema = z.object({ name: workspaceName });

export const inviteMemberSchema = z.object({ email, role });
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

const userId = z.string().min(1, "Choose a member.").max(200);

export const changeRoleSchema = z.object({ userId, role });
export const removeMemberSchema = z.object({ userId });

export const recordIdSchema = z.object({ id: z.uuid("Unknown item.") });

export const apiKeyNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the key after what will use it, e.g. “CRM sync”.")
    .max(60, "Use at most 60 characters."),
  access: z.enum(["read", "write"], { error: "Choose what the key may do." }).default("write"),
});

export const noInputSchema = z.object({});
