import { withWorkspace } from "@/lib/auth/workspace";
import { liveEventStream } from "@/lib/live/event-stream";

export const dynamic = "force-dynamic";

/** The workspace's inbox changes as they happen (server-sent events), for its members only. */
export const GET = withWorkspace("conversations.work", async (req, ctx) =>
  liveEventStream(ctx, req.signal),
);
