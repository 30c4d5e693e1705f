import { z } from "zod";
import { getInboxConversation } from "@/db/queries/inbox-thread";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { listInboxTemplates } from "@/lib/inbox/list-templates";

export const dynamic = "force-dynamic";

/** The approved templates this conversation's number can send, with their parameters. */
export const GET = withWorkspace<{ conversationId: string }>(
  "conversations.work",
  async (_req, ctx, params) => {
    const id = z.uuid().safeParse(params.conversationId);
    const conversation = id.success
      ? await getInboxConversation(ctx.db, { workspaceId: ctx.workspace.id, id: id.data })
      : null;
    if (!conversation) throw new ApiError("not_found", "Conversation not found.");
    const list = await listInboxTemplates(await getReplyDeps(), {
      workspaceId: ctx.workspace.id,
      channelId: conversation.channel.id,
    });
    return Response.json(list, { headers: { "cache-control": "no-store" } });
  },
);
