"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import {
  changeRoleSchema,
  inviteMemberSchema,
  recordIdSchema,
  removeMemberSchema,
} from "@/lib/validations/workspace-settings";
import { inviteMember, revokeMemberInvitation } from "@/lib/workspaces/invitations";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";

export const changeRoleAction = workspaceAction(
  "members.manage",
  changeRoleSchema,
  changeMemberRole,
);

export const removeMemberAction = workspaceAction(
  "members.manage",
  removeMemberSchema,
  removeMember,
);

export const inviteMemberAction = workspaceAction(
  "members.manage",
  inviteMemberSchema,
  (ctx, input) => inviteMember(ctx, input),
);

export const revokeInvitationAction = workspaceAction(
  "members.manage",
  recordIdSchema,
  revokeMemberInvitation,
);
