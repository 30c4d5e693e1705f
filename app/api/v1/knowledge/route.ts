import { listKnowledgeSources } from "@/db/queries/knowledge";
import { withApiKey } from "@/lib/api/with-api-key";
import { addSourceFromRequest, knowledgeResource } from "@/lib/knowledge/api-knowledge";

// GET /api/v1/knowledge – the workspace's knowledge sources with their status, newest first
export const GET = withApiKey(async ({ db, workspaceId }) => {
  const sources = await listKnowledgeSources(db, { workspaceId });
  return Response.json({ data: sources.map(knowledgeResource), nextCursor: null });
});

// POST /api/v1/knowledge – adds a document (multipart `file`), pasted text or a website; it is
// read in the background, so the answer is 202 with the source still processing
export const POST = withApiKey(
  async ({ req, db, workspaceId }) => {
    const source = await addSourceFromRequest(db, workspaceId, req);
    return Response.json({ data: knowledgeResource(source) }, { status: 202 });
  },
  { scope: "write" },
);
