"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { apiKeyNameSchema, recordIdSchema } from "@/lib/validations/workspace-settings";
import { createWorkspaceApiKey, revokeWorkspaceApiKey } from "@/lib/workspaces/api-keys";

export const createApiKeyAction = workspaceAction(
  "api_keys.manage",
  apiKeyNameSchema,
  createWorkspaceApiKey,
);

export const revokeApiKeyAction = workspaceAction(
  "api_keys.manage",
  recordIdSchema,
  revokeWorkspaceApiKey,
);
