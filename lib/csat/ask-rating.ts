import { getBotSettings } from "@/db/queries/bot-settings";
import { type RatingRequest, requestRating } from "@/db/queries/csat";
import { dispatchInboxReply } from "@/inngest/dispatch";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { log } from "@/lib/log";
import { DEFAULT_RATING_QUESTION } from "./rating-buttons";

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
  const request = await requestRating(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId,
    closedBy: ctx.user.id,
    question: settings.csatQuestion?.trim() || DEFAULT_RATING_QUESTION,
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
