import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { getEnv } from "@/lib/env";
import { fetchMessageMedia } from "@/lib/inbox/fetch-media";
import { mediaResponse } from "@/lib/inbox/media-response";

export const dynamic = "force-dynamic";

const STATUS_OF = {
  not_found: "not_found",
  no_token: "conflict",
  unavailable: "bad_gateway",
  too_large: "payload_too_large",
} as const;

/** A message's photo, voice note, video or document, fetched from WhatsApp for the inbox. */
export const GET = withWorkspace<{ messageId: string }>(
  "conversations.work",
  async (req, ctx, params) => {
    const id = z.uuid().safeParse(params.messageId);
    if (!id.success) throw new ApiError("not_found", "Message not found.");
    const { graph, keyring } = await getReplyDeps();
    const result = await fetchMessageMedia(
      { db: ctx.db, graph, keyring },
      { workspaceId: ctx.workspace.id, messageId: id.data, maxBytes: getEnv().mediaMaxBytes },
    );
    if (result.ok) return mediaResponse(result.file, req.headers.get("range"));
    throw new ApiError(STATUS_OF[result.reason], result.message);
  },
);
