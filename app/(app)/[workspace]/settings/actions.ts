"use server";

import { setReminderMinutes } from "@/db/queries/workspaces";
import { workspaceAction } from "@/lib/auth/workspace";
import { reminderSchema } from "@/lib/validations/notifications";
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

export const saveReminderAction = workspaceAction(
  "workspace.rename",
  reminderSchema,
  async (ctx, input) => {
    await setReminderMinutes(ctx.db, { workspaceId: ctx.workspace.id, minutes: input.minutes });
    await ctx.audit("workspace.reminder_changed", ctx.workspace.id, { minutes: input.minutes });
    return { ok: true, data: { minutes: input.minutes } };
  },
);
