import { z } from "zod";
import { getConversation } from "@/db/queries/conversations";
import { listMessages } from "@/db/queries/messages";
import { decodeCursor, encodeCursor, pageQuerySchema } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/errors";
import { withApiKey } from "@/lib/api/with-api-key";

// GET /api/v1/conversations/{id}/messages – one conversation's messages, oldest first
export const GET = withApiKey<{ id: string }>(async ({ db, workspaceId, params, searchParams }) => {
  const id = z.uuid().safeParse(params.id);
  const conversation = id.success ? await getConversation(db, { workspaceId, id: id.data }) : null;
  if (!conversation)
    throw new ApiError("not_found", "No conversation with this id in your workspace.");
  const query = pageQuerySchema.parse(Object.fromEntries(searchParams));
  const { rows, next } = await listMessages(db, {
    workspaceId,
    conversationId: conversation.id,
    after: decodeCursor(query.cursor, "seq"),
    limit: query.limit,
  });
  return Response.json({
    data: rows.map((m) => ({
      id: m.id,
      direction: m.direction,
      type: m.type,
      text: m.text,
      status: m.status,
      source: m.source,
      waMessageId: m.waMessageId,
      createdAt: m.createdAt.toISOString(),
    })),
    nextCursor: encodeCursor(next),
  });
});
