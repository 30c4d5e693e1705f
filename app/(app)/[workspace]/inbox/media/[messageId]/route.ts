import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { fetchMessageMedia } from "@/lib/inbox/fetch-media";
import { mediaResponse } from "@/lib/inbox/media-response";

export const dynamic = "force-dynamic";

/** A message's photo, voice note, video or document, fetched from WhatsApp for the inbox. */
export const GET = withWorkspace<{ messageId: string }>(
  "conversations.work",
  async (req, ctx, params) => {
    const id = z.uuid().safeParse(params.messageId);
    if (!id.success) throw new ApiError("not_found", "Message not found.");
    const { graph, keyring } = await getReplyDeps();
    const result = await fetchMessageMedia(
      { db: ctx.db, graph, keyring },
      { workspaceId: ctx.workspace.id, messageId: id.data },
    );
    if (result.ok) return mediaResponse(result.file, req.headers.get("range"));
    if (result.reason === "unavailable") {
      // Upstream failure: 502 in the API's error shape, which has no code of its own for it.
      return Response.json(
        { error: { code: "bad_gateway", message: result.message } },
        { status: 502, headers: { "cache-control": "no-store" } },
      );
    }
    throw new ApiError(result.reason === "no_token" ? "conflict" : "not_found", result.message);
  },
);
