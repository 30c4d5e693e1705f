"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import {
  cancelWorkspaceBroadcast,
  createWorkspaceBroadcast,
  previewAudience,
} from "@/lib/broadcasts/manage-broadcasts";
import {
  broadcastIdSchema,
  createBroadcastSchema,
  previewAudienceSchema,
} from "@/lib/validations/broadcast";

export const createBroadcastAction = workspaceAction(
  "broadcasts.manage",
  createBroadcastSchema,
  async (ctx, input) => createWorkspaceBroadcast(ctx, await getReplyDeps(), input),
);

export const previewAudienceAction = workspaceAction(
  "broadcasts.manage",
  previewAudienceSchema,
  async (ctx, input) => ({ ok: true, data: await previewAudience(ctx, input) }),
);

export const cancelBroadcastAction = workspaceAction(
  "broadcasts.manage",
  broadcastIdSchema,
  cancelWorkspaceBroadcast,
);
