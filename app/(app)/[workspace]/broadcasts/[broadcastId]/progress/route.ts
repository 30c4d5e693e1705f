import { z } from "zod";
import { getBroadcast, getProgress } from "@/db/queries/broadcasts";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";

export const dynamic = "force-dynamic";

/** A broadcast's status and counts, polled by its page while it sends. */
export const GET = withWorkspace<{ broadcastId: string }>(
  "broadcasts.manage",
  async (_req, ctx, params) => {
    const id = z.uuid().safeParse(params.broadcastId);
    const b = id.success
      ? await getBroadcast(ctx.db, { workspaceId: ctx.workspace.id, id: id.data })
      : null;
    if (!b) throw new ApiError("not_found", "Broadcast not found.");
    const progress = await getProgress(ctx.db, {
      workspaceId: ctx.workspace.id,
      broadcastId: b.id,
    });
    return Response.json(
      { status: b.status, progress },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
