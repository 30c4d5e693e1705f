"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rollWebhookSecret,
  sendTestEvent,
  setWebhookEndpointEnabled,
} from "@/lib/outgoing-webhooks/manage";
import {
  webhookEnabledSchema,
  webhookEndpointSchema,
  webhookIdSchema,
} from "@/lib/validations/outgoing-webhooks";

export const createWebhookAction = workspaceAction(
  "api_keys.manage",
  webhookEndpointSchema,
  (ctx, input) => createWebhookEndpoint(ctx, input),
);

export const deleteWebhookAction = workspaceAction(
  "api_keys.manage",
  webhookIdSchema,
  deleteWebhookEndpoint,
);

export const setWebhookEnabledAction = workspaceAction(
  "api_keys.manage",
  webhookEnabledSchema,
  setWebhookEndpointEnabled,
);

export const rollWebhookSecretAction = workspaceAction(
  "api_keys.manage",
  webhookIdSchema,
  (ctx, input) => rollWebhookSecret(ctx, input),
);

export const sendTestEventAction = workspaceAction(
  "api_keys.manage",
  webhookIdSchema,
  (ctx, input) => sendTestEvent(ctx, input),
);
