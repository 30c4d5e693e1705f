import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { readThread } from "@/lib/inbox/read-inbox";
import { threadQuery } from "@/lib/validations/inbox";

export const dynamic = "force-dynamic";

/** A conversation with its latest messages and the team's notes, for polling. */
export const GET = withWorkspace<{ conversationId: string }>(
  "conversations.work",
  async (req, ctx, params) => {
    const query = threadQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    const id = z.uuid().safeParse(params.conversationId);
    const view = id.success ? await readThread(ctx, id.data, query.before) : null;
    if (!view) throw new ApiError("not_found", "Conversation not found.");
    return Response.json(view, { headers: { "cache-control": "no-store" } });
  },
);
