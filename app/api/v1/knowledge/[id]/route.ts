import { z } from "zod";
import { getKnowledgeSource } from "@/db/queries/knowledge";
import { ApiError } from "@/lib/api/errors";
import { withApiKey } from "@/lib/api/with-api-key";
import { knowledgeResource } from "@/lib/knowledge/api-knowledge";
import { removeSource } from "@/lib/knowledge/manage-sources";

type Params = { id: string };

const notFound = () =>
  new ApiError("not_found", "This workspace has no knowledge source with this id.");
const validId = (id: string) => z.uuid().safeParse(id).success;

// GET /api/v1/knowledge/{id}
export const GET = withApiKey<Params>(async ({ db, workspaceId, params }) => {
  const source = validId(params.id)
    ? await getKnowledgeSource(db, { workspaceId, id: params.id })
    : null;
  if (!source) throw notFound();
  return Response.json({ data: knowledgeResource(source) });
});

// DELETE /api/v1/knowledge/{id} – removes the source and its passages
export const DELETE = withApiKey<Params>(
  async ({ db, workspaceId, params }) => {
    if (!validId(params.id)) throw notFound();
    const removed = await removeSource(db, workspaceId, params.id);
    if (!removed.ok) throw notFound();
    return new Response(null, { status: 204 });
  },
  { scope: "write" },
);
