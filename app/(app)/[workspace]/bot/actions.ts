"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/auth/workspace";
import { createAlertTemplateAs } from "@/lib/bot/alerts/create-alert-template";
import { getReplyDeps } from "@/lib/bot/deps";
import { saveBotSettingsAs } from "@/lib/bot/settings/save-bot-settings";
import { botSettingsFormSchema } from "@/lib/validations/bot-settings";

export const saveBotSettingsAction = workspaceAction(
  "bot.manage",
  botSettingsFormSchema,
  (ctx, input) => saveBotSettingsAs(ctx, input),
);

/** Submits Parley's own staff alert template to WhatsApp for review. */
export const createAlertTemplateAction = workspaceAction("bot.manage", z.object({}), async (ctx) =>
  createAlertTemplateAs(ctx, await getReplyDeps()),
);
