import { getBotSettings } from "@/db/queries/bot-settings";
import { type RatingRequest, recentCustomerTexts, requestRating } from "@/db/queries/csat";
import { dispatchInboxReply } from "@/inngest/dispatch";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { customerLanguage } from "@/lib/bot/detect-language";
import { systemMessage } from "@/lib/bot/system-messages";
import { log } from "@/lib/log";

/**
 * After a person closed a conversation: when the workspace asks for ratings, the customer gets the
 * question with its three buttons, through the same send job as a person's reply. Parley closes
 * conversations only when a person does, so every close is a person's work to be rated.
 */
export async function askForRating(
  ctx: WorkspaceContext,
  conversationId: string,
): Promise<RatingRequest> {
  const settings = await getBotSettings(ctx.db, ctx.workspace.id);
  if (!settings.csatEnabled) return { state: "none" };
  // Asked in the language the customer wrote in, as the bot's own messages are.
  const language = customerLanguage(
    await recentCustomerTexts(ctx.db, { workspaceId: ctx.workspace.id, conversationId }),
    settings.defaultLanguage,
  );
  const request = await requestRating(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId,
    closedBy: ctx.user.id,
    question: systemMessage(settings, "ratingQuestion", language),
    language,
  });
  if (request.state !== "queued") return request;
  try {
    await dispatchInboxReply({
      workspaceId: ctx.workspace.id,
      conversationId,
      channelId: request.channelId,
      messageId: request.messageId,
    });
  } catch (error) {
    // The request is stored pending: the sweep of queued messages sends it.
    log.error({ messageId: request.messageId, err: error }, "Queueing the rating request failed");
  }
  return request;
}
