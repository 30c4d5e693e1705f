import { getBroadcast, getProgress } from "@/db/queries/broadcasts";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { getReplyDeps } from "@/lib/bot/deps";
import { broadcastResource } from "@/lib/broadcasts/api-broadcasts";
import { createWorkspaceBroadcast } from "@/lib/broadcasts/manage-broadcasts";
import { createBroadcastSchema } from "@/lib/validations/broadcast";

// POST /api/v1/broadcasts – an approved template to the opted-in contacts of an audience, now or
// at `scheduledAt`; 201 with the broadcast and its progress
export const POST = withApiKey(
  async ({ actor, req, db, workspaceId }) => {
    const input = createBroadcastSchema.parse(await readJsonBody(req));
    const result = await createWorkspaceBroadcast(actor, await getReplyDeps(), input);
    if (!result.ok) throw refusalToApiError(result);
    const broadcastId = result.data.id;
    const b = await getBroadcast(db, { workspaceId, id: broadcastId });
    if (!b) throw refusalToApiError({ code: "not_found", message: "The broadcast was deleted." });
    const progress = await getProgress(db, { workspaceId, broadcastId });
    return Response.json({ data: broadcastResource(b, progress) }, { status: 201 });
  },
  { scope: "write" },
);
