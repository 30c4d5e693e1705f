import { listConversations } from "@/db/queries/conversations";
import { decodeCursor, encodeCursor, pageQuerySchema } from "@/lib/api/cursor";
import { withApiKey } from "@/lib/api/with-api-key";

// GET /api/v1/conversations – the workspace's conversations, newest first
export const GET = withApiKey(async ({ db, workspaceId, searchParams }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(searchParams));
  const { rows, next } = await listConversations(db, {
    workspaceId,
    after: decodeCursor(query.cursor, "uuid"),
    limit: query.limit,
  });
  return Response.json({
    data: rows.map((c) => ({
      id: c.id,
      contact: { waId: c.contactWaId, name: c.contactName },
      status: c.status,
      lastMessageAt: c.lastMessageAt.toISOString(),
    })),
    nextCursor: encodeCursor(next),
  });
});
