import { z } from "zod";
import { getFaq } from "@/db/queries/faqs";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { faqResource, patchedFaq } from "@/lib/faqs/api-faqs";
import { deleteWorkspaceFaq, updateWorkspaceFaq } from "@/lib/faqs/manage-faqs";

type Params = { id: string };

const notFound = () => new ApiError("not_found", "This workspace has no FAQ with this id.");

async function stored(db: Parameters<typeof getFaq>[0], workspaceId: string, id: string) {
  const faq = z.uuid().safeParse(id).success ? await getFaq(db, { workspaceId, id }) : null;
  if (!faq) throw notFound();
  return faq;
}

// GET /api/v1/faqs/{id}
export const GET = withApiKey<Params>(async ({ db, workspaceId, params }) =>
  Response.json({ data: faqResource(await stored(db, workspaceId, params.id)) }),
);

// PATCH /api/v1/faqs/{id} – changes the fields given
export const PATCH = withApiKey<Params>(
  async ({ actor, req, db, workspaceId, params }) => {
    const before = await stored(db, workspaceId, params.id);
    const input = patchedFaq(before, await readJsonBody(req));
    const result = await updateWorkspaceFaq(actor, input);
    if (!result.ok) throw refusalToApiError(result);
    return Response.json({ data: faqResource(await stored(db, workspaceId, params.id)) });
  },
  { scope: "write" },
);

// DELETE /api/v1/faqs/{id} – 204, or 404 when it is already gone
export const DELETE = withApiKey<Params>(
  async ({ actor, workspaceId, db, params }) => {
    await stored(db, workspaceId, params.id);
    const result = await deleteWorkspaceFaq(actor, { id: params.id });
    if (!result.ok) throw refusalToApiError(result);
    return new Response(null, { status: 204 });
  },
  { scope: "write" },
);
