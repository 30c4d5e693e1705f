"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { noInputSchema, renameWorkspaceSchema } from "@/lib/validations/workspace-settings";
import { leaveWorkspace } from "@/lib/workspaces/members";
import { renameWorkspaceAs } from "@/lib/workspaces/rename-workspace";

export const renameWorkspaceAction = workspaceAction(
  "workspace.rename",
  renameWorkspaceSchema,
  renameWorkspaceAs,
);

// Any member may leave, so this asks only for membership, not a settings permission.
export const leaveWorkspaceAction = workspaceAction("workspace.view", noInputSchema, (ctx) =>
  leaveWorkspace(ctx),
);
