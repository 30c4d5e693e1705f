import { z } from "zod";
import { getBroadcast, getProgress, listRecipients } from "@/db/queries/broadcasts";
import { pageQuerySchema } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/errors";
import { withApiKey } from "@/lib/api/with-api-key";
import {
  broadcastResource,
  decodeRecipientCursor,
  encodeRecipientCursor,
  recipientResource,
} from "@/lib/broadcasts/api-broadcasts";

type Params = { id: string };

// GET /api/v1/broadcasts/{id} – the broadcast, its progress and one page of its recipients
export const GET = withApiKey<Params>(
  async ({ db, workspaceId, params, searchParams }) => {
    const query = pageQuerySchema.parse(Object.fromEntries(searchParams));
    const b = z.uuid().safeParse(params.id).success
      ? await getBroadcast(db, { workspaceId, id: params.id })
      : null;
    if (!b) throw new ApiError("not_found", "This workspace has no broadcast with this id.");
    const scope = { workspaceId, broadcastId: b.id };
    const [progress, page] = await Promise.all([
      getProgress(db, scope),
      listRecipients(db, {
        ...scope,
        after: decodeRecipientCursor(query.cursor),
        limit: query.limit,
      }),
    ]);
    return Response.json({
      data: {
        ...broadcastResource(b, progress),
        recipients: page.rows.map(recipientResource),
      },
      nextCursor: encodeRecipientCursor(page.next),
    });
  },
  { scope: "write" },
);
