"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { saveBotSettingsAs } from "@/lib/bot/settings/save-bot-settings";
import { botSettingsFormSchema } from "@/lib/validations/bot-settings";

export const saveBotSettingsAction = workspaceAction(
  "bot.manage",
  botSettingsFormSchema,
  (ctx, input) => saveBotSettingsAs(ctx, input),
);
